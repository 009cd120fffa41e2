// <contacts-device-panel>: on a device's page (the `devices.device.details` extension point), who it belongs to, and
// linking it to a contact.
import { LitElement, api, can, html, nothing, t, toast, type PropertyValues } from '@outpost/ui-sdk';
import type { Contact, ContactPage } from './api-types.js';
import { styles } from './shared.js';

/** What the device page passes in. */
interface DeviceContext {
  deviceId: string;
}

export class DeviceContactsPanel extends LitElement {
  static override properties = { context: { attribute: false }, contacts: { state: true }, found: { state: true } };
  static override styles = styles;

  declare context: DeviceContext | undefined;
  declare contacts: Contact[];
  declare found: Contact[];

  constructor() {
    super();
    this.contacts = [];
    this.found = [];
  }

  override willUpdate(changed: PropertyValues<this>) {
    const before = changed.get('context');
    if (changed.has('context') && this.context?.deviceId !== before?.deviceId) void this.load();
  }

  async load() {
    this.contacts = (await api<{ items: Contact[] }>('GET', `/contacts/by-device/${this.context?.deviceId}`)).items;
  }

  async search(event: InputEvent) {
    const q = (event.target as HTMLInputElement).value.trim();
    this.found = q
      ? (await api<ContactPage>('GET', `/contacts?q=${encodeURIComponent(q)}&limit=8`)).items.filter(
          (c) => !this.contacts.some((linked) => linked.id === c.id),
        )
      : [];
  }

  async link(contact: Contact) {
    await api('PUT', `/contacts/${contact.id}/devices/${this.context?.deviceId}`);
    toast(t('Linked to {name}.', { name: contact.name }));
    this.found = [];
    await this.load();
  }

  override render() {
    return html`<section class="panel" aria-labelledby="contacts-panel">
      <h2 id="contacts-panel">${t('Contacts')}</h2>
      ${
        this.contacts.length
          ? html`<ul class="plain">${this.contacts.map((c) => html`<li><a href=${`/contacts/${c.id}`}>${c.name}</a> <span class="muted">${c.email ?? ''}</span></li>`)}</ul>`
          : html`<p class="muted">${t('Not linked to a contact.')}</p>`
      }
      ${can('ticket.manage') ? this.renderLinking() : nothing}
    </section>`;
  }

  /** Search for a contact and link the device to it. */
  renderLinking() {
    return html`<wa-input label=${t('Link Contact')} type="search" placeholder=${t('Name, e-mail or company')} @input=${this.search}><wa-icon slot="start" name="search"></wa-icon></wa-input>
      <ul class="plain">${this.found.map((c) => html`<li>${c.name} <span class="muted">${c.email ?? ''}</span> <wa-button size="small" appearance="outlined" @click=${() => this.link(c)}><wa-icon slot="start" name="link"></wa-icon>${t('Link')}</wa-button></li>`)}</ul>`;
  }
}
customElements.define('contacts-device-panel', DeviceContactsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'contacts-device-panel': DeviceContactsPanel;
  }
}
