// The __Title__ page (/__id__): the tenant's items, a form to add one, live updates.
import {
  LitElement,
  api,
  css,
  can,
  formatDateTime,
  html,
  nothing,
  pageStyles,
  repeat,
  stream,
  t,
  toast,
} from '@outpost/ui-sdk';
import type { Item } from '../src/schemas.js';

class __Name__Page extends LitElement {
  static override properties = { path: {}, items: { state: true }, error: { state: true } };
  static override styles = [
    pageStyles,
    css`form { display: flex; gap: var(--wa-space-xs); align-items: end; margin-bottom: var(--wa-space-m); }`,
  ];

  declare path: string;
  declare items: Item[] | undefined;
  declare error: string | undefined;
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.path = '/__id__';
    this.items = undefined;
    this.error = undefined;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('__id__.*', () => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private async load() {
    try {
      this.items = (await api<{ items: Item[] }>('GET', '/__id__/items')).items;
      this.error = undefined;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const title = String(new FormData(form).get('title') ?? '');
    try {
      await api('POST', '/__id__/items', { title });
      form.reset();
      await this.load();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  private async deleteItem(item: Item) {
    try {
      await api('DELETE', `/__id__/items/${item.id}`);
      await this.load();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  override render() {
    if (this.path !== '/__id__') return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
    const manage = can('__id__.item.manage');
    return html`<h1>${t('__Title__')}</h1>
      ${
        manage
          ? html`<form @submit=${this.add}>
            <wa-input name="title" required maxlength="200" label=${t('Title')} class="sr-label" placeholder=${t('Title')}></wa-input>
            <wa-button type="submit" variant="brand">${t('Add')}</wa-button>
          </form>`
          : html`<p>${t('Adding items needs the permission {permission}.', { permission: '__id__.item.manage' })}</p>`
      }
      ${this.error ? html`<wa-callout variant="danger" role="alert">${this.error}</wa-callout>` : nothing}
      ${
        this.items === undefined
          ? html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`
          : this.items.length === 0
            ? html`<p class="empty">${t('No items yet.')}</p>`
            : html`<table>
              <thead>
                <tr>
                  <th>${t('Title')}</th>
                  <th>${t('Added')}</th>
                  <th>${t('Processed')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.items,
                  (item) => item.id,
                  (item) =>
                    html`<tr>
                      <td>${item.title}</td>
                      <td>${formatDateTime(item.createdAt)}</td>
                      <td>${formatDateTime(item.processedAt)}</td>
                      <td>
                        ${manage ? html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.deleteItem(item)}>${t('Delete')}</wa-button>` : nothing}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
  }
}

customElements.define('__id__-page', __Name__Page);
