// <invites-add-device>, on the web app's home page (the core's `core.home.actions` extension point): the quick
// action to add a device, which opens the Devices page with Pending Invites and the invite form.
import { LitElement, can, css, html, nothing, pageStyles, t } from '@outpost/ui-sdk';

export class InvitesAddDevice extends LitElement {
  static override styles = [pageStyles, css`:host { display: contents; }`];

  override render() {
    return can('device.manage') ? html`<a class="button" href="/devices/invites">+ ${t('Add a device')}</a>` : nothing;
  }
}
customElements.define('invites-add-device', InvitesAddDevice);

declare global {
  interface HTMLElementTagNameMap {
    'invites-add-device': InvitesAddDevice;
  }
}
