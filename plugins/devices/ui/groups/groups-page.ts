import { LitElement, api, can, css, html, nothing, stream, t, type PropertyValues } from '@outpost/ui-sdk';
import type { Group, Items } from '../api-types.js';
import { devicesCount, navigate, sharedStyles } from '../shared.js';
import './group-actions.js';
import { createGroup, formText, groupStyles } from './groups.js';

/** /devices/groups: every group with its devices, New group, Rename, Delete. */
export class GroupsPage extends LitElement {
  static override properties = { creating: { type: Boolean }, groups: { state: true } };
  static override styles = [
    sharedStyles,
    groupStyles,
    css`
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #e5e7eb; vertical-align: middle; }
      th { font-size: 0.8rem; color: #475569; }
      td a { color: #1d4ed8; font-weight: 600; text-decoration: none; overflow-wrap: anywhere; }
      @media (max-width: 640px) {
        thead { display: none; }
        tr, td { display: block; border: 0; padding: 0.2rem 0; }
        tr { border-bottom: 1px solid #e5e7eb; padding: 0.5rem 0; }
      }
    `,
  ];
  /** Opened as /devices/groups/new: the name field has the focus. */
  declare creating: boolean;
  declare groups: Group[] | null;
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.creating = false;
    this.groups = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('devices.group.changed', () => void this.load());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async load(): Promise<void> {
    this.groups = (await api<Items<Group>>('GET', '/devices/groups')).items;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('creating') && this.creating)
      this.renderRoot.querySelector<HTMLInputElement>('#group-name')?.focus();
  }

  async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const group = await createGroup(formText(new FormData(event.target as HTMLFormElement), 'name').trim());
    if (group) navigate(`/devices/group/${group.id}`);
  }

  override render() {
    const manage = can('groups.manage');
    return html`<p><a href="/devices">← ${t('Devices')}</a></p>
      <h1>${t('Groups')}</h1>
      ${
        manage
          ? html`<section class="panel" aria-labelledby="new-group">
            <h2 id="new-group" class="sr-only">${t('New group')}</h2>
            <form class="inline" @submit=${this.create}>
              <label>${t('Group name')}<input id="group-name" name="name" required maxlength="100" placeholder=${t('Acme Corp')} /></label>
              <button class="primary">${t('Create')}</button>
            </form>
          </section>`
          : nothing
      }
      ${this.renderGroups(manage)}`;
  }

  renderGroups(manage: boolean) {
    if (!this.groups) return html`<p class="muted">${t('Loading…')}</p>`;
    if (!this.groups.length)
      return html`<div class="empty"><p>${t('No groups yet. Group devices by customer, place or kind: "Acme Corp", "Office", "Servers".')}</p></div>`;
    return html`<section class="panel">
      <table aria-label=${t('Groups')}>
        <thead><tr><th>${t('Name')}</th><th>${t('Devices')}</th>${manage ? html`<th>${t('Actions')}</th>` : nothing}</tr></thead>
        <tbody>
          ${this.groups.map(
            (g) => html`<tr data-group=${g.id}>
              <td><a href=${`/devices/group/${g.id}`}>${g.name}</a></td>
              <td>${devicesCount(g.deviceCount)}</td>
              ${manage ? html`<td><devices-group-actions .group=${g} @outpost-group-changed=${() => this.load()}></devices-group-actions></td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
customElements.define('devices-groups', GroupsPage);
