// <contacts-home-actions>, on the web app's home page (the core's `core.home.actions` extension point): the quick
// action to add a contact.
import { LitElement, can, css, html, nothing, pageStyles, t } from '@outpost/ui-sdk';

export class ContactsHomeActions extends LitElement {
  static override styles = [pageStyles, css`:host { display: contents; }`];

  override render() {
    return can('ticket.manage') ? html`<a class="button" href="/contacts/new">+ ${t('Add Contact')}</a>` : nothing;
  }
}
customElements.define('contacts-home-actions', ContactsHomeActions);

declare global {
  interface HTMLElementTagNameMap {
    'contacts-home-actions': ContactsHomeActions;
  }
}
