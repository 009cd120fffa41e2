// What the invites plugin adds to the web app's home page (the core's `core.home.*`
// extension points): pending remote-support invitations and open invite links, live,
// and the quick action to invite a client to remote support.
const { LitElement, html, css, nothing, pageStyles, api, t, can, copyText, formatDateTime } = window.Outpost;
import { SupportNewsElement } from './shared.js';

/** Pending invitations: remote-support clients not connected yet (with their link), and the open invite links. */
class HomePending extends SupportNewsElement {
  static properties = { support: { state: true }, invites: { state: true } };
  static styles = [
    pageStyles,
    css`
      .panel { margin: 0; height: 100%; box-sizing: border-box; }
      h3 { font-size: 0.95rem; margin: 0.75rem 0 0.4rem; }
      li strong { overflow-wrap: anywhere; }
      li .muted { flex: 1; }
      a { color: #1d4ed8; }
    `,
  ];

  constructor() {
    super();
    this.support = null;
    this.invites = null;
  }

  async load() {
    const [support, invites] = await Promise.all([api('GET', '/invites/support'), api('GET', '/invites')]);
    this.support = support.items.filter((i) => i.status === 'pending');
    const now = Date.now();
    // An invite at its maximum enrolls nothing more: it is not open.
    this.invites = invites.items.filter(
      (i) => (!i.expiresAt || Date.parse(i.expiresAt) > now) && (i.maxDevices === null || i.deviceCount < i.maxDevices),
    );
  }

  render() {
    return html`<section class="panel" aria-labelledby="pending-invitations" data-testid="home-invitations">
      <h2 id="pending-invitations">${t('Pending invitations')}</h2>
      ${this.support ? this.renderLists() : html`<p class="muted">${t('Loading…')}</p>`}
    </section>`;
  }

  renderLists() {
    return html`<h3>${t('Remote support')}</h3>
      ${
        this.support.length
          ? html`<ul class="plain" aria-label=${t('Clients invited to remote support')}>
            ${this.support.map(
              (i) => html`<li>
                <strong>${i.clientName}</strong>
                <span class="muted">${t('invited {time}', { time: formatDateTime(i.createdAt) })}</span>
                ${
                  i.link
                    ? html`<button @click=${() => copyText(i.link)} aria-label=${t('Copy the link for {name}', { name: i.clientName })}>${t('Copy link')}</button>`
                    : nothing
                }
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('Nobody is waiting for a support session.')} <a href="/support">${t('Invite a client')}</a></p>`
      }
      <h3>${t('Invite links')}</h3>
      <p>
        ${t('{count, plural, =0 {No open invite links.} one {# open invite link.} other {# open invite links.}}', { count: this.invites.length })}
        <a href="/devices/invites">${t('Pending Invites')}</a>
      </p>`;
  }
}
customElements.define('invites-home-pending', HomePending);

/** Quick action: invite a client to a remote-support session. */
class HomeActions extends LitElement {
  static styles = [pageStyles, css`:host { display: contents; }`];

  render() {
    return can('device.connect')
      ? html`<a class="button" href="/support">+ ${t('Invite to remote support')}</a>`
      : nothing;
  }
}
customElements.define('invites-home-actions', HomeActions);
