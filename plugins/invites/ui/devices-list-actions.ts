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
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-bottom: 1rem; }
      .toolbar label { font-size: 0.8rem; }
      input, select { background: #fff; }
      .panel { min-width: 0; }
      .invite { border-left: 4px solid #1d4ed8; }
      code { background: #f1f5f9; padding: 0.1rem 0.35rem; border-radius: 4px; word-break: break-all; }
      /* An invite code reads out in one piece: the row wraps between columns, never inside it. */
      td code { white-space: nowrap; word-break: normal; }
      .tag { display: inline-block; background: #e0e7ff; color: #1e3a8a; border-radius: 999px; padding: 0 0.5rem; font-size: 0.78rem; margin: 0 0.2rem 0.2rem 0; }
      table { background: #fff; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
      th, td { padding: 0.55rem 0.7rem; border-bottom: 1px solid #e5e7eb; vertical-align: middle; }
      th { background: #f8fafc; text-transform: uppercase; letter-spacing: 0.03em; color: #475569; }
      h2 { font-size: 1rem; margin: 1.25rem 0 0.5rem; color: #334155; }
      @media (max-width: 767px) {
        table, thead, tbody, tr, td { display: block; }
        thead { display: none; }
        tr { background: #fff; border-radius: 10px; margin-bottom: 0.75rem; padding: 0.5rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.1); }
        td { border: none; padding: 0.25rem 0.5rem; }
        td[data-label]::before { content: attr(data-label) ': '; color: #64748b; font-size: 0.8rem; }
      }
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
      groupId: text('groupId') || null,
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
        ${can('device.manage') ? html`<button class="primary" @click=${this.createInvite} data-testid="create-invite">+ ${t('Create Invite')}</button>` : nothing}
        <button aria-expanded=${this.invites !== null} @click=${this.toggleInvites}>${t('Pending Invites')}</button>
      </div>
      ${this.invite ? this.renderInvite(this.invite) : nothing} ${this.invites ? this.renderInvites(this.invites) : nothing}`;
  }

  renderInvite(invite: Invite): TemplateResult {
    const code = invite.code ?? '';
    const link = invite.link ?? '';
    const command = `outpost-agent enroll --server ${location.origin} --code ${code}`;
    return html`<section class="panel invite" aria-label=${t('New invite')}>
      <p><strong>${t('Invite created.')}</strong> ${t('Send the link, or run the agent with the code, on each machine to add:')}</p>
      <p>${t('Code')}: <code data-testid="invite-code">${invite.displayCode}</code> <button @click=${() => copyText(code)}>${t('Copy')}</button></p>
      <p>${t('Link')}: <code>${link}</code> <button @click=${() => copyText(link)}>${t('Copy')}</button></p>
      <p>${t('Command')}: <code>${command}</code> <button @click=${() => copyText(command)}>${t('Copy')}</button></p>
      <button @click=${() => (this.invite = null)}>${t('Done')}</button>
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
      <td data-label=${t('Devices')}>${i.maxDevices === null ? i.deviceCount : t('{count} of {max}', { count: i.deviceCount, max: i.maxDevices })}${usedUp ? html` <span class="tag" data-testid="used-up">${t('Used up')}</span>` : nothing}</td>
      <td data-label=${t('Group')}>${this.groups.find((g) => g.id === i.groupId)?.name ?? '—'}</td>
      <td data-label=${t('Expires')}>${i.expiresAt ? formatDateTime(i.expiresAt) : t('Never')}</td>
      <td>
        ${
          i.code && i.link
            ? html`<button @click=${() => copyText(i.link!)}>${t('Copy link')}</button>
              <button @click=${() => copyText(i.code!)}>${t('Copy code')}</button>`
            : nothing
        }
        ${can('device.manage') ? html`<button class="danger" @click=${() => this.deleteInvite(i)}>${t('Delete')}</button>` : nothing}
      </td>
    </tr>`;
  }

  renderInviteForm(): TemplateResult {
    return html`<form class="toolbar" @submit=${this.createInviteWithOptions}>
      <label>${t('Name')}<input name="name" maxlength="100" placeholder=${t('Invite')} /></label>
      <label
        >${t('Target group')}<select name="groupId">
          <option value="">${t('No group')}</option>
          ${this.groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}
        </select></label
      >
      <label>${t('Expires on')}<input name="expiresAt" type="date" /></label>
      <label
        >${t('Max devices')}<input name="maxDevices" type="number" min="1" max="1000000" step="1" inputmode="numeric" placeholder=${t('No limit')}
      /></label>
      <button>${t('Create with these options')}</button>
    </form>`;
  }
}
customElements.define('invites-devices-actions', InvitesDevicesActions);

declare global {
  interface HTMLElementTagNameMap {
    'invites-devices-actions': InvitesDevicesActions;
  }
}
