// <invites-page>: the invites plugin's pages by path: deployments with live progress (/deployments) and remote-support
// invitations (/support). The invite page's branding and the code-entry widget are Settings tabs (src/plugin.ts).
import { LitElement, html } from '@outpost/ui-sdk';
import './deployments.js';
import './support-invitations.js';

export class InvitesPage extends LitElement {
  static override properties = { path: {} };

  declare path: string | undefined;

  override render() {
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
