// <invites-support>, /support: remote-support invitations: invite a client by link or code; their status changes
// live.
import { api, can, confirmDestructive, copyText, css, formatDateTime, html, nothing, t } from '@outpost/ui-sdk';
import type { SupportInvitation } from './api-types.js';
import { SupportNewsElement, pageStyles } from './shared.js';

const statusLabels: Record<SupportInvitation['status'], string> = {
  pending: 'Pending',
  active: 'Connected',
  ended: 'Ended',
};

export class SupportInvitations extends SupportNewsElement {
  static override properties = { invitations: { state: true }, created: { state: true } };

  static override styles = [
    pageStyles,
    css`
      table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 8px; overflow: hidden; }
      th, td { text-align: left; padding: 0.5rem 0.7rem; border-bottom: 1px solid #e5e7eb; }
      /* A code reads out in one piece: the row wraps between columns, never inside it. */
      td code { white-space: nowrap; word-break: normal; }
      .status { font-weight: 600; }
      .status.active { color: #15803d; }
      .status.ended { color: #64748b; }
    `,
  ];

  declare invitations: SupportInvitation[];
  /** The invitation just created, with its link and code to pass on. */
  declare created: SupportInvitation | null;

  constructor() {
    super();
    this.invitations = [];
    this.created = null;
  }

  async load() {
    this.invitations = (await api<{ items: SupportInvitation[] }>('GET', '/invites/support')).items;
  }

  async create(event: SubmitEvent) {
    event.preventDefault();
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    this.created = await api<SupportInvitation>('POST', '/invites/support', {
      clientName: form.get('clientName'),
      openWindowInAdvance: form.get('openWindowInAdvance') === 'on',
      sound: form.get('sound') === 'on',
    });
    element.reset();
    await this.load();
  }

  async withdraw(invitation: SupportInvitation) {
    const ok = await confirmDestructive({
      title: t('Withdraw invitation'),
      message: t('Withdraw the invitation for {name}? Its link and code stop working.', {
        name: invitation.clientName,
      }),
      action: t('Withdraw'),
    });
    if (!ok) return;
    await api('DELETE', `/invites/support/${invitation.id}`);
    await this.load();
  }

  override render() {
    return html`<h1>${t('Remote support')}</h1>
      ${
        can('device.connect')
          ? nothing
          : html`<p class="muted" data-testid="read-only">${t('Inviting a client needs the device.connect permission.')}</p>`
      }
      ${this.renderInviteForm()}
      ${
        this.invitations.length
          ? this.renderInvitations()
          : html`<p class="muted">
              ${can('device.connect') ? t('No support invitations yet. Invite a client above; you are told the moment they connect.') : t('No support invitations yet.')}
            </p>`
      }`;
  }

  /** The form, and the link and code of the invitation just created. */
  renderInviteForm() {
    const created = this.created;
    return html`<section class="panel" aria-label=${t('Invite a client')} ?hidden=${!can('device.connect')}>
      <form @submit=${this.create}>
        <label>${t('Client name')}<input type="text" name="clientName" required maxlength="100" /></label>
        <label class="check"><input type="checkbox" name="openWindowInAdvance" /> ${t('Open connection window in advance')}</label>
        <label class="check"><input type="checkbox" name="sound" checked /> ${t('Play a sound when the client connects or leaves')}</label>
        <button class="primary">${t('Create invitation')}</button>
      </form>
      ${
        created
          ? html`<p>${t('Send {name} the link or the code:', { name: created.clientName })} <code data-testid="support-link">${created.link}</code>
              <button @click=${() => copyText(created.link ?? '')}>${t('Copy link')}</button> <code>${created.displayCode}</code>
              <button @click=${() => copyText(created.code ?? '')}>${t('Copy code')}</button></p>`
          : nothing
      }
    </section>`;
  }

  renderInvitations() {
    return html`<table aria-label=${t('Support invitations')}>
      <thead><tr><th>${t('Client')}</th><th>${t('Status')}</th><th>${t('Technician')}</th><th>${t('Code')}</th><th>${t('Created')}</th><th>${t('Actions')}</th></tr></thead>
      <tbody>
        ${this.invitations.map((i) => this.renderInvitation(i))}
      </tbody>
    </table>`;
  }

  renderInvitation(i: SupportInvitation) {
    return html`<tr data-invitation=${i.id}>
      <td data-label=${t('Client')}>${i.clientName}</td>
      <td data-label=${t('Status')}><span class="status ${i.status}" data-testid="support-status">${t(statusLabels[i.status])}</span></td>
      <td data-label=${t('Technician')}>${i.technician}</td>
      <td data-label=${t('Code')}>${i.displayCode ? html`<code>${i.displayCode}</code>` : '—'}</td>
      <td data-label=${t('Created')}>${formatDateTime(i.createdAt)}</td>
      <td>
        ${
          i.status === 'pending' && i.code
            ? html`<button @click=${() => copyText(i.link ?? '')}>${t('Copy link')}</button> <button @click=${() => copyText(i.code ?? '')}>${t('Copy code')}</button>`
            : nothing
        }
        ${
          i.status !== 'active' && can('device.connect')
            ? html`<button class="danger" @click=${() => this.withdraw(i)}>${t('Withdraw')}</button>`
            : nothing
        }
      </td>
    </tr>`;
  }
}
customElements.define('invites-support', SupportInvitations);

declare global {
  interface HTMLElementTagNameMap {
    'invites-support': SupportInvitations;
  }
}
