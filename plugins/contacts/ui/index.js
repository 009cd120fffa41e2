// The contacts plugin's pages: the list with search, import and export (/contacts), one
// contact with its devices and history (/contacts/<id>), and the Contacts panel on a
// device's page. Plain ES module on the web app's SDK (window.Outpost). /contacts/new opens the
// list with the new-contact form; what it adds to the home page is in home.js.
const {
  LitElement,
  html,
  css,
  nothing,
  pageStyles,
  repeat,
  api,
  t,
  toast,
  can,
  formatDateTime,
  confirmDestructive,
  stream,
} = window.Outpost;
import './home.js';

const styles = [
  pageStyles,
  css`
    input[type='search'] { width: 100%; max-width: 28rem; margin-bottom: 0.75rem; }
    .status.online { background: #dcfce7; color: #166534; }
  `,
];

/** The contact form's fields, as the API takes them (empty optional fields as null). */
function fieldsOf(form) {
  const data = new FormData(form);
  const optional = (name) => String(data.get(name) ?? '').trim() || null;
  return {
    name: String(data.get('name')),
    email: optional('email'),
    phone: optional('phone'),
    company: optional('company'),
    notes: String(data.get('notes') ?? ''),
  };
}

function contactFields(contact = {}, readOnly = false) {
  return html`<label>${t('Name')}<input name="name" required maxlength="200" .value=${contact.name ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('E-mail')}<input name="email" type="email" maxlength="254" .value=${contact.email ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('Phone')}<input name="phone" type="tel" maxlength="50" pattern="[0-9+()./ x\\-]*" .value=${contact.phone ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('Company')}<input name="company" maxlength="200" .value=${contact.company ?? ''} ?disabled=${readOnly} /></label>
    <label>${t('Notes')}<textarea name="notes" rows="3" maxlength="5000" .value=${contact.notes ?? ''} ?disabled=${readOnly}></textarea></label>`;
}

/** /contacts: search, add, import, export. */
class ContactsList extends LitElement {
  static properties = {
    items: { state: true },
    nextCursor: { state: true },
    q: { state: true },
    adding: { type: Boolean },
    report: { state: true },
    importing: { state: true },
    error: { state: true },
  };
  static styles = styles;

  constructor() {
    super();
    this.items = null;
    this.nextCursor = null;
    this.q = '';
    this.adding = false;
    this.report = null;
    this.importing = false;
    this.error = '';
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('contacts.*', () => {
      clearTimeout(this.refresh);
      this.refresh = setTimeout(() => void this.load(), 1000);
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearTimeout(this.refresh);
  }

  async load(more = false) {
    const query = new URLSearchParams({ limit: '50' });
    if (this.q) query.set('q', this.q);
    if (more && this.nextCursor) query.set('cursor', this.nextCursor);
    const page = await api('GET', `/contacts?${query}`);
    this.items = more ? [...this.items, ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  search(event) {
    this.q = event.target.value.trim();
    clearTimeout(this.typing);
    this.typing = setTimeout(() => void this.load(), 250);
  }

  async add(event) {
    event.preventDefault();
    try {
      const contact = await api('POST', '/contacts', fieldsOf(event.target));
      toast(t('{name} is added.', { name: contact.name }));
      this.adding = false;
      this.error = '';
      await this.load();
    } catch (error) {
      this.error = error.message;
    }
  }

  async import(event) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    this.importing = true;
    this.report = null;
    try {
      this.report = await api('POST', '/contacts/import', { csv: await file.text() });
      toast(t('Import done: {count} imported.', { count: this.report.accepted }));
      await this.load();
    } catch (error) {
      this.report = { failed: error.message };
    } finally {
      this.importing = false;
      input.value = '';
    }
  }

  render() {
    const manage = can('ticket.manage');
    const exportUrl = `/api/v1/contacts/export.csv${this.q ? `?q=${encodeURIComponent(this.q)}` : ''}`;
    return html`<h1>
        ${t('Contacts')}
        <span class="actions">
          ${manage ? html`<button class="primary" @click=${() => (this.adding = !this.adding)}>${t('Add Contact')}</button>` : nothing}
          ${manage ? html`<label class="button">${this.importing ? t('Importing…') : t('Import CSV')}<input type="file" accept=".csv,text/csv" hidden @change=${this.import} /></label>` : nothing}
          <a class="button" href=${exportUrl} download>${t('Export CSV')}</a>
        </span>
      </h1>
      ${
        this.adding
          ? html`<section class="panel" aria-label=${t('New contact')}>
            <form class="fields" @submit=${this.add}>
              ${contactFields()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
              <div><button class="primary">${t('Save Contact')}</button> <button type="button" @click=${() => (this.adding = false)}>${t('Cancel')}</button></div>
            </form>
          </section>`
          : nothing
      }
      ${this.renderReport()}
      <input type="search" aria-label=${t('Search contacts')} placeholder=${t('Search by name, e-mail or company')} .value=${this.q} @input=${this.search} />
      ${this.renderList()}`;
  }

  renderReport() {
    if (!this.report) return nothing;
    if (this.report.failed)
      return html`<section class="panel" role="alert"><p class="error">${this.report.failed}</p></section>`;
    const { accepted, rejected, ignoredColumns } = this.report;
    return html`<section class="panel" aria-label=${t('Import report')}>
      <h2>${t('Import report')}</h2>
      <p data-testid="import-summary">${t('{accepted} imported, {rejected} rejected.', { accepted, rejected: rejected.length })}</p>
      ${ignoredColumns.length ? html`<p class="muted">${t('Columns not read: {columns}', { columns: ignoredColumns.join(', ') })}</p>` : nothing}
      ${
        rejected.length
          ? html`<table aria-label=${t('Rejected lines')}>
            <thead><tr><th>${t('Line')}</th><th>${t('Reason')}</th></tr></thead>
            <tbody>${rejected.slice(0, 200).map((r) => html`<tr><td data-label=${t('Line')}>${r.line}</td><td data-label=${t('Reason')}>${r.reason}</td></tr>`)}</tbody>
          </table>
          ${rejected.length > 200 ? html`<p class="muted">${t('… and {count} more.', { count: rejected.length - 200 })}</p>` : nothing}`
          : nothing
      }
      <button @click=${() => (this.report = null)}>${t('Close')}</button>
    </section>`;
  }

  renderList() {
    if (!this.items) return html`<p>${t('Loading…')}</p>`;
    if (!this.items.length) {
      return html`<div class="empty"><p>${this.q ? t('No contact matches.') : t('No contacts yet. Add your customers, or import them from a CSV file with a "name" column.')}</p></div>`;
    }
    return html`<table aria-label=${t('Contacts')}>
        <thead><tr><th>${t('Name')}</th><th>${t('E-mail')}</th><th>${t('Phone')}</th><th>${t('Company')}</th><th>${t('Devices')}</th></tr></thead>
        <tbody>
          ${repeat(
            this.items,
            (c) => c.id,
            (c) => html`<tr>
              <td><a href=${`/contacts/${c.id}`}>${c.name}</a></td>
              <td data-label=${t('E-mail')}>${c.email ?? ''}</td>
              <td data-label=${t('Phone')}>${c.phone ?? ''}</td>
              <td data-label=${t('Company')}>${c.company ?? ''}</td>
              <td data-label=${t('Devices')}>${c.deviceCount}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.nextCursor ? html`<p><button @click=${() => this.load(true)}>${t('Show more')}</button></p>` : nothing}`;
  }
}
customElements.define('contacts-list', ContactsList);

/** Finds devices by name to link; calls `onPick(device)`. */
class DevicePicker extends LitElement {
  static properties = { found: { state: true }, exclude: { attribute: false } };
  static styles = styles;

  constructor() {
    super();
    this.found = [];
    this.exclude = [];
  }

  async search(event) {
    const q = event.target.value.trim();
    this.found = q
      ? (await api('GET', `/devices?q=${encodeURIComponent(q)}&limit=8`)).items.filter(
          (d) => !this.exclude.includes(d.id),
        )
      : [];
  }

  render() {
    return html`<label>${t('Find a device to link')}<input type="search" placeholder=${t('Device name')} @input=${this.search} /></label>
      <ul class="plain">
        ${this.found.map((d) => html`<li>${d.name} <button @click=${() => this.dispatchEvent(new CustomEvent('pick', { detail: d }))}>${t('Link')}</button></li>`)}
      </ul>`;
  }
}
customElements.define('contacts-device-picker', DevicePicker);

/** /contacts/<id>: the contact, its devices, its history, and what other plugins add (tickets). */
class ContactDetails extends LitElement {
  static properties = {
    contactId: {},
    contact: { state: true },
    connections: { state: true },
    error: { state: true },
    missing: { state: true },
  };
  static styles = styles;

  constructor() {
    super();
    this.contact = null;
    this.connections = [];
    this.error = '';
    this.missing = false;
  }

  willUpdate(changed) {
    if (changed.has('contactId')) {
      this.contact = null;
      void this.load();
    }
  }

  async load() {
    try {
      const [contact, connections] = await Promise.all([
        api('GET', `/contacts/${this.contactId}`),
        api('GET', `/contacts/${this.contactId}/connections?limit=20`),
      ]);
      this.contact = contact;
      this.connections = connections.items;
      this.context = { contactId: contact.id, contactName: contact.name, contactEmail: contact.email };
    } catch {
      this.missing = true;
    }
  }

  async save(event) {
    event.preventDefault();
    try {
      await api('PATCH', `/contacts/${this.contactId}`, fieldsOf(event.target));
      this.error = '';
      toast(t('Saved.'));
      await this.load();
    } catch (error) {
      this.error = error.message;
    }
  }

  async deleteContact() {
    const confirmed = await confirmDestructive({
      title: t('Delete {name}?', { name: this.contact.name }),
      message: t('The contact goes; its devices and tickets stay.'),
      action: t('Delete'),
    });
    if (!confirmed) return;
    await api('DELETE', `/contacts/${this.contactId}`);
    toast(t('{name} is deleted.', { name: this.contact.name }));
    history.pushState(null, '', '/contacts');
    window.dispatchEvent(new PopStateEvent('popstate'));
  }

  async link(event) {
    await api('PUT', `/contacts/${this.contactId}/devices/${event.detail.id}`);
    toast(t('{device} is linked.', { device: event.detail.name }));
    await this.load();
  }

  async unlink(device) {
    await api('DELETE', `/contacts/${this.contactId}/devices/${device.id}`);
    await this.load();
  }

  render() {
    if (this.missing)
      return html`<div class="empty"><p>${t('This contact does not exist (any more).')} <a href="/contacts">${t('All contacts')}</a></p></div>`;
    if (!this.contact) return html`<p>${t('Loading…')}</p>`;
    const c = this.contact;
    const manage = can('ticket.manage');
    return html`<p><a href="/contacts">← ${t('Contacts')}</a></p>
      <h1>${c.name}${c.company ? html` <span class="muted">${c.company}</span>` : nothing}</h1>
      <div class="grid">
        <section class="panel" aria-labelledby="details">
          <h2 id="details">${t('Details')}</h2>
          <form class="fields" @submit=${this.save}>
            ${contactFields(c, !manage)} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
            ${manage ? html`<div><button class="primary">${t('Save')}</button> <button type="button" class="danger" @click=${this.deleteContact}>${t('Delete')}</button></div>` : nothing}
          </form>
        </section>
        <section class="panel" aria-labelledby="devices">
          <h2 id="devices">${t('Devices')}</h2>
          ${
            c.devices.length
              ? html`<ul class="plain">
                ${c.devices.map(
                  (d) => html`<li>
                    <a href=${`/devices/d/${d.id}`}>${d.name}</a> <span class="badge status ${d.status}">${d.status}</span>
                    ${manage ? html`<button @click=${() => this.unlink(d)} aria-label=${t('Unlink {device}', { device: d.name })}>${t('Unlink')}</button>` : nothing}
                  </li>`,
                )}
              </ul>`
              : html`<p class="muted">${t('No devices linked yet.')}</p>`
          }
          ${manage ? html`<contacts-device-picker .exclude=${c.devices.map((d) => d.id)} @pick=${this.link}></contacts-device-picker>` : nothing}
        </section>
        <outpost-extensions point="contacts.contact.details" .context=${this.context}></outpost-extensions>
      </div>
      <section class="panel" aria-labelledby="history">
        <h2 id="history">${t('Connection history')}</h2>
        ${
          this.connections.length
            ? html`<table>
              <thead><tr><th>${t('Device')}</th><th>${t('Connected')}</th><th>${t('Disconnected')}</th><th>${t('IP address')}</th></tr></thead>
              <tbody>
                ${this.connections.map(
                  (s) =>
                    html`<tr><td>${s.deviceName}</td><td data-label=${t('Connected')}>${formatDateTime(s.connectedAt)}</td><td data-label=${t('Disconnected')}>${s.disconnectedAt ? formatDateTime(s.disconnectedAt) : t('connected')}</td><td data-label=${t('IP address')}>${s.ip ?? '—'}</td></tr>`,
                )}
              </tbody>
            </table>`
            : html`<p class="muted">${t("None of this contact's devices has connected yet.")}</p>`
        }
      </section>`;
  }
}
customElements.define('contacts-details', ContactDetails);

/** On a device's page: who it belongs to, and linking it to a contact. */
class DeviceContactsPanel extends LitElement {
  static properties = { context: { attribute: false }, contacts: { state: true }, found: { state: true } };
  static styles = styles;

  constructor() {
    super();
    this.contacts = [];
    this.found = [];
  }

  willUpdate(changed) {
    if (changed.has('context') && this.context?.deviceId !== changed.get('context')?.deviceId) void this.load();
  }

  async load() {
    this.contacts = (await api('GET', `/contacts/by-device/${this.context.deviceId}`)).items;
  }

  async search(event) {
    const q = event.target.value.trim();
    this.found = q
      ? (await api('GET', `/contacts?q=${encodeURIComponent(q)}&limit=8`)).items.filter(
          (c) => !this.contacts.some((linked) => linked.id === c.id),
        )
      : [];
  }

  async link(contact) {
    await api('PUT', `/contacts/${contact.id}/devices/${this.context.deviceId}`);
    toast(t('Linked to {name}.', { name: contact.name }));
    this.found = [];
    await this.load();
  }

  render() {
    return html`<section class="panel" aria-labelledby="contacts-panel">
      <h2 id="contacts-panel">${t('Contacts')}</h2>
      ${
        this.contacts.length
          ? html`<ul class="plain">${this.contacts.map((c) => html`<li><a href=${`/contacts/${c.id}`}>${c.name}</a> <span class="muted">${c.email ?? ''}</span></li>`)}</ul>`
          : html`<p class="muted">${t('Not linked to a contact.')}</p>`
      }
      ${
        can('ticket.manage')
          ? html`<label>${t('Link Contact')}<input type="search" placeholder=${t('Name, e-mail or company')} @input=${this.search} /></label>
            <ul class="plain">${this.found.map((c) => html`<li>${c.name} <span class="muted">${c.email ?? ''}</span> <button @click=${() => this.link(c)}>${t('Link')}</button></li>`)}</ul>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('contacts-device-panel', DeviceContactsPanel);

class ContactsPage extends LitElement {
  static properties = { path: {} };

  render() {
    const id = /^\/contacts\/([0-9a-f-]{36})$/.exec(this.path ?? '')?.[1];
    if (id) return html`<contacts-details .contactId=${id}></contacts-details>`;
    if (this.path === '/contacts' || this.path === '/contacts/new')
      return html`<contacts-list ?adding=${this.path === '/contacts/new'}></contacts-list>`;
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('contacts-page', ContactsPage);
