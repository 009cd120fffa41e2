// <tickets-home-open>, on the web app's home page (the core's `core.home.widgets` extension point): open tickets by
// priority and the latest tickets, live.
import { LitElement, api, css, formatDateTime, html, nothing, pageStyles, t } from '@outpost/ui-sdk';
import type { OpenCounts, Ticket, TicketPage, TicketPriority } from './api-types.js';
import { badge, onTicketNews, priorityLabels, statusLabels } from './shared.js';

/** Most urgent first. */
const priorities: TicketPriority[] = ['urgent', 'high', 'medium', 'low'];

/** Tickets still to be dealt with, a bar per priority, and the latest tickets. */
export class HomeOpenTickets extends LitElement {
  static override properties = { counts: { state: true }, latest: { state: true } };
  static override styles = [
    pageStyles,
    css`
      .panel { margin: 0; height: 100%; box-sizing: border-box; }
      h2 { display: flex; justify-content: space-between; align-items: baseline; gap: var(--wa-space-xs); flex-wrap: wrap; }
      h2 a { font-size: var(--wa-font-size-s); font-weight: var(--wa-font-weight-normal); }
      h3 { font-size: var(--wa-font-size-m); margin: var(--wa-space-m) 0 var(--wa-space-xs); }
      .headline strong { font-size: var(--wa-font-size-2xl); }
      ul.priorities { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--wa-space-2xs); }
      ul.priorities li { display: grid; grid-template-columns: 10ch 1fr 5ch; gap: var(--wa-space-s); align-items: center; font-size: var(--wa-font-size-s); }
      ul.priorities .count { text-align: right; font-weight: var(--wa-font-weight-semibold); }
      li a { overflow-wrap: anywhere; }
    `,
  ];

  declare counts: OpenCounts | null;
  declare latest: Ticket[];
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.counts = null;
    this.latest = [];
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = onTicketNews(() => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async load() {
    const [counts, latest] = await Promise.all([
      api<OpenCounts>('GET', '/tickets/counts'),
      api<TicketPage>('GET', '/tickets?limit=5'),
    ]);
    this.counts = counts;
    this.latest = latest.items;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="open-tickets" data-testid="home-tickets">
      <h2 id="open-tickets">${t('Open tickets')} <a href="/tickets">${t('All tickets')}</a></h2>
      ${this.counts ? this.renderCounts(this.counts) : html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`}
      ${this.latest.length ? this.renderLatest(this.latest) : nothing}
    </section>`;
  }

  renderCounts({ open, byPriority }: OpenCounts) {
    if (!open) return html`<p>${t('No open tickets.')}</p>`;
    const most = Math.max(...Object.values(byPriority));
    return html`<p class="headline" data-testid="tickets-open"><strong>${open}</strong> ${t('{count, plural, one {ticket to deal with} other {tickets to deal with}}', { count: open })}</p>
      <ul class="priorities" aria-label=${t('Open tickets by priority')}>
        ${priorities.map(
          (priority) => html`<li data-priority=${priority}>
            <span>${t(priorityLabels[priority])}</span>
            <outpost-meter kind="progress" .value=${byPriority[priority]} .max=${most} label=${t('{priority} priority', { priority: t(priorityLabels[priority]) })}></outpost-meter>
            <span class="count">${byPriority[priority]}</span>
          </li>`,
        )}
      </ul>`;
  }

  renderLatest(latest: Ticket[]) {
    return html`<h3>${t('Latest tickets')}</h3>
      <ul class="plain">
        ${latest.map(
          (ticket) => html`<li>
            <a href=${`/tickets/${ticket.id}`}>#${ticket.number} ${ticket.subject}</a>
            ${badge(statusLabels, ticket.status)}
            <span class="muted">${formatDateTime(ticket.updatedAt)}</span>
          </li>`,
        )}
      </ul>`;
  }
}
customElements.define('tickets-home-open', HomeOpenTickets);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-home-open': HomeOpenTickets;
  }
}
