// <invites-home-actions>, on the web app's home page (the core's `core.home.actions` extension point): the quick
// action to invite a client to a remote-support session.
import { LitElement, can, css, html, nothing, pageStyles, t } from '@outpost/ui-sdk';

export class InvitesHomeActions extends LitElement {
  static override styles = [pageStyles, css`:host { display: contents; }`];

  override render() {
    return can('device.connect')
      ? html`<a class="button" href="/support">+ ${t('Invite to remote support')}</a>`
      : nothing;
  }
}
customElements.define('invites-home-actions', InvitesHomeActions);

declare global {
  interface HTMLElementTagNameMap {
    'invites-home-actions': InvitesHomeActions;
  }
}
