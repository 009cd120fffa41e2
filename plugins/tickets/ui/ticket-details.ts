// <tickets-details>, /tickets/<id>: the conversation, replying and noting, status, priority, assignee, history.
import {
  LitElement,
  api,
  can,
  copyText,
  formatDateTime,
  html,
  nothing,
  t,
  toast,
  type PropertyValues,
} from '@outpost/ui-sdk';
import type { Assignee, HistoryEntry, Message, PortalLink, Ticket, TicketWithConversation } from './api-types.js';
import {
  chosen,
  labelOf,
  noChoice,
  onTicketNews,
  options,
  priorityLabels,
  sourceLabels,
  statusLabels,
  styles,
} from './shared.js';

export class TicketDetails extends LitElement {
  static override properties = {
    ticketId: {},
    ticket: { state: true },
    assignees: { state: true },
    missing: { state: true },
    sending: { state: true },
  };
  static override styles = styles;

  declare ticketId: string;
  declare ticket: TicketWithConversation | null;
  declare assignees: Assignee[];
  declare missing: boolean;
  declare sending: boolean;
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.ticket = null;
    this.assignees = [];
    this.missing = false;
    this.sending = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void api<{ items: Assignee[] }>('GET', '/tickets/assignees').then((r) => (this.assignees = r.items));
    this.unsubscribe = onTicketNews(
      () => void this.load(),
      (event) => event.payload.id === this.ticketId,
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('ticketId')) {
      this.ticket = null;
      void this.load();
    }
  }

  async load() {
    try {
      this.ticket = await api<TicketWithConversation>('GET', `/tickets/${this.ticketId}`);
    } catch {
      this.missing = true;
    }
  }

  async change(event: Event) {
    const { name, value } = event.target as HTMLSelectElement;
    if (!name) return;
    const changed = await api<Ticket>('PATCH', `/tickets/${this.ticketId}`, { [name]: chosen(value) || null });
    if (this.ticket) this.ticket = { ...this.ticket, ...changed };
    toast(t('Saved.'));
    await this.load();
  }

  async send(internal: boolean) {
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('wa-textarea[name=body]')!;
    if (!textarea.value.trim()) return textarea.reportValidity();
    this.sending = true;
    try {
      await api<Message>('POST', `/tickets/${this.ticketId}/messages`, { body: textarea.value, internal });
      textarea.value = '';
      toast(internal ? t('Note added.') : t('Reply sent to the customer.'));
      await this.load();
    } finally {
      this.sending = false;
    }
  }

  async copyPortalLink() {
    const { url } = await api<PortalLink>('POST', `/tickets/${this.ticketId}/portal-link`);
    await copyText(url);
  }

  override render() {
    if (this.missing)
      return html`<div class="empty"><p>${t('This ticket does not exist.')} <a href="/tickets">${t('All tickets')}</a></p></div>`;
    if (!this.ticket) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    const ticket = this.ticket;
    const manage = can('ticket.manage');
    return html`<p><a href="/tickets">← ${t('Tickets')}</a></p>
      <h1>#${ticket.number} ${ticket.subject}</h1>
      <div class="layout">
        <div>${this.renderConversation(ticket, manage)}</div>
        <aside>${this.renderTicketFields(ticket, manage)} ${this.renderHistory(ticket.history)}</aside>
      </div>`;
  }

  /** The customer's description, the messages and notes, and the composer. */
  renderConversation(ticket: TicketWithConversation, manage: boolean) {
    const requester = ticket.contact?.name ?? ticket.requesterEmail ?? t('Customer');
    return html`<section class="panel" aria-label=${t('Conversation')}>
      <article class="customer">
        <p class="muted">${requester} · ${formatDateTime(ticket.createdAt)} · ${t(sourceLabels[ticket.source])}</p>
        <p class="body">${ticket.description || html`<span class="muted">${t('No description.')}</span>`}</p>
      </article>
      ${ticket.messages.map((m) => renderMessage(m))} ${manage ? this.renderComposer() : nothing}
    </section>`;
  }

  renderComposer() {
    return html`<div class="composer">
      <wa-textarea label=${t('Your message')} name="body" required maxlength="20000" rows="4"></wa-textarea>
      <div>
        <wa-button variant="brand" ?loading=${this.sending} @click=${() => this.send(false)}><wa-icon slot="start" name="send"></wa-icon>${t('Reply to customer')}</wa-button>
        <wa-button appearance="outlined" ?loading=${this.sending} @click=${() => this.send(true)}><wa-icon slot="start" name="sticky-note"></wa-icon>${t('Add internal note')}</wa-button>
      </div>
    </div>`;
  }

  /** Status, priority and assignee (changed on the spot), the contact and device, the customer link. */
  renderTicketFields(ticket: Ticket, manage: boolean) {
    return html`<section class="panel" aria-label=${t('Ticket')} @change=${manage ? this.change : undefined}>
      <form class="fields" @submit=${(e: SubmitEvent) => e.preventDefault()}>
        <wa-select label=${t('Status')} name="status" ?disabled=${!manage} .value=${ticket.status}>${options(statusLabels)}</wa-select>
        <wa-select label=${t('Priority')} name="priority" ?disabled=${!manage} .value=${ticket.priority}>${options(priorityLabels)}</wa-select>
        <wa-select label=${t('Assignee')} name="assigneeId" ?disabled=${!manage} .value=${ticket.assignee?.id ?? noChoice}>
          <wa-option value=${noChoice}>${t('Nobody')}</wa-option>
          ${this.assignees.map((a) => html`<wa-option value=${a.id}>${a.name}</wa-option>`)}
        </wa-select>
      </form>
      <p>${t('Contact')}: ${ticket.contact ? html`<a href=${`/contacts/${ticket.contact.id}`}>${ticket.contact.name}</a>` : (ticket.requesterEmail ?? '—')}</p>
      <p>${t('Device')}: ${ticket.device ? html`<a href=${`/devices/d/${ticket.device.id}`}>${ticket.device.name}</a>` : '—'}</p>
      ${manage ? html`<wa-button appearance="outlined" @click=${this.copyPortalLink}><wa-icon slot="start" name="link"></wa-icon>${t('Copy customer link')}</wa-button>` : nothing}
    </section>`;
  }

  renderHistory(history: HistoryEntry[]) {
    return html`<section class="panel" aria-label=${t('History')}>
      <h2>${t('History')}</h2>
      <ol class="history">
        ${history.map((h) => html`<li>${formatDateTime(h.at)}: ${h.actor} ${this.describeChange(h)}</li>`)}
      </ol>
    </section>`;
  }

  describeChange(h: HistoryEntry): string {
    if (h.field === 'created') return t('opened it ({source})', { source: labelOf(sourceLabels, h.to ?? '') });
    return t('changed {field} from {from} to {to}', {
      field: labelOf(historyFieldLabels, h.field),
      from: this.describe(h.field, h.from),
      to: this.describe(h.field, h.to),
    });
  }

  describe(field: string, value: string | null): string {
    if (value === null) return '—';
    if (field === 'status') return labelOf(statusLabels, value);
    if (field === 'priority') return labelOf(priorityLabels, value);
    if (field === 'assignee') return this.assignees.find((a) => a.id === value)?.name ?? value;
    return value;
  }
}

/** What a history entry's field is called inside "changed … from … to …" (the history carries the field's name). */
const historyFieldLabels: Record<string, string> = {
  subject: 'subject',
  priority: 'priority',
  status: 'status',
  assignee: 'assignee',
  contact: 'contact',
  device: 'device',
};

function renderMessage(m: Message) {
  return html`<article class=${m.kind} data-kind=${m.kind}>
    <p class="muted">${m.author} · ${formatDateTime(m.createdAt)}${m.kind === 'note' ? html` · <strong>${t('Internal note')}</strong>` : nothing}</p>
    <p class="body">${m.body}</p>
  </article>`;
}

customElements.define('tickets-details', TicketDetails);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-details': TicketDetails;
  }
}
