import { escapeHtml } from '@outpost/core';
import { type SupportBrand, brandColor } from './brand.js';
import type { Message, Ticket } from './service.js';

const statusLabels: Record<Ticket['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  waiting: 'Waiting for you',
  resolved: 'Resolved',
  closed: 'Closed',
};

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f1f5f9; color: #0f172a; }
  main { max-width: 42rem; margin: 2rem auto; background: #fff; border-radius: 14px; padding: 1.5rem 2rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
  header { border-bottom: 4px solid #1d4ed8; margin-bottom: 1rem; padding-bottom: 0.75rem; }
  h1 { font-size: 1.3rem; margin: 0.25rem 0; }
  .muted { color: #475569; font-size: 0.9rem; }
  .status { display: inline-block; background: #e2e8f0; border-radius: 999px; padding: 0.1rem 0.6rem; font-size: 0.85rem; }
  article { border-left: 3px solid #cbd5e1; padding: 0.25rem 0.9rem; margin: 0.9rem 0; white-space: pre-wrap; }
  article.team { border-color: #1d4ed8; }
  article p { margin: 0; }
  textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.6rem; border: 1px solid #94a3b8; border-radius: 8px; min-height: 7rem; }
  button { font: inherit; font-weight: 600; background: #1d4ed8; color: #fff; border: 0; border-radius: 8px; padding: 0.6rem 1.2rem; margin-top: 0.5rem; cursor: pointer; }
  button:focus-visible, textarea:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
  .error { color: #b91c1c; }
  @media (max-width: 640px) { main { margin: 0; border-radius: 0; padding: 1.25rem; } }
`;

/** The customer's view of one ticket: its conversation (without internal notes) and a reply form. */
export function renderPortalPage(
  view: { brand: SupportBrand; ticket: Ticket; messages: Message[]; replyPath: string },
  nonce: string,
): string {
  const { ticket } = view;
  const company = view.brand.companyName;
  const color = brandColor(view.brand);
  const conversation = [
    {
      kind: 'customer',
      author: ticket.contact?.name ?? ticket.requesterEmail ?? 'You',
      body: ticket.description,
      createdAt: ticket.createdAt,
    },
    ...view.messages,
  ];
  const closed = ticket.status === 'closed';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>#${ticket.number} ${escapeHtml(ticket.subject)} · ${escapeHtml(company)}</title>
<style nonce="${nonce}">${style} header, article.team { border-color: ${color}; } button { background: ${color}; }</style></head>
<body><main>
<header><p class="muted">${escapeHtml(company)} · request #${ticket.number}</p><h1>${escapeHtml(ticket.subject)}</h1><span class="status" data-status="${ticket.status}">${statusLabels[ticket.status]}</span></header>
${conversation
  .map(
    (m) =>
      `<article class="${m.kind === 'reply' ? 'team' : 'customer'}"><p class="muted">${escapeHtml(m.author)} · <time datetime="${m.createdAt}">${m.createdAt.slice(0, 16).replace('T', ' ')} UTC</time></p><p>${escapeHtml(m.body)}</p></article>`,
  )
  .join('\n')}
${
  closed
    ? '<p class="muted">This request is closed. For anything else, open a new one.</p>'
    : `<form id="reply"><label for="body"><strong>Your reply</strong></label><textarea id="body" name="body" required maxlength="20000"></textarea><button>Send reply</button><p id="problem" class="error" role="alert"></p></form>
<script nonce="${nonce}">
document.getElementById('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = event.target.querySelector('button');
  button.disabled = true;
  const answer = await fetch(${JSON.stringify(view.replyPath)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: document.getElementById('body').value }) }).catch(() => undefined);
  if (answer && answer.ok) return location.reload();
  button.disabled = false;
  document.getElementById('problem').textContent = answer ? (await answer.json().catch(() => ({}))).detail || 'The reply could not be sent.' : 'The server could not be reached.';
});
</script>`
}
</main></body></html>`;
}

export function renderPortalRefusal(title: string, detail: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${style}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></main></body></html>`;
}

/** A plain page hosting the tenant's support widget, as a website would: to try it before pasting the snippet. */
export function renderWidgetTestPage(company: string, key: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(company)}: support widget</title>
<style nonce="${nonce}">body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #0f172a; }</style></head>
<body><h1>${escapeHtml(company)}</h1><p>This page shows the support widget as your website will: the button in the corner opens the form, and what is sent there becomes a ticket.</p>
<script src="/support-widget/${escapeHtml(key)}/widget.js" async></script></body></html>`;
}
