import { LitElement, api, can, css, html, nothing, t, toast } from '@outpost/ui-sdk';
import type { DeviceSummary, Group } from '../api-types.js';
import { focusControl, sharedStyles } from '../shared.js';
import { announce, createGroup, failure, formText, groupStyles } from './groups.js';

const newGroup = '+new';
/** The choice of no group (an option's value cannot be empty). */
const noGroup = 'none';

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
      wa-button.group::part(label) { overflow-wrap: anywhere; white-space: normal; text-align: start; }
      wa-select { max-width: 30ch; }
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
    await focusControl(this.renderRoot.querySelector(this.naming ? 'wa-input' : 'wa-select'));
  }

  async closeChoice(): Promise<void> {
    this.choosing = false;
    this.naming = false;
    await this.updateComplete;
    await focusControl(this.renderRoot.querySelector('wa-button.group'));
  }

  choose(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    if (value === newGroup) return this.show('name');
    return this.move(value === noGroup ? null : value);
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
    const cancel = html`<wa-button size="small" appearance="outlined" @click=${this.closeChoice}>${t('Cancel')}</wa-button>`;
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && this.closeChoice();
    if (this.naming) {
      return html`<form class="inline" @submit=${this.createAndMove} @keydown=${escape}>
        <wa-input label=${t('New group for {name}', { name: d.name })} size="small" name="name" required maxlength="100"></wa-input>
        <wa-button type="submit" size="small" variant="brand">${t('Create')}</wa-button> ${cancel}
      </form>`;
    }
    if (this.choosing) {
      return html`<span class="actions" @keydown=${escape}>
        <wa-select label=${t('Group of {name}', { name: d.name })} size="small" class="sr-label" .value=${d.groupId ?? noGroup} @change=${this.choose}>
          <wa-option value=${noGroup}>${t('No group')}</wa-option>
          ${this.groups.map((g) => html`<wa-option value=${g.id}>${g.name}</wa-option>`)}
          ${can('groups.manage') ? html`<wa-option value=${newGroup}>+ ${t('New group…')}</wa-option>` : nothing}
        </wa-select>
        ${cancel}
      </span>`;
    }
    return d.groupId
      ? html`<wa-button class="group" appearance="plain" size="small" @click=${() => this.show('choose')}><span class="sr-only">${t('{group}: move {name} to another group', { group: d.groupName ?? '', name: d.name })}</span><span aria-hidden="true">${d.groupName}</span></wa-button>`
      : html`<wa-button class="group" appearance="plain" size="small" @click=${() => this.show('choose')}><wa-icon slot="start" name="folder-plus"></wa-icon><span class="sr-only">${t('Add to group: {name}', { name: d.name })}</span><span aria-hidden="true">${t('Add to group')}</span></wa-button>`;
  }
}
customElements.define('devices-group-picker', GroupPicker);
