// <tickets-list>, /tickets: filters, search, Create Ticket, the list, CSV. /tickets/new opens it with the form.
import { LitElement, api, can, formatDateTime, html, nothing, repeat, t } from '@outpost/ui-sdk';
import type { TableFilterSet, TableViewChange } from '@outpost/ui-sdk';
import type { Assignee, Ticket, TicketPage } from './api-types.js';
import './new-ticket-form.js';
import {
  badge,
  chosen,
  noChoice,
  onTicketNews,
  options,
  priorityLabels,
  showTicket,
  sourceLabels,
  statusLabels,
  styles,
} from './shared.js';

export class TicketsList extends LitElement {
  static override properties = {
    items: { state: true },
    nextCursor: { state: true },
    filters: { state: true },
    assignees: { state: true },
    creating: { type: Boolean },
    hiddenColumns: { state: true },
    density: { state: true },
  };
  static override styles = styles;

  declare items: Ticket[] | null;
  declare nextCursor: string | null;
  /** The filter fields by name (`q`, `status`, `priority`, `assignee`, `source`), as typed or chosen. */
  declare filters: Record<string, string>;
  declare assignees: Assignee[];
  declare creating: boolean;
  /** Columns the user hid, and the density they chose (View options, kept on the server). */
  declare hiddenColumns: ReadonlySet<string>;
  declare density: 'comfortable' | 'compact';
  private unsubscribe?: () => void;
  private typing?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.items = null;
    this.nextCursor = null;
    this.filters = {};
    this.assignees = [];
    this.creating = false;
    this.hiddenColumns = new Set();
    this.density = 'comfortable';
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
    const { name, value } = event.target as HTMLInputElement;
    if (!name) return;
    this.filters = { ...this.filters, [name]: chosen(value.trim()) };
    clearTimeout(this.typing);
    this.typing = setTimeout(() => void this.load(), name === 'q' ? 250 : 0);
  }

  override render() {
    return html`<h1>
        ${t('Tickets')}
        <span class="actions">
          ${can('ticket.manage') ? html`<wa-button variant="brand" @click=${() => (this.creating = !this.creating)}><wa-icon slot="start" name="plus"></wa-icon>${t('Create Ticket')}</wa-button>` : nothing}
          <wa-button appearance="outlined" href=${`/api/v1/tickets/export.csv?${this.query()}`} download><wa-icon slot="start" name="download"></wa-icon>${t('Export CSV')}</wa-button>
          ${this.renderViewOptions()}
        </span>
      </h1>
      ${this.creating ? html`<section class="panel" aria-label=${t('New ticket')}><tickets-new-form @created=${(e: CustomEvent<Ticket>) => showTicket(e.detail)}></tickets-new-form></section>` : nothing}
      ${this.renderFilters()} ${this.renderList()}`;
  }

  /** Columns, density and saved filters, per user (`table.tickets`). */
  renderViewOptions() {
    const { q = '', ...rest } = this.filters;
    return html`<outpost-table-options
      key="tickets"
      label=${t('Tickets')}
      .columns=${ticketColumns()}
      .current=${{ search: q, filters: rest }}
      @outpost-table-view=${(e: CustomEvent<TableViewChange>) => {
        this.hiddenColumns = new Set(e.detail.hidden);
        this.density = e.detail.density;
      }}
      @outpost-table-filter=${(e: CustomEvent<TableFilterSet>) => {
        const known = ['status', 'priority', 'assignee', 'source'];
        this.filters = {
          q: e.detail.search,
          ...Object.fromEntries(Object.entries(e.detail.filters).filter(([key]) => known.includes(key))),
        };
        void this.load();
      }}
    ></outpost-table-options>`;
  }

  renderFilters() {
    const f = this.filters;
    return html`<div class="filters" @change=${this.filter}>
      <wa-input label=${t('Search')} size="small" name="q" type="search" placeholder=${t('Subject or #number')} .value=${f.q ?? ''} @input=${this.filter}><wa-icon slot="start" name="search"></wa-icon></wa-input>
      <wa-select label=${t('Status')} size="small" name="status" .value=${f.status || noChoice}><wa-option value=${noChoice}>${t('Any')}</wa-option>${options(statusLabels)}</wa-select>
      <wa-select label=${t('Priority')} size="small" name="priority" .value=${f.priority || noChoice}><wa-option value=${noChoice}>${t('Any')}</wa-option>${options(priorityLabels)}</wa-select>
      <wa-select label=${t('Assignee')} size="small" name="assignee" .value=${f.assignee || noChoice}>
        ${options({ [noChoice]: 'Anyone', me: 'Me', none: 'Unassigned' })}
        ${this.assignees.map((a) => html`<wa-option value=${a.id}>${a.name}</wa-option>`)}
      </wa-select>
      <wa-select label=${t('Source')} size="small" name="source" .value=${f.source || noChoice}><wa-option value=${noChoice}>${t('Any')}</wa-option>${options(sourceLabels)}</wa-select>
    </div>`;
  }

  renderList() {
    if (!this.items) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    if (!this.items.length) {
      const filtered = Object.values(this.filters).some(Boolean);
      return html`<div class="empty"><p>${filtered ? t('No ticket matches these filters.') : t("No tickets yet. Create one here or from a device or contact; customers open them from their device or your website's widget.")}</p></div>`;
    }
    const shown = ticketColumns().filter((c) => !this.hiddenColumns.has(c.key));
    return html`<table aria-label=${t('Tickets')} class=${this.density}>
        <thead><tr>${shown.map((c) => html`<th>${c.key === 'number' ? '#' : c.label}</th>`)}</tr></thead>
        <tbody>
          ${repeat(
            this.items,
            (ticket) => ticket.id,
            (ticket) => html`<tr>${shown.map((c) => cells[c.key](ticket))}</tr>`,
          )}
        </tbody>
      </table>
      ${this.nextCursor ? html`<p><wa-button appearance="outlined" @click=${() => this.load(true)}>${t('Show more')}</wa-button></p>` : nothing}`;
  }
}

/** The list's columns, for the column chooser (the subject always shows). */
function ticketColumns(): Array<{ key: keyof typeof cells; label: string; hideable?: boolean }> {
  return [
    { key: 'number', label: t('Number') },
    { key: 'subject', label: t('Subject'), hideable: false },
    { key: 'status', label: t('Status') },
    { key: 'priority', label: t('Priority') },
    { key: 'contact', label: t('Contact') },
    { key: 'assignee', label: t('Assignee') },
    { key: 'source', label: t('Source') },
    { key: 'updated', label: t('Updated') },
  ];
}

/** Each column's cell of a ticket's row. */
const cells = {
  number: (ticket: Ticket) => html`<td>${ticket.number}</td>`,
  subject: (ticket: Ticket) => html`<td><a href=${`/tickets/${ticket.id}`}>${ticket.subject}</a></td>`,
  status: (ticket: Ticket) => html`<td data-label=${t('Status')}>${badge(statusLabels, ticket.status)}</td>`,
  priority: (ticket: Ticket) => html`<td data-label=${t('Priority')}>${badge(priorityLabels, ticket.priority)}</td>`,
  contact: (ticket: Ticket) =>
    html`<td data-label=${t('Contact')}>${ticket.contact?.name ?? ticket.requesterEmail ?? ''}</td>`,
  assignee: (ticket: Ticket) => html`<td data-label=${t('Assignee')}>${ticket.assignee?.name ?? '—'}</td>`,
  source: (ticket: Ticket) => html`<td data-label=${t('Source')}>${t(sourceLabels[ticket.source])}</td>`,
  updated: (ticket: Ticket) => html`<td data-label=${t('Updated')}>${formatDateTime(ticket.updatedAt)}</td>`,
};

customElements.define('tickets-list', TicketsList);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-list': TicketsList;
  }
}
