// <contacts-details>, /contacts/<id>: the contact, its devices, its history, and what other plugins add at the
// `contacts.contact.details` extension point (tickets).
import {
  LitElement,
  api,
  can,
  confirmDestructive,
  formatDateTime,
  html,
  nothing,
  t,
  toast,
  type PropertyValues,
} from '@outpost/ui-sdk';
import type { Connection, Contact, ContactWithDevices, FoundDevice, LinkedDevice } from './api-types.js';
import './device-picker.js';
import { contactFields, fieldsOf, styles } from './shared.js';

/** What the elements at `contacts.contact.details` are given. */
interface ContactContext {
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  deviceIds: string[];
}

export class ContactDetails extends LitElement {
  static override properties = {
    contactId: {},
    contact: { state: true },
    connections: { state: true },
    error: { state: true },
    missing: { state: true },
  };
  static override styles = styles;

  declare contactId: string;
  declare contact: ContactWithDevices | null;
  declare connections: Connection[];
  declare error: string;
  declare missing: boolean;
  private context?: ContactContext;

  constructor() {
    super();
    this.contact = null;
    this.connections = [];
    this.error = '';
    this.missing = false;
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('contactId')) {
      this.contact = null;
      void this.load();
    }
  }

  async load() {
    try {
      const [contact, connections] = await Promise.all([
        api<ContactWithDevices>('GET', `/contacts/${this.contactId}`),
        api<{ items: Connection[] }>('GET', `/contacts/${this.contactId}/connections?limit=20`),
      ]);
      this.contact = contact;
      this.connections = connections.items;
      this.context = {
        contactId: contact.id,
        contactName: contact.name,
        contactEmail: contact.email,
        deviceIds: contact.devices.map((d) => d.id),
      };
    } catch {
      this.missing = true;
    }
  }

  async save(event: SubmitEvent) {
    event.preventDefault();
    try {
      await api<Contact>('PATCH', `/contacts/${this.contactId}`, fieldsOf(event.target as HTMLFormElement));
      this.error = '';
      toast(t('Saved.'));
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async deleteContact() {
    const name = this.contact?.name ?? '';
    const confirmed = await confirmDestructive({
      title: t('Delete {name}?', { name }),
      message: t('The contact goes; its devices and tickets stay.'),
      action: t('Delete'),
    });
    if (!confirmed) return;
    await api('DELETE', `/contacts/${this.contactId}`);
    toast(t('{name} is deleted.', { name }));
    history.pushState(null, '', '/contacts');
    window.dispatchEvent(new PopStateEvent('popstate'));
  }

  async link(event: CustomEvent<FoundDevice>) {
    await api('PUT', `/contacts/${this.contactId}/devices/${event.detail.id}`);
    toast(t('{device} is linked.', { device: event.detail.name }));
    await this.load();
  }

  async unlink(device: LinkedDevice) {
    await api('DELETE', `/contacts/${this.contactId}/devices/${device.id}`);
    await this.load();
  }

  override render() {
    if (this.missing)
      return html`<div class="empty"><p>${t('This contact does not exist (any more).')} <a href="/contacts">${t('All contacts')}</a></p></div>`;
    if (!this.contact) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    const c = this.contact;
    const manage = can('ticket.manage');
    return html`<p><a href="/contacts">← ${t('Contacts')}</a></p>
      <h1>${c.name}${c.company ? html` <span class="muted">${c.company}</span>` : nothing}</h1>
      <div class="grid">
        ${this.renderDetails(c, manage)} ${this.renderDevices(c.devices, manage)}
        <outpost-extensions point="contacts.contact.details" .context=${this.context}></outpost-extensions>
      </div>
      ${this.renderHistory()}`;
  }

  renderDetails(c: ContactWithDevices, manage: boolean) {
    return html`<section class="panel" aria-labelledby="details">
      <h2 id="details">${t('Details')}</h2>
      <form class="fields" @submit=${this.save}>
        ${contactFields(c, !manage)} ${this.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.error}</wa-callout>` : nothing}
        ${manage ? html`<div class="actions"><wa-button type="submit" variant="brand">${t('Save')}</wa-button> <wa-button variant="danger" appearance="outlined" @click=${this.deleteContact}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Delete')}</wa-button></div>` : nothing}
      </form>
    </section>`;
  }

  /** The linked devices, with Unlink and the picker to link another. */
  renderDevices(devices: LinkedDevice[], manage: boolean) {
    return html`<section class="panel" aria-labelledby="devices">
      <h2 id="devices">${t('Devices')}</h2>
      ${
        devices.length
          ? html`<ul class="plain">
            ${devices.map(
              (d) => html`<li>
                <a href=${`/devices/d/${d.id}`}>${d.name}</a> <wa-badge variant=${d.status === 'online' ? 'success' : 'neutral'}>${d.status}</wa-badge>
                ${manage ? html`<wa-button size="small" appearance="outlined" @click=${() => this.unlink(d)}><wa-icon slot="start" name="unlink"></wa-icon><span class="sr-only">${t('Unlink {device}', { device: d.name })}</span><span aria-hidden="true">${t('Unlink')}</span></wa-button>` : nothing}
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('No devices linked yet.')}</p>`
      }
      ${manage ? html`<contacts-device-picker .exclude=${devices.map((d) => d.id)} @pick=${this.link}></contacts-device-picker>` : nothing}
    </section>`;
  }

  /** When the contact's devices were connected. */
  renderHistory() {
    return html`<section class="panel" aria-labelledby="history">
      <h2 id="history">${t('Connection history')}</h2>
      ${
        this.connections.length
          ? html`<table>
            <thead><tr><th>${t('Device')}</th><th>${t('Connected')}</th><th>${t('Disconnected')}</th><th>${t('IP address')}</th></tr></thead>
            <tbody>
              ${this.connections.map((s) => renderConnection(s))}
            </tbody>
          </table>`
          : html`<p class="muted">${t("None of this contact's devices has connected yet.")}</p>`
      }
    </section>`;
  }
}

function renderConnection(s: Connection) {
  return html`<tr><td>${s.deviceName}</td><td data-label=${t('Connected')}>${formatDateTime(s.connectedAt)}</td><td data-label=${t('Disconnected')}>${s.disconnectedAt ? formatDateTime(s.disconnectedAt) : t('connected')}</td><td data-label=${t('IP address')}>${s.ip ?? '—'}</td></tr>`;
}

customElements.define('contacts-details', ContactDetails);

declare global {
  interface HTMLElementTagNameMap {
    'contacts-details': ContactDetails;
  }
}
