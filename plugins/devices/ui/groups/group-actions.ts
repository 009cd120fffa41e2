import { LitElement, api, confirmDestructive, css, html, t, toast, type TemplateResult } from '@outpost/ui-sdk';
import type { Group } from '../api-types.js';
import { sharedStyles } from '../shared.js';
import { announce, failure, formText, groupStyles } from './groups.js';

/**
 * Rename and Delete for one group, with the new name typed in place.
 * @event outpost-group-changed `{ group, change: 'renamed' | 'deleted' }`
 */
export class GroupActions extends LitElement {
  static override properties = { group: { attribute: false }, renaming: { state: true } };
  static override styles = [
    sharedStyles,
    groupStyles,
    css`:host { display: inline-block; font-size: var(--wa-font-size-m); font-weight: var(--wa-font-weight-normal); }`,
  ];
  /** The group renamed or deleted. */
  declare group: Group;
  declare renaming: boolean;

  constructor() {
    super();
    this.renaming = false;
  }

  async startRenaming(): Promise<void> {
    this.renaming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('wa-input')?.select();
  }

  async rename(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = formText(new FormData(event.target as HTMLFormElement), 'name').trim();
    try {
      const group = await api<Group>('PATCH', `/devices/groups/${this.group.id}`, { name });
      toast(t('The group is now called {name}.', { name: group.name }));
      this.renaming = false;
      announce(this, 'outpost-group-changed', { group, change: 'renamed' });
    } catch (error) {
      toast(failure(error), 'error');
    }
  }

  async deleteGroup(): Promise<void> {
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

  override render(): TemplateResult {
    if (this.renaming) {
      return html`<form class="inline" @submit=${this.rename} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.renaming = false)}>
        <wa-input label=${t('New name of {name}', { name: this.group.name })} size="small" name="name" required maxlength="100" .value=${this.group.name}></wa-input>
        <wa-button type="submit" size="small" variant="brand">${t('Save')}</wa-button>
        <wa-button size="small" appearance="outlined" @click=${() => (this.renaming = false)}>${t('Cancel')}</wa-button>
      </form>`;
    }
    return html`<span class="actions">
      <wa-button size="small" appearance="outlined" @click=${this.startRenaming}><wa-icon slot="start" name="pencil"></wa-icon><span class="sr-only">${t('Rename {name}', { name: this.group.name })}</span><span aria-hidden="true">${t('Rename')}</span></wa-button>
      <wa-button size="small" variant="danger" appearance="outlined" @click=${this.deleteGroup}><wa-icon slot="start" name="trash-2"></wa-icon><span class="sr-only">${t('Delete {name}', { name: this.group.name })}</span><span aria-hidden="true">${t('Delete')}</span></wa-button>
    </span>`;
  }
}
customElements.define('devices-group-actions', GroupActions);
