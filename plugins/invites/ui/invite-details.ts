// A new invite's code, link and agent command, each with a copy button, and the link as a QR code: shown where an
// invite is created (the devices list's "+ Create Invite", the command palette's "Create invite").
import { css, html, loadComponents, nothing, t, type TemplateResult } from '@outpost/ui-sdk';
import type { Invite } from './api-types.js';

/** The styles `inviteDetails` needs, for the element that shows it. */
export const inviteDetailsStyles = css`
  .invite dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--wa-space-xs) var(--wa-space-m); align-items: center; }
  .invite dt { color: var(--wa-color-text-quiet); }
  .invite dd { margin: 0; display: flex; gap: var(--wa-space-2xs); align-items: center; min-width: 0; }
  .invite .qr { display: flex; gap: var(--wa-space-m); flex-wrap: wrap; align-items: start; margin-bottom: var(--wa-space-m); }
`;

/** Loads the QR code component `inviteDetails` draws (once; call it before showing an invite). */
export const loadInviteDetails = () => loadComponents('qr-code');

/** The code (`data-testid="<testId>"`), link and command with copy buttons, and the link's QR code. */
export function inviteDetails(invite: Invite, testId = 'invite-code'): TemplateResult {
  const code = invite.code ?? '';
  const link = invite.link ?? '';
  const command = `outpost-agent enroll --server ${location.origin} --code ${code}`;
  return html`<p><strong>${t('Invite created.')}</strong> ${t('Send the link, or run the agent with the code, on each machine to add:')}</p>
    <div class="qr">
      <dl>
        <dt>${t('Code')}</dt><dd><code data-testid=${testId}>${invite.displayCode}</code> <wa-copy-button value=${code} copy-label=${t('Copy')}></wa-copy-button></dd>
        <dt>${t('Link')}</dt><dd><code>${link}</code> <wa-copy-button value=${link} copy-label=${t('Copy')}></wa-copy-button></dd>
        <dt>${t('Command')}</dt><dd><code>${command}</code> <wa-copy-button value=${command} copy-label=${t('Copy')}></wa-copy-button></dd>
      </dl>
      ${link ? html`<wa-qr-code value=${link} label=${t('Link')} size="128"></wa-qr-code>` : nothing}
    </div>`;
}
