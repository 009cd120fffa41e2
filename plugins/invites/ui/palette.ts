// The invites plugin's command palette providers (declared in src/plugin.ts, `ui.palette`; built into palette.js):
// "Create invite", which makes an invite at once and shows its code, link and agent command in the palette, and
// "Pending invites".
import { LitElement, api, css, html, pageStyles, registerPaletteProvider, t } from '@outpost/ui-sdk';
import type { Invite } from './api-types.js';
import { inviteDetails, inviteDetailsStyles, loadInviteDetails } from './invite-details.js';

/** `<invites-palette-invite>`: a new invite's code, link and agent command with copy buttons, and its QR code. */
export class InvitesPaletteInvite extends LitElement {
  static override properties = { invite: { attribute: false } };
  static override styles = [pageStyles, inviteDetailsStyles, css`:host { display: block; }`];
  /** The invite just created. */
  declare invite: Invite | undefined;

  override render() {
    return this.invite ? html`<div class="invite">${inviteDetails(this.invite, 'palette-invite-code')}</div>` : html``;
  }
}
if (!customElements.get('invites-palette-invite'))
  customElements.define('invites-palette-invite', InvitesPaletteInvite);

registerPaletteProvider({
  id: 'invites',
  actions: [
    {
      id: 'create-invite',
      group: t('Actions'),
      label: t('Create invite'),
      keywords: [t('Add a device'), t('Enroll a device'), t('New invite')],
      icon: 'devices',
      permission: 'device.manage',
      async run(palette) {
        const [invite] = await Promise.all([api<Invite>('POST', '/invites', {}), loadInviteDetails()]);
        palette.show(Object.assign(document.createElement('invites-palette-invite'), { invite }));
      },
    },
    {
      id: 'pending-invites',
      group: t('Actions'),
      label: t('Pending invites'),
      keywords: [t('Invites')],
      icon: 'devices',
      permission: 'device.view',
      href: '/devices/invites',
    },
  ],
});

declare global {
  interface HTMLElementTagNameMap {
    'invites-palette-invite': InvitesPaletteInvite;
  }
}
