// <tickets-panel>: on a device's or a contact's page (the `devices.device.details` and `contacts.contact.details`
// extension points), its tickets, and Create Ticket for it.
import { LitElement, api, can, html, nothing, t, type PropertyValues } from '@outpost/ui-sdk';
import type { Ticket, TicketPage } from './api-types.js';
import './new-ticket-form.js';
import type { TicketScope } from './new-ticket-form.js';
import { badge, onTicketNews, showTicket, statusLabels, styles } from './shared.js';

/** What the page hosting the panel passes in: a device's or a contact's id. */
interface PanelContext {
  deviceId?: string;
  contactId?: string;
}

export class TicketsPanel extends LitElement {
  static override properties = { context: { attribute: false }, items: { state: true }, creating: { state: true } };
  static override styles = styles;

  declare context: PanelContext | undefined;
  declare items: Ticket[];
  declare creating: boolean;
  /** The scope the items were loaded for, as JSON: a new context object for the same scope loads nothing. */
  private loadedFor?: string;
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.items = [];
    this.creating = false;
  }

  get scope(): TicketScope {
    return this.context?.deviceId ? { deviceId: this.context.deviceId } : { contactId: this.context?.contactId };
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('context') && JSON.stringify(this.scope) !== this.loadedFor) void this.load();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = onTicketNews(() => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async load() {
    if (!this.context) return;
    this.loadedFor = JSON.stringify(this.scope);
    const query = new URLSearchParams({ ...this.scope, limit: '10' } as Record<string, string>);
    this.items = (await api<TicketPage>('GET', `/tickets?${query}`)).items;
  }

  override render() {
    return html`<section class="panel" aria-labelledby="tickets-panel">
      <h2 id="tickets-panel">${t('Tickets')}</h2>
      ${
        this.items.length
          ? html`<ul>
            ${this.items.map((ticket) => html`<li><a href=${`/tickets/${ticket.id}`}>#${ticket.number} ${ticket.subject}</a> ${badge(statusLabels, ticket.status)}</li>`)}
          </ul>`
          : html`<p class="muted">${t('No tickets yet.')}</p>`
      }
      ${can('ticket.manage') ? this.renderCreate() : nothing}
    </section>`;
  }

  renderCreate() {
    return this.creating
      ? html`<tickets-new-form .fixed=${this.scope} @created=${(e: CustomEvent<Ticket>) => showTicket(e.detail)}></tickets-new-form>`
      : html`<wa-button appearance="outlined" @click=${() => (this.creating = true)}><wa-icon slot="start" name="plus"></wa-icon>${t('Create Ticket')}</wa-button>`;
  }
}
customElements.define('tickets-panel', TicketsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-panel': TicketsPanel;
  }
}
