import { type Directory, escapeHtml, type JobQueue, type MailMessage } from '@outpost/core';
import { type SupportBrand, brandColor } from './brand.js';
import type { PortalLinks } from './portal-links.js';
import type { TicketNews, TicketService } from './service.js';

/** One mail in plain text and HTML, in the tenant's brand. */
export function renderMail(
  brand: SupportBrand,
  to: string,
  subject: string,
  paragraphs: string[],
  action?: { label: string; url: string },
): MailMessage {
  const company = brand.companyName;
  const color = brandColor(brand);
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), `— ${company}`].join('\n\n');
  const html = `<!doctype html><html><body style="margin:0;background:#f1f5f9;font:15px/1.5 system-ui,sans-serif;color:#0f172a">
<div style="max-width:36rem;margin:1.5rem auto;background:#fff;border-radius:10px;padding:1.5rem;border-top:4px solid ${color}">
<p style="margin:0 0 1rem;font-weight:600">${escapeHtml(company)}</p>
${paragraphs.map((p) => `<p style="white-space:pre-wrap">${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:${color};color:#fff;padding:0.6rem 1rem;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>` : ''}
</div></body></html>`;
  return { to, subject, text, html };
}

/**
 * Mail that follows news on tickets, in the tenant's support brand, sent through the
 * job queue (retried when the mail server is away): the customer gets the team's replies and a receipt for what
 * they sent in, each with their portal link; the assignee gets new tickets and the
 * customer's replies.
 */
export class TicketMail {
  constructor(
    private readonly directory: Directory,
    private readonly jobs: JobQueue,
    private readonly links: PortalLinks,
    private readonly baseUrl: string,
    private readonly tickets: () => TicketService,
    private readonly brandOf: (tenantId: string) => Promise<SupportBrand>,
  ) {}

  async handle(news: TicketNews): Promise<void> {
    const { ticket, tenantId } = news;
    const brand = await this.brandOf(tenantId);
    const subject = `[#${ticket.number}] ${ticket.subject}`;
    const customer = this.tickets().recipientOf(ticket);
    const portal = { label: 'View the request and reply', url: this.links.url(tenantId, ticket.id).url };
    const dashboard = { label: 'Open the ticket', url: new URL(`/tickets/${ticket.id}`, this.baseUrl).toString() };
    const assignee = ticket.assignee ? (await this.directory.user(ticket.assignee.id))?.email : undefined;
    const outgoing: MailMessage[] = [];

    if (news.kind === 'created') {
      if (customer && ticket.source !== 'dashboard') {
        outgoing.push(
          renderMail(
            brand,
            customer,
            subject,
            [`We have your request #${ticket.number}, "${ticket.subject}", and will answer soon.`, ticket.description],
            portal,
          ),
        );
      }
      if (assignee)
        outgoing.push(
          renderMail(
            brand,
            assignee,
            `New ticket ${subject}`,
            [`A new ${ticket.priority}-priority ticket is assigned to you.`, ticket.description],
            dashboard,
          ),
        );
    } else if (news.kind === 'assigned') {
      if (assignee)
        outgoing.push(
          renderMail(
            brand,
            assignee,
            `Assigned to you: ${subject}`,
            [`Ticket #${ticket.number} (${ticket.priority} priority) is now yours.`, ticket.description],
            dashboard,
          ),
        );
    } else if (news.from === 'team') {
      if (customer)
        outgoing.push(
          renderMail(
            brand,
            customer,
            `Re: ${subject}`,
            [`${news.message.author} answered your request #${ticket.number}:`, news.message.body],
            portal,
          ),
        );
    } else if (assignee) {
      outgoing.push(
        renderMail(
          brand,
          assignee,
          `Re: ${subject}`,
          [`${news.message.author} replied to ticket #${ticket.number}:`, news.message.body],
          dashboard,
        ),
      );
    }
    for (const mail of outgoing) await this.jobs.enqueue('mail', mail);
  }
}
