// <tickets-page>: the tickets plugin's pages by path: the list (/tickets, /tickets/new with the new-ticket form),
// one ticket (/tickets/<id>). The website widget's settings are a Settings tab (Widgets, src/plugin.ts).
import { LitElement, html } from '@outpost/ui-sdk';
import './ticket-details.js';
import './tickets-list.js';

export class TicketsPage extends LitElement {
  static override properties = { path: {} };

  declare path: string | undefined;

  override render() {
    const id = /^\/tickets\/([0-9a-f-]{36})$/.exec(this.path ?? '')?.[1];
    if (id) return html`<tickets-details .ticketId=${id}></tickets-details>`;
    if (this.path === '/tickets' || this.path === '/tickets/new')
      return html`<tickets-list ?creating=${this.path === '/tickets/new'}></tickets-list>`;
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('tickets-page', TicketsPage);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-page': TicketsPage;
  }
}
