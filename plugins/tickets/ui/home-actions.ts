// <tickets-home-actions>, on the web app's home page (the core's `core.home.actions` extension point): the quick
// action to create a ticket.
import { LitElement, can, css, html, nothing, pageStyles, t } from '@outpost/ui-sdk';

export class TicketsHomeActions extends LitElement {
  static override styles = [pageStyles, css`:host { display: contents; }`];

  override render() {
    return can('ticket.manage') ? html`<a class="button" href="/tickets/new">+ ${t('Create Ticket')}</a>` : nothing;
  }
}
customElements.define('tickets-home-actions', TicketsHomeActions);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-home-actions': TicketsHomeActions;
  }
}
