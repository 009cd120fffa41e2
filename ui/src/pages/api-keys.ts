import { html, nothing } from 'lit';
import { api } from '../api.js';
import { t } from '../i18n.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { confirmDestructive } from '../components/dialog.js';
import { copyText } from '../clipboard.js';
import { formatDateTime } from '../format.js';
import type { ApiKeyInfo } from '../types.js';
import { OutpostPage } from './page.js';

type ApiKey = ApiKeyInfo;
type Origin = ApiKeyInfo['createdFrom'];

/** Where a key was created or used from: the address, then the device and software its user agent names. */
function originText(origin: Origin): string {
  if (!origin) return '';
  return t('from {ip} ({device}, {software})', { ip: origin.ip, device: origin.device, software: origin.software });
}

/** The same as one line of text, for search, sorting and CSV. */
function whenAndWhereText(time: string | null, origin: Origin, never: string): string {
  return time ? [formatDateTime(time), originText(origin)].filter(Boolean).join(' ') : never;
}

/** A time with where it happened from on a second line. */
function whenAndWhere(time: string | null, origin: Origin, never: string) {
  if (!time) return never;
  return html`${formatDateTime(time)}${origin ? html`<div class="hint">${originText(origin)}</div>` : nothing}`;
}

/** API keys: create one (shown once, with a copy button), see when and where each was created and last used, revoke. */
export class OutpostApiKeysPage extends OutpostPage {
  static override properties = {
    ...OutpostPage.properties,
    keys: { state: true },
    created: { state: true },
    selection: { state: true },
  };
  selection: string[] = [];
  keys: ApiKey[] = [];
  created: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.keys = (await api<{ items: ApiKey[] }>('GET', '/api-keys')).items;
  }

  override render() {
    const columns: Column<ApiKey>[] = [
      { key: 'name', label: t('Name') },
      { key: 'prefix', label: t('Key'), render: (k) => html`<code>${k.prefix}…</code>` },
      { key: 'scopes', label: t('Scopes'), text: (k) => k.scopes.join(', ') },
      {
        key: 'createdAt',
        label: t('Created'),
        render: (k) => whenAndWhere(k.createdAt, k.createdFrom, ''),
        text: (k) => whenAndWhereText(k.createdAt, k.createdFrom, ''),
      },
      {
        key: 'lastUsedAt',
        label: t('Last used'),
        render: (k) => whenAndWhere(k.lastUsedAt, k.lastUsedFrom, t('never')),
        text: (k) => whenAndWhereText(k.lastUsedAt, k.lastUsedFrom, t('never')),
      },
      { key: 'requests30d', label: t('Requests (30 days)'), text: (k) => String(k.requests30d) },
      {
        key: 'id',
        label: '',
        sortable: false,
        render: (k) =>
          html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.revoke(k)}>${t('Revoke')}</wa-button>`,
      },
    ];
    return html`<h1>${t('API keys')}</h1>
      <section>
        <h2>${t('New key')}</h2>
        <form @submit=${this.create}>
          <wa-input label=${t('Name')} name="name" required maxlength="100" placeholder=${t('Reporting script')} autocomplete="off"></wa-input>
          <fieldset class="choices">
            <legend>${t('Scopes')}</legend>
            <div class="grid">
              <wa-checkbox name="scope" value="*">${t('everything you can do')}</wa-checkbox>
              <wa-checkbox name="scope" value="write">${t('allow changes (write)')}</wa-checkbox>
              ${this.account.permissions.map((p) => html`<wa-checkbox name="scope" value=${p}>${p}</wa-checkbox>`)}
            </div>
          </fieldset>
          <p class="hint">${t('Keys only read unless they have the write scope, and never do more than you can.')}</p>
          <wa-button type="submit" variant="brand">${t('Create key')}</wa-button>
        </form>
        ${
          this.created
            ? html`<p role="status">${t('Copy the key now: it is shown only once.')}</p>
              <p><code data-testid="new-key">${this.created}</code> <wa-button appearance="outlined" @click=${this.copy}>${t('Copy')}</wa-button></p>`
            : nothing
        }
      </section>
      <outpost-data-table label=${t('API keys')} filename="api-keys.csv" selectable .columns=${columns} .rows=${this.keys} @selection-change=${(e: CustomEvent<string[]>) => (this.selection = e.detail)}>
        <wa-button slot="bulk" variant="danger" appearance="outlined" @click=${this.revokeSelected}>${t('Revoke selected')}</wa-button>
        <p slot="empty">${t('No API keys yet. Create one above to use the REST API from scripts:')} <code>${t('Authorization: Bearer opk_…')}</code></p>
      </outpost-data-table>`;
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = new FormData(form);
    const scopes = values.getAll('scope').map(String);
    await this.act(async () => {
      this.created = (
        await api<{ key: string }>('POST', '/api-keys', { name: String(values.get('name')), scopes })
      ).key;
      form.reset();
      await this.load();
    }, t('The key is created.'));
  }

  private async revokeSelected() {
    const count = this.selection.length;
    if (
      !(await confirmDestructive({
        title: t('Revoke keys'),
        message: t('Revoke {count, plural, one {# key} other {# keys}}? Programs using them stop working at once.', {
          count,
        }),
        action: t('Revoke'),
      }))
    )
      return;
    await this.act(
      async () => {
        for (const id of this.selection) await api('DELETE', `/api-keys/${id}`);
        this.selection = [];
        await this.load();
      },
      t('{count, plural, one {# key} other {# keys}} revoked.', { count }),
    );
  }

  private copy() {
    return copyText(this.created ?? '');
  }

  private async revoke(key: ApiKey) {
    if (
      !(await confirmDestructive({
        title: t('Revoke key'),
        message: t('Revoke "{name}"? Programs using it stop working at once.', { name: key.name }),
        action: t('Revoke'),
      }))
    )
      return;
    await this.act(async () => {
      await api('DELETE', `/api-keys/${key.id}`);
      await this.load();
    }, t('The key is revoked.'));
  }
}
customElements.define('outpost-api-keys-page', OutpostApiKeysPage);
