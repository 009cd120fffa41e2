// What the tickets plugin adds to the web app's home page (the core's `core.home.*`
// extension points): open tickets by priority and the latest tickets, live, and the
// quick action to create a ticket.
const { LitElement, html, css, nothing, pageStyles, api, t, can, formatDateTime } = window.Outpost;
import { badgeStyles, onTicketNews, priorityLabels, statusLabels } from './shared.js';

/** Most urgent first. */
const priorities = ['urgent', 'high', 'medium', 'low'];

/** Tickets still to be dealt with, a bar per priority, and the latest tickets. */
class HomeTickets extends LitElement {
  static properties = { counts: { state: true }, latest: { state: true } };
  static styles = [
    pageStyles,
    badgeStyles,
    css`
      .panel { margin: 0; height: 100%; box-sizing: border-box; }
      h2 { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; flex-wrap: wrap; }
      h2 a { font-size: 0.85rem; font-weight: normal; }
      a { color: #1d4ed8; }
      h3 { font-size: 0.95rem; margin: 1rem 0 0.4rem; }
      .headline strong { font-size: 1.6rem; }
      ul.priorities { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.35rem; }
      ul.priorities li { display: grid; grid-template-columns: 5rem 1fr 2.5rem; gap: 0.75rem; align-items: center; font-size: 0.9rem; }
      ul.priorities .count { text-align: right; font-weight: 600; }
      li a { overflow-wrap: anywhere; }
    `,
  ];

  constructor() {
    super();
    this.counts = null;
    this.latest = [];
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = onTicketNews(() => void this.load());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async load() {
    const [counts, latest] = await Promise.all([api('GET', '/tickets/counts'), api('GET', '/tickets?limit=5')]);
    this.counts = counts;
    this.latest = latest.items;
  }

  render() {
    return html`<section class="panel" aria-labelledby="open-tickets" data-testid="home-tickets">
      <h2 id="open-tickets">${t('Open tickets')} <a href="/tickets">${t('All tickets')}</a></h2>
      ${this.counts ? this.renderCounts(this.counts) : html`<p class="muted">${t('Loading…')}</p>`}
      ${
        this.latest.length
          ? html`<h3>${t('Latest tickets')}</h3>
            <ul class="plain">
              ${this.latest.map(
                (ticket) => html`<li>
                  <a href=${`/tickets/${ticket.id}`}>#${ticket.number} ${ticket.subject}</a>
                  <span class="badge ${ticket.status}">${t(statusLabels[ticket.status])}</span>
                  <span class="muted">${formatDateTime(ticket.updatedAt)}</span>
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`;
  }

  renderCounts({ open, byPriority }) {
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
}
customElements.define('tickets-home-open', HomeTickets);

/** Quick action: create a ticket. */
class HomeActions extends LitElement {
  static styles = [pageStyles, css`:host { display: contents; }`];

  render() {
    return can('ticket.manage') ? html`<a class="button" href="/tickets/new">+ ${t('Create Ticket')}</a>` : nothing;
  }
}
customElements.define('tickets-home-actions', HomeActions);
