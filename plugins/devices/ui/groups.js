// Device groups: the Groups page (/devices/groups, and /devices/groups/new from the
// navigation's "+ Add group"), renaming and deleting a group, and the picker that moves
// one device into a group from its row or its page.
const { LitElement, html, css, nothing, api, t, toast, can, confirmDestructive } = window.Outpost;
import { devicesCount, navigate, sharedStyles } from './shared.js';

const groupStyles = css`
  form.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
  form.inline label { display: flex; flex-direction: column; font-size: 0.8rem; color: #475569; gap: 0.2rem; }
  .actions { display: inline-flex; flex-wrap: wrap; gap: 0.4rem; }
`;

/** Creates a group; answers it, or undefined after telling the user why not. */
async function createGroup(name) {
  try {
    const group = await api('POST', '/devices/groups', { name });
    toast(t('The group {name} is created.', { name: group.name }));
    return group;
  } catch (error) {
    toast(error.message, 'error');
    return undefined;
  }
}

function announce(element, name, detail) {
  element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/**
 * Rename and Delete for one group, with the new name typed in place. Fires
 * `outpost-group-changed` (`{ group, change: 'renamed' | 'deleted' }`).
 */
class GroupActions extends LitElement {
  static properties = { group: { attribute: false }, renaming: { state: true } };
  static styles = [
    sharedStyles,
    groupStyles,
    css`:host { display: inline-block; font-size: 1rem; font-weight: normal; }`,
  ];

  constructor() {
    super();
    this.renaming = false;
  }

  async startRenaming() {
    this.renaming = true;
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.select();
  }

  async rename(event) {
    event.preventDefault();
    const name = new FormData(event.target).get('name').trim();
    try {
      const group = await api('PATCH', `/devices/groups/${this.group.id}`, { name });
      toast(t('The group is now called {name}.', { name: group.name }));
      this.renaming = false;
      announce(this, 'outpost-group-changed', { group, change: 'renamed' });
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async deleteGroup() {
    const { name, deviceCount } = this.group;
    const ok = await confirmDestructive({
      title: t('Delete group'),
      message: t(
        '{count, plural, =0 {Delete the group {name}? It has no devices.} one {Delete the group {name}? Its device stays, without a group.} other {Delete the group {name}? Its # devices stay, without a group.}} Invites and deployments that put new devices in it will add them without a group.',
        { count: deviceCount, name },
      ),
      action: t('Delete group'),
    });
    if (!ok) return;
    await api('DELETE', `/devices/groups/${this.group.id}`);
    toast(t('The group {name} is deleted.', { name }));
    announce(this, 'outpost-group-changed', { group: this.group, change: 'deleted' });
  }

  render() {
    if (this.renaming) {
      return html`<form class="inline" @submit=${this.rename} @keydown=${(e) => e.key === 'Escape' && (this.renaming = false)}>
        <label>${t('New name of {name}', { name: this.group.name })}<input name="name" required maxlength="100" .value=${this.group.name} /></label>
        <button class="primary">${t('Save')}</button>
        <button type="button" @click=${() => (this.renaming = false)}>${t('Cancel')}</button>
      </form>`;
    }
    return html`<span class="actions">
      <button @click=${this.startRenaming} aria-label=${t('Rename {name}', { name: this.group.name })}>${t('Rename')}</button>
      <button class="danger" @click=${this.deleteGroup} aria-label=${t('Delete {name}', { name: this.group.name })}>${t('Delete')}</button>
    </span>`;
  }
}
customElements.define('devices-group-actions', GroupActions);

/** /devices/groups: every group with its devices, New group, Rename, Delete. */
class GroupsPage extends LitElement {
  static properties = { creating: { type: Boolean }, groups: { state: true } };
  static styles = [
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

  constructor() {
    super();
    this.creating = false;
    this.groups = null;
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = window.Outpost.stream.subscribe('devices.group.changed', () => void this.load());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async load() {
    this.groups = (await api('GET', '/devices/groups')).items;
  }

  updated(changed) {
    if (changed.has('creating') && this.creating) this.renderRoot.querySelector('#group-name')?.focus();
  }

  async create(event) {
    event.preventDefault();
    const group = await createGroup(new FormData(event.target).get('name').trim());
    if (group) navigate(`/devices/group/${group.id}`);
  }

  render() {
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

  renderGroups(manage) {
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

const newGroup = '+new';

/**
 * A device's group, as a button that opens a choice of groups (and, for those who may,
 * a new one); choosing moves the device at once. Without a group it reads "+ Add group".
 * Fires `outpost-device-moved` (`{ deviceId, groupId }`).
 */
class GroupPicker extends LitElement {
  static properties = {
    device: { attribute: false },
    groups: { attribute: false },
    choosing: { state: true },
    naming: { state: true },
  };
  static styles = [
    sharedStyles,
    groupStyles,
    css`
      :host { display: inline-block; max-width: 100%; }
      button.group { border: none; background: none; padding: 0.1rem 0.2rem; color: #1d4ed8; text-align: left; overflow-wrap: anywhere; }
      button.group:hover { text-decoration: underline; }
      select { max-width: 14rem; }
    `,
  ];

  constructor() {
    super();
    this.groups = [];
    this.choosing = false;
    this.naming = false;
  }

  async show(part) {
    this.choosing = part === 'choose';
    this.naming = part === 'name';
    await this.updateComplete;
    this.renderRoot.querySelector(this.naming ? 'input' : 'select')?.focus();
  }

  async closeChoice() {
    this.choosing = false;
    this.naming = false;
    await this.updateComplete;
    this.renderRoot.querySelector('button.group')?.focus();
  }

  choose(event) {
    const value = event.target.value;
    if (value === newGroup) return this.show('name');
    return this.move(value || null);
  }

  async createAndMove(event) {
    event.preventDefault();
    const group = await createGroup(new FormData(event.target).get('name').trim());
    if (group) await this.move(group.id, group);
  }

  async move(groupId, group = this.groups.find((g) => g.id === groupId)) {
    const { id, name } = this.device;
    try {
      await api('POST', '/devices/bulk', { ids: [id], action: 'move', groupId });
    } catch (error) {
      toast(error.message, 'error');
      return;
    }
    toast(
      group
        ? t('{device} is now in {group}.', { device: name, group: group.name })
        : t('{device} is in no group now.', { device: name }),
    );
    announce(this, 'outpost-device-moved', { deviceId: id, groupId });
    await this.closeChoice();
  }

  render() {
    const d = this.device;
    if (!d) return nothing;
    const cancel = html`<button type="button" @click=${this.closeChoice}>${t('Cancel')}</button>`;
    const escape = (e) => e.key === 'Escape' && this.closeChoice();
    if (this.naming) {
      return html`<form class="inline" @submit=${this.createAndMove} @keydown=${escape}>
        <label>${t('New group for {name}', { name: d.name })}<input name="name" required maxlength="100" /></label>
        <button class="primary">${t('Create')}</button> ${cancel}
      </form>`;
    }
    if (this.choosing) {
      return html`<span class="actions" @keydown=${escape}>
        <select aria-label=${t('Group of {name}', { name: d.name })} @change=${this.choose}>
          <option value="" ?selected=${!d.groupId}>${t('No group')}</option>
          ${this.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === d.groupId}>${g.name}</option>`)}
          ${can('groups.manage') ? html`<option value=${newGroup}>+ ${t('New group…')}</option>` : nothing}
        </select>
        ${cancel}
      </span>`;
    }
    return d.groupId
      ? html`<button class="group" aria-label=${t('{group}: move {name} to another group', { group: d.groupName, name: d.name })} @click=${() => this.show('choose')}>${d.groupName}</button>`
      : html`<button class="group" aria-label=${t('Add {name} to a group', { name: d.name })} @click=${() => this.show('choose')}>+ ${t('Add group')}</button>`;
  }
}
customElements.define('devices-group-picker', GroupPicker);
