// What the contacts plugin adds to the web app's home page: the quick action to add a contact.
const { LitElement, html, css, nothing, pageStyles, t, can } = window.Outpost;

class HomeActions extends LitElement {
  static styles = [pageStyles, css`:host { display: contents; }`];

  render() {
    return can('ticket.manage') ? html`<a class="button" href="/contacts/new">+ ${t('Add Contact')}</a>` : nothing;
  }
}
customElements.define('contacts-home-actions', HomeActions);
