import { LitElement, api, can, css, html, nothing, stream, t, type PropertyValues } from '@outpost/ui-sdk';
import type { Group, Items } from '../api-types.js';
import { devicesCount, focusControl, navigate, sharedStyles } from '../shared.js';
import './group-actions.js';
import { createGroup, formText, groupStyles } from './groups.js';

/** /devices/groups: every group with its devices, New group, Rename, Delete. */
export class GroupsPage extends LitElement {
  static override properties = { creating: { type: Boolean }, groups: { state: true } };
  static override styles = [
    sharedStyles,
    groupStyles,
    css`
      th, td { vertical-align: middle; }
      td a { font-weight: var(--wa-font-weight-semibold); text-decoration: none; overflow-wrap: anywhere; }
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
    if (changed.has('creating') && this.creating) void focusControl(this.renderRoot.querySelector('#group-name'));
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
              <wa-input id="group-name" label=${t('Group name')} name="name" required maxlength="100" placeholder=${t('Acme Corp')}></wa-input>
              <wa-button type="submit" variant="brand"><wa-icon slot="start" name="folder-plus"></wa-icon>${t('Create')}</wa-button>
            </form>
          </section>`
          : nothing
      }
      ${this.renderGroups(manage)}`;
  }

  renderGroups(manage: boolean) {
    if (!this.groups) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
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
