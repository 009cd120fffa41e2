// <tickets-list>, /tickets: filters, search, Create Ticket, the list, CSV. /tickets/new opens it with the form.
import { LitElement, api, can, formatDateTime, html, nothing, repeat, t } from '@outpost/ui-sdk';
import type { Assignee, Ticket, TicketPage } from './api-types.js';
import './new-ticket-form.js';
import { onTicketNews, options, priorityLabels, showTicket, sourceLabels, statusLabels, styles } from './shared.js';

export class TicketsList extends LitElement {
  static override properties = {
    items: { state: true },
    nextCursor: { state: true },
    filters: { state: true },
    assignees: { state: true },
    creating: { type: Boolean },
  };
  static override styles = styles;

  declare items: Ticket[] | null;
  declare nextCursor: string | null;
  /** The filter fields by name (`q`, `status`, `priority`, `assignee`, `source`), as typed or chosen. */
  declare filters: Record<string, string>;
  declare assignees: Assignee[];
  declare creating: boolean;
  private unsubscribe?: () => void;
  private typing?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.items = null;
    this.nextCursor = null;
    this.filters = {};
    this.assignees = [];
    this.creating = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    void api<{ items: Assignee[] }>('GET', '/tickets/assignees').then((r) => (this.assignees = r.items));
    this.unsubscribe = onTicketNews(() => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  query(extra: Record<string, string> = {}): string {
    const query = new URLSearchParams(Object.entries({ ...this.filters, ...extra }).filter(([, v]) => v));
    return query.toString();
  }

  async load(more = false) {
    const cursor = more ? (this.nextCursor ?? '') : '';
    const page = await api<TicketPage>('GET', `/tickets?${this.query({ limit: '50', cursor })}`);
    this.items = more && this.items ? [...this.items, ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  filter(event: Event) {
    const { name, value } = event.target as HTMLInputElement | HTMLSelectElement;
    this.filters = { ...this.filters, [name]: value.trim() };
    clearTimeout(this.typing);
    this.typing = setTimeout(() => void this.load(), name === 'q' ? 250 : 0);
  }

  override render() {
    return html`<h1>
        ${t('Tickets')}
        <span class="actions">
          ${can('ticket.manage') ? html`<button class="primary" @click=${() => (this.creating = !this.creating)}>${t('Create Ticket')}</button>` : nothing}
          <a class="button" href=${`/api/v1/tickets/export.csv?${this.query()}`} download>${t('Export CSV')}</a>
        </span>
      </h1>
      ${this.creating ? html`<section class="panel" aria-label=${t('New ticket')}><tickets-new-form @created=${(e: CustomEvent<Ticket>) => showTicket(e.detail)}></tickets-new-form></section>` : nothing}
      ${this.renderFilters()} ${this.renderList()}`;
  }

  renderFilters() {
    return html`<div class="filters" @change=${this.filter}>
      <label>${t('Search')}<input name="q" type="search" placeholder=${t('Subject or #number')} @input=${this.filter} /></label>
      <label>${t('Status')}<select name="status"><option value="">${t('Any')}</option>${options(statusLabels)}</select></label>
      <label>${t('Priority')}<select name="priority"><option value="">${t('Any')}</option>${options(priorityLabels)}</select></label>
      <label
        >${t('Assignee')}<select name="assignee">
          <option value="">${t('Anyone')}</option>
          <option value="me">${t('Me')}</option>
          <option value="none">${t('Unassigned')}</option>
          ${this.assignees.map((a) => html`<option value=${a.id}>${a.name}</option>`)}
        </select></label
      >
      <label>${t('Source')}<select name="source"><option value="">${t('Any')}</option>${options(sourceLabels)}</select></label>
    </div>`;
  }

  renderList() {
    if (!this.items) return html`<p>${t('Loading…')}</p>`;
    if (!this.items.length) {
      const filtered = Object.values(this.filters).some(Boolean);
      return html`<div class="empty"><p>${filtered ? t('No ticket matches these filters.') : t("No tickets yet. Create one here or from a device or contact; customers open them from their device or your website's widget.")}</p></div>`;
    }
    return html`<table aria-label=${t('Tickets')}>
        <thead><tr><th>#</th><th>${t('Subject')}</th><th>${t('Status')}</th><th>${t('Priority')}</th><th>${t('Contact')}</th><th>${t('Assignee')}</th><th>${t('Source')}</th><th>${t('Updated')}</th></tr></thead>
        <tbody>
          ${repeat(
            this.items,
            (ticket) => ticket.id,
            (ticket) => renderRow(ticket),
          )}
        </tbody>
      </table>
      ${this.nextCursor ? html`<p><button @click=${() => this.load(true)}>${t('Show more')}</button></p>` : nothing}`;
  }
}

function renderRow(ticket: Ticket) {
  return html`<tr>
    <td>${ticket.number}</td>
    <td><a href=${`/tickets/${ticket.id}`}>${ticket.subject}</a></td>
    <td data-label=${t('Status')}><span class="badge ${ticket.status}">${t(statusLabels[ticket.status])}</span></td>
    <td data-label=${t('Priority')}><span class="badge ${ticket.priority}">${t(priorityLabels[ticket.priority])}</span></td>
    <td data-label=${t('Contact')}>${ticket.contact?.name ?? ticket.requesterEmail ?? ''}</td>
    <td data-label=${t('Assignee')}>${ticket.assignee?.name ?? '—'}</td>
    <td data-label=${t('Source')}>${t(sourceLabels[ticket.source])}</td>
    <td data-label=${t('Updated')}>${formatDateTime(ticket.updatedAt)}</td>
  </tr>`;
}

customElements.define('tickets-list', TicketsList);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-list': TicketsList;
  }
}
