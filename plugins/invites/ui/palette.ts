// The invites plugin's command palette providers (declared in src/plugin.ts, `ui.palette`; built into palette.js):
// "Create invite", which makes an invite at once and shows its code, link and agent command in the palette, and
// "Pending invites".
import { LitElement, api, copyText, css, html, pageStyles, registerPaletteProvider, t } from '@outpost/ui-sdk';
import type { Invite } from './api-types.js';

/** `<invites-palette-invite>`: a new invite's code, link and agent command, each with a copy button. */
export class InvitesPaletteInvite extends LitElement {
  static override properties = { invite: { attribute: false } };
  static override styles = [
    pageStyles,
    css`
      :host { display: block; }
      p { margin: 0 0 var(--wa-space-s); overflow-wrap: anywhere; }
      code { word-break: break-all; }
    `,
  ];
  /** The invite just created. */
  declare invite: Invite | undefined;

  override render() {
    const invite = this.invite;
    if (!invite) return html``;
    const code = invite.code ?? '';
    const link = invite.link ?? '';
    const command = `outpost-agent enroll --server ${location.origin} --code ${code}`;
    return html`<p><strong>${t('Invite created.')}</strong> ${t('Send the link, or run the agent with the code, on each machine to add:')}</p>
      <p>${t('Code')}: <code data-testid="palette-invite-code">${invite.displayCode}</code> <button @click=${() => copyText(code)}>${t('Copy code')}</button></p>
      <p>${t('Link')}: <code>${link}</code> <button @click=${() => copyText(link)}>${t('Copy link')}</button></p>
      <p>${t('Command')}: <code>${command}</code> <button @click=${() => copyText(command)}>${t('Copy')}</button></p>`;
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
        const invite = await api<Invite>('POST', '/invites', {});
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
