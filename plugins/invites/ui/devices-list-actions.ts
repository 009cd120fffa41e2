// <invites-devices-actions>, on the devices list (the devices plugin's `devices.list.actions` extension point):
// "+ Create Invite", which shows the new invite's code, link and agent command, and Pending Invites, with the
// form for an invite with options. Opened as /devices/invites, Pending Invites starts open.
import type { DevicesListActionsContext } from '@outpost/plugin-devices';
import {
  LitElement,
  api,
  can,
  confirmDestructive,
  copyText,
  css,
  formatDateTime,
  html,
  nothing,
  pageStyles,
  t,
  type PropertyValues,
  type TemplateResult,
} from '@outpost/ui-sdk';
import type { DeviceGroup, Invite } from './api-types.js';
import { inviteDetails, inviteDetailsStyles, loadInviteDetails } from './invite-details.js';

/** The target group's choice of none (an option's value cannot be empty). */
const noGroup = 'none';

interface Items<T> {
  items: T[];
}

export class InvitesDevicesActions extends LitElement {
  static override properties = {
    context: { attribute: false },
    invite: { state: true },
    invites: { state: true },
    groups: { state: true },
  };
  static override styles = [
    pageStyles,
    inviteDetailsStyles,
    css`
      .panel { min-width: 0; }
      .invite { border-inline-start: var(--wa-border-width-l) solid var(--wa-color-brand-border-loud); }
      /* An invite code reads out in one piece: the row wraps between columns, never inside it. */
      td code { white-space: nowrap; word-break: normal; }
      form.toolbar wa-input, form.toolbar wa-select { margin-block: 0; }
    `,
  ];

  /** From the devices list: its scope, and whether the page asked for Pending Invites open. */
  declare context: DevicesListActionsContext | undefined;
  /** The invite just created, shown until Done. */
  declare invite: Invite | null;
  /** Pending Invites, while open. */
  declare invites: Invite[] | null;
  /** The device groups, for the invites' target group. */
  declare groups: DeviceGroup[];

  constructor() {
    super();
    this.invite = null;
    this.invites = null;
    this.groups = [];
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') && this.context?.showInvites && !this.invites) void this.toggleInvites();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadInviteDetails();
  }

  async createInvite(): Promise<void> {
    this.invite = await api<Invite>('POST', '/invites', {});
  }

  /** Pending Invites: shown or hidden; loaded each time it opens. */
  async toggleInvites(): Promise<void> {
    if (this.invites) {
      this.invites = null;
      return;
    }
    const [invites, groups] = await Promise.all([
      api<Items<Invite>>('GET', '/invites'),
      api<Items<DeviceGroup>>('GET', '/devices/groups'),
    ]);
    this.groups = groups.items;
    this.invites = invites.items;
  }

  async createInviteWithOptions(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // Read the form now: once the event is dispatched, its target is gone (shadow DOM).
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const expires = text('expiresAt');
    const maxDevices = text('maxDevices');
    this.invite = await api<Invite>('POST', '/invites', {
      name: text('name') || undefined,
      groupId: text('groupId') === noGroup ? null : text('groupId') || null,
      expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      maxDevices: maxDevices ? Number(maxDevices) : null,
    });
    this.invites = (await api<Items<Invite>>('GET', '/invites')).items;
    element.reset();
  }

  async deleteInvite(invite: Invite): Promise<void> {
    const ok = await confirmDestructive({
      title: t('Delete invite'),
      message: t('Delete the invite {code}? Its link and code stop working; devices it enrolled stay.', {
        code: invite.displayCode ?? invite.name,
      }),
      action: t('Delete'),
    });
    if (!ok) return;
    await api('DELETE', `/invites/${invite.id}`);
    this.invites = (await api<Items<Invite>>('GET', '/invites')).items;
  }

  override render() {
    if (this.context?.scope.kind === 'trash') return nothing;
    return html`<div class="toolbar">
        ${can('device.manage') ? html`<wa-button variant="brand" @click=${this.createInvite} data-testid="create-invite"><wa-icon slot="start" name="plus"></wa-icon>${t('Create Invite')}</wa-button>` : nothing}
        <wa-button appearance="outlined" aria-expanded=${this.invites !== null} @click=${this.toggleInvites}><wa-icon slot="start" name="mail"></wa-icon>${t('Pending Invites')}</wa-button>
      </div>
      ${this.invite ? this.renderInvite(this.invite) : nothing} ${this.invites ? this.renderInvites(this.invites) : nothing}`;
  }

  renderInvite(invite: Invite): TemplateResult {
    return html`<section class="panel invite" aria-label=${t('New invite')}>
      ${inviteDetails(invite)}
      <wa-button @click=${() => (this.invite = null)}>${t('Done')}</wa-button>
    </section>`;
  }

  renderInvites(invites: Invite[]): TemplateResult {
    const manage = can('device.manage');
    return html`<section class="panel" aria-label=${t('Pending Invites')}>
      <h2>${t('Pending Invites')}</h2>
      ${
        invites.length
          ? html`<table aria-label=${t('Pending Invites')}>
            <thead><tr><th>${t('Name')}</th><th>${t('Code')}</th><th>${t('Devices')}</th><th>${t('Group')}</th><th>${t('Expires')}</th><th>${t('Actions')}</th></tr></thead>
            <tbody>${invites.map((i) => this.renderRow(i))}</tbody>
          </table>`
          : html`<p class="muted">${manage ? t('No pending invites. "+ Create Invite" makes one at once.') : t('No pending invites.')}</p>`
      }
      ${manage ? this.renderInviteForm() : nothing}
    </section>`;
  }

  renderRow(i: Invite): TemplateResult {
    const usedUp = i.maxDevices !== null && i.deviceCount >= i.maxDevices;
    return html`<tr>
      <td data-label=${t('Name')}>${i.name}</td>
      <td data-label=${t('Code')}>${i.displayCode ? html`<code>${i.displayCode}</code>` : '—'}</td>
      <td data-label=${t('Devices')}>${i.maxDevices === null ? i.deviceCount : t('{count} of {max}', { count: i.deviceCount, max: i.maxDevices })}${usedUp ? html` <wa-badge variant="neutral" data-testid="used-up">${t('Used up')}</wa-badge>` : nothing}</td>
      <td data-label=${t('Group')}>${this.groups.find((g) => g.id === i.groupId)?.name ?? '—'}</td>
      <td data-label=${t('Expires')}>${i.expiresAt ? formatDateTime(i.expiresAt) : t('Never')}</td>
      <td><span class="actions">
        ${
          i.code && i.link
            ? html`<wa-button size="small" appearance="outlined" @click=${() => copyText(i.link!)}><wa-icon slot="start" name="link"></wa-icon>${t('Copy link')}</wa-button>
              <wa-button size="small" appearance="outlined" @click=${() => copyText(i.code!)}><wa-icon slot="start" name="copy"></wa-icon>${t('Copy code')}</wa-button>`
            : nothing
        }
        ${can('device.manage') ? html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.deleteInvite(i)}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Delete')}</wa-button>` : nothing}
      </span></td>
    </tr>`;
  }

  renderInviteForm(): TemplateResult {
    return html`<form class="toolbar" @submit=${this.createInviteWithOptions}>
      <wa-input label=${t('Name')} name="name" maxlength="100" placeholder=${t('Invite')}></wa-input>
      <wa-select label=${t('Target group')} name="groupId" value=${noGroup}>
        <wa-option value=${noGroup}>${t('No group')}</wa-option>
        ${this.groups.map((g) => html`<wa-option value=${g.id}>${g.name}</wa-option>`)}
      </wa-select>
      <wa-input label=${t('Expires on')} name="expiresAt" type="date"></wa-input>
      <wa-input label=${t('Max devices')} name="maxDevices" type="number" min="1" max="1000000" step="1" inputmode="numeric" placeholder=${t('No limit')}></wa-input>
      <wa-button type="submit" variant="brand">${t('Create with these options')}</wa-button>
    </form>`;
  }
}
customElements.define('invites-devices-actions', InvitesDevicesActions);

declare global {
  interface HTMLElementTagNameMap {
    'invites-devices-actions': InvitesDevicesActions;
  }
}
