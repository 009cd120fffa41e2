import { LitElement, api, can, css, html, nothing, t, toast } from '@outpost/ui-sdk';
import type { DeviceSummary, Group } from '../api-types.js';
import { sharedStyles } from '../shared.js';
import { announce, createGroup, failure, formText, groupStyles } from './groups.js';

const newGroup = '+new';

/**
 * A device's group, as a button that opens a choice of groups (and, for those who may,
 * a new one); choosing moves the device at once. Without a group it reads "+ Add group".
 * @event outpost-device-moved `{ deviceId, groupId }`
 */
export class GroupPicker extends LitElement {
  static override properties = {
    device: { attribute: false },
    groups: { attribute: false },
    choosing: { state: true },
    naming: { state: true },
  };
  static override styles = [
    sharedStyles,
    groupStyles,
    css`
      :host { display: inline-block; max-width: 100%; }
      button.group { border: none; background: none; padding: 0.1rem 0.2rem; color: #1d4ed8; text-align: left; overflow-wrap: anywhere; }
      button.group:hover { text-decoration: underline; }
      select { max-width: 14rem; }
    `,
  ];
  /** The device to move. */
  declare device: DeviceSummary | undefined;
  /** The groups to choose from. */
  declare groups: Group[];
  declare choosing: boolean;
  declare naming: boolean;

  constructor() {
    super();
    this.groups = [];
    this.choosing = false;
    this.naming = false;
  }

  async show(part: 'choose' | 'name'): Promise<void> {
    this.choosing = part === 'choose';
    this.naming = part === 'name';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.naming ? 'input' : 'select')?.focus();
  }

  async closeChoice(): Promise<void> {
    this.choosing = false;
    this.naming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.group')?.focus();
  }

  choose(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    if (value === newGroup) return this.show('name');
    return this.move(value || null);
  }

  async createAndMove(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const group = await createGroup(formText(new FormData(event.target as HTMLFormElement), 'name').trim());
    if (group) await this.move(group.id, group);
  }

  async move(groupId: string | null, group = this.groups.find((g) => g.id === groupId)): Promise<void> {
    if (!this.device) return;
    const { id, name } = this.device;
    try {
      await api('POST', '/devices/bulk', { ids: [id], action: 'move', groupId });
    } catch (error) {
      toast(failure(error), 'error');
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

  override render() {
    const d = this.device;
    if (!d) return nothing;
    const cancel = html`<button type="button" @click=${this.closeChoice}>${t('Cancel')}</button>`;
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && this.closeChoice();
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
      ? html`<button class="group" aria-label=${t('{group}: move {name} to another group', { group: d.groupName ?? '', name: d.name })} @click=${() => this.show('choose')}>${d.groupName}</button>`
      : html`<button class="group" aria-label=${t('Add to group: {name}', { name: d.name })} @click=${() => this.show('choose')}>+ ${t('Add to group')}</button>`;
  }
}
customElements.define('devices-group-picker', GroupPicker);
