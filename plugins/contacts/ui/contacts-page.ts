// <contacts-page>: the contacts plugin's pages by path: the list (/contacts, /contacts/new with the new-contact form)
// and one contact (/contacts/<id>).
import { LitElement, html } from '@outpost/ui-sdk';
import './contact-details.js';
import './contacts-list.js';

export class ContactsPage extends LitElement {
  static override properties = { path: {} };

  declare path: string | undefined;

  override render() {
    const id = /^\/contacts\/([0-9a-f-]{36})$/.exec(this.path ?? '')?.[1];
    if (id) return html`<contacts-details .contactId=${id}></contacts-details>`;
    if (this.path === '/contacts' || this.path === '/contacts/new')
      return html`<contacts-list ?adding=${this.path === '/contacts/new'}></contacts-list>`;
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('contacts-page', ContactsPage);

declare global {
  interface HTMLElementTagNameMap {
    'contacts-page': ContactsPage;
  }
}
