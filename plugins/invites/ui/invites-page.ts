// <invites-page>: the invites plugin's pages by path: deployments with live progress (/deployments), remote-support
// invitations (/support), the invite page's branding and the code-entry widget (/invite-page).
import { LitElement, html } from '@outpost/ui-sdk';
import './deployments.js';
import './invite-branding.js';
import './support-invitations.js';
import './widget-settings.js';

export class InvitesPage extends LitElement {
  static override properties = { path: {} };

  declare path: string | undefined;

  override render() {
    if (this.path === '/invite-page')
      return html`<invites-branding></invites-branding><invites-widget-settings></invites-widget-settings>`;
    if (this.path === '/support') return html`<invites-support></invites-support>`;
    if (this.path === '/deployments') return html`<invites-deployments></invites-deployments>`;
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('invites-page', InvitesPage);

declare global {
  interface HTMLElementTagNameMap {
    'invites-page': InvitesPage;
  }
}
