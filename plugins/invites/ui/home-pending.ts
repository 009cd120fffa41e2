// <invites-home-pending>, on the web app's home page (the core's `core.home.widgets` extension point): remote-support
// clients not connected yet (with their link) and the open invite links, live.
import { api, can, copyText, css, formatDateTime, html, nothing, pageStyles, t } from '@outpost/ui-sdk';
import type { Invite, SupportInvitation } from './api-types.js';
import { SupportNewsElement } from './shared.js';

/** Whether an invite still enrolls devices: not expired, and not at its maximum. */
function isOpen(invite: Invite, now: number): boolean {
  return (
    (!invite.expiresAt || Date.parse(invite.expiresAt) > now) &&
    (invite.maxDevices === null || invite.deviceCount < invite.maxDevices)
  );
}

export class HomePending extends SupportNewsElement {
  static override properties = { support: { state: true }, invites: { state: true } };
  static override styles = [
    pageStyles,
    css`
      .panel { margin: 0; height: 100%; box-sizing: border-box; }
      h3 { font-size: var(--wa-font-size-m); margin: var(--wa-space-s) 0 var(--wa-space-xs); }
      li strong { overflow-wrap: anywhere; }
      li .muted { flex: 1; }
    `,
  ];

  /** Support invitations whose client has not connected yet. */
  declare support: SupportInvitation[] | null;
  /** Invite links that still enroll devices. */
  declare invites: Invite[] | null;

  constructor() {
    super();
    this.support = null;
    this.invites = null;
  }

  async load() {
    const [support, invites] = await Promise.all([
      api<{ items: SupportInvitation[] }>('GET', '/invites/support'),
      api<{ items: Invite[] }>('GET', '/invites'),
    ]);
    this.support = support.items.filter((i) => i.status === 'pending');
    const now = Date.now();
    this.invites = invites.items.filter((i) => isOpen(i, now));
  }

  override render() {
    return html`<section class="panel" aria-labelledby="pending-invitations" data-testid="home-invitations">
      <h2 id="pending-invitations">${t('Pending invitations')}</h2>
      ${this.support && this.invites ? this.renderLists(this.support, this.invites) : html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`}
    </section>`;
  }

  renderLists(support: SupportInvitation[], invites: Invite[]) {
    return html`<h3>${t('Remote support')}</h3>
      ${
        support.length
          ? html`<ul class="plain" aria-label=${t('Clients invited to remote support')}>
            ${support.map((i) => renderWaitingClient(i))}
          </ul>`
          : html`<p class="muted">
              ${t('Nobody is waiting for a support session.')}
              ${can('device.connect') ? html`<a href="/support">${t('Invite a client')}</a>` : nothing}
            </p>`
      }
      <h3>${t('Invite links')}</h3>
      <p>
        ${t('{count, plural, =0 {No open invite links.} one {# open invite link.} other {# open invite links.}}', { count: invites.length })}
        <a href="/devices/invites">${t('Pending Invites')}</a>
      </p>`;
  }
}

function renderWaitingClient(i: SupportInvitation) {
  return html`<li>
    <strong>${i.clientName}</strong>
    <span class="muted">${t('invited {time}', { time: formatDateTime(i.createdAt) })}</span>
    ${
      i.link
        ? html`<wa-button size="small" appearance="outlined" @click=${() => copyText(i.link ?? '')}><wa-icon slot="start" name="link"></wa-icon><span class="sr-only">${t('Copy link for {name}', { name: i.clientName })}</span><span aria-hidden="true">${t('Copy link')}</span></wa-button>`
        : nothing
    }
  </li>`;
}

customElements.define('invites-home-pending', HomePending);

declare global {
  interface HTMLElementTagNameMap {
    'invites-home-pending': HomePending;
  }
}
