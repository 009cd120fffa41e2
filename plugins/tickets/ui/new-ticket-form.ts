// <tickets-new-form>: the new-ticket form, on the tickets list and in the Tickets panel of a device or contact.
import { LitElement, api, html, nothing, t, toast } from '@outpost/ui-sdk';
import type { Assignee, Ticket } from './api-types.js';
import { chosen, noChoice, options, priorityLabels, styles } from './shared.js';

/** The contact or device a new ticket is opened from. */
export interface TicketScope {
  contactId?: string;
  deviceId?: string;
}

/** The new-ticket form; `fixed` carries the contact or device it is opened from. Fires `created` with the ticket. */
export class NewTicketForm extends LitElement {
  static override properties = { fixed: { attribute: false }, assignees: { state: true }, error: { state: true } };
  static override styles = styles;

  declare fixed: TicketScope;
  declare assignees: Assignee[];
  declare error: string;

  constructor() {
    super();
    this.fixed = {};
    this.assignees = [];
    this.error = '';
  }

  override async connectedCallback() {
    super.connectedCallback();
    this.assignees = (await api<{ items: Assignee[] }>('GET', '/tickets/assignees')).items;
  }

  async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      const ticket = await api<Ticket>('POST', '/tickets', {
        subject: data.get('subject'),
        description: data.get('description'),
        priority: data.get('priority'),
        assigneeId: chosen(String(data.get('assigneeId') ?? '')) || null,
        ...this.fixed,
      });
      toast(t('Ticket #{number} is open.', { number: ticket.number }));
      this.dispatchEvent(new CustomEvent('created', { detail: ticket, bubbles: true, composed: true }));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    return html`<form class="fields" @submit=${this.submit}>
      <wa-input label=${t('Subject')} name="subject" required maxlength="200"></wa-input>
      <wa-textarea label=${t('Description')} name="description" rows="4" maxlength="20000"></wa-textarea>
      <wa-select label=${t('Priority')} name="priority" value="medium">${options(priorityLabels)}</wa-select>
      <wa-select label=${t('Assignee')} name="assigneeId" value=${noChoice}>
        <wa-option value=${noChoice}>${t('Nobody yet')}</wa-option>
        ${this.assignees.map((a) => html`<wa-option value=${a.id}>${a.name}</wa-option>`)}
      </wa-select>
      ${this.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.error}</wa-callout>` : nothing}
      <div><wa-button type="submit" variant="brand">${t('Create')}</wa-button></div>
    </form>`;
  }
}
customElements.define('tickets-new-form', NewTicketForm);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-new-form': NewTicketForm;
  }
}
