// <invites-support>, /support: remote-support invitations: invite a client by link or code; their status changes
// live.
import {
  api,
  can,
  confirmDestructive,
  copyText,
  css,
  formatDateTime,
  html,
  loadComponents,
  nothing,
  t,
} from '@outpost/ui-sdk';
import type { SupportInvitation } from './api-types.js';
import { SupportNewsElement, pageStyles } from './shared.js';

const statusVariants: Record<SupportInvitation['status'], string> = {
  pending: 'brand',
  active: 'success',
  ended: 'neutral',
};

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
      table { background: var(--wa-color-surface-raised); border-radius: var(--wa-border-radius-l); overflow: hidden; }
      /* A code reads out in one piece: the row wraps between columns, never inside it. */
      td code { white-space: nowrap; word-break: normal; }
      .created { display: flex; flex-wrap: wrap; gap: var(--wa-space-m); align-items: start; margin-top: var(--wa-space-m); }
      .created dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--wa-space-xs) var(--wa-space-m); align-items: center; margin: 0; }
      .created dd { margin: 0; display: flex; gap: var(--wa-space-2xs); align-items: center; min-width: 0; }
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

  override connectedCallback() {
    super.connectedCallback();
    void loadComponents('qr-code');
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
        <wa-input label=${t('Client name')} type="text" name="clientName" required maxlength="100"></wa-input>
        <wa-checkbox name="openWindowInAdvance">${t('Open connection window in advance')}</wa-checkbox>
        <wa-checkbox name="sound" checked>${t('Play a sound when the client connects or leaves')}</wa-checkbox>
        <wa-button type="submit" variant="brand"><wa-icon slot="start" name="user-plus"></wa-icon>${t('Create invitation')}</wa-button>
      </form>
      ${
        created
          ? html`<p>${t('Send {name} the link or the code:', { name: created.clientName })}</p>
              <div class="created">
                <dl>
                  <dt>${t('Link')}</dt><dd><code data-testid="support-link">${created.link}</code> <wa-copy-button value=${created.link ?? ''} copy-label=${t('Copy link')}></wa-copy-button></dd>
                  <dt>${t('Code')}</dt><dd><code>${created.displayCode}</code> <wa-copy-button value=${created.code ?? ''} copy-label=${t('Copy code')}></wa-copy-button></dd>
                </dl>
                ${created.link ? html`<wa-qr-code value=${created.link} label=${t('Link')} size="128"></wa-qr-code>` : nothing}
              </div>`
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
      <td data-label=${t('Status')}><wa-badge variant=${statusVariants[i.status]} data-testid="support-status">${t(statusLabels[i.status])}</wa-badge></td>
      <td data-label=${t('Technician')}>${i.technician}</td>
      <td data-label=${t('Code')}>${i.displayCode ? html`<code>${i.displayCode}</code>` : '—'}</td>
      <td data-label=${t('Created')}>${formatDateTime(i.createdAt)}</td>
      <td><span class="actions">
        ${
          i.status === 'pending' && i.code
            ? html`<wa-button size="small" appearance="outlined" @click=${() => copyText(i.link ?? '')}><wa-icon slot="start" name="link"></wa-icon>${t('Copy link')}</wa-button>
              <wa-button size="small" appearance="outlined" @click=${() => copyText(i.code ?? '')}><wa-icon slot="start" name="copy"></wa-icon>${t('Copy code')}</wa-button>`
            : nothing
        }
        ${
          i.status !== 'active' && can('device.connect')
            ? html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.withdraw(i)}><wa-icon slot="start" name="x"></wa-icon>${t('Withdraw')}</wa-button>`
            : nothing
        }
      </span></td>
    </tr>`;
  }
}
customElements.define('invites-support', SupportInvitations);

declare global {
  interface HTMLElementTagNameMap {
    'invites-support': SupportInvitations;
  }
}
