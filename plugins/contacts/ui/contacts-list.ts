// <contacts-list>, /contacts: search, add, import, export. /contacts/new opens it with the new-contact form.
import { LitElement, api, can, html, nothing, repeat, stream, t, toast } from '@outpost/ui-sdk';
import type { Contact, ContactPage, ImportReport } from './api-types.js';
import { contactFields, fieldsOf, styles } from './shared.js';

/** What an import ended with: the server's report, or why it failed as a whole. */
type ImportOutcome = ImportReport | { failed: string };

export class ContactsList extends LitElement {
  static override properties = {
    items: { state: true },
    nextCursor: { state: true },
    q: { state: true },
    adding: { type: Boolean },
    report: { state: true },
    importing: { state: true },
    error: { state: true },
  };
  static override styles = styles;

  declare items: Contact[] | null;
  declare nextCursor: string | null;
  declare q: string;
  /** Whether the new-contact form is open. */
  declare adding: boolean;
  declare report: ImportOutcome | null;
  declare importing: boolean;
  declare error: string;
  private unsubscribe?: () => void;
  private refresh?: ReturnType<typeof setTimeout>;
  private typing?: ReturnType<typeof setTimeout>;

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

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('contacts.*', () => {
      clearTimeout(this.refresh);
      this.refresh = setTimeout(() => void this.load(), 1000);
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearTimeout(this.refresh);
  }

  async load(more = false) {
    const query = new URLSearchParams({ limit: '50' });
    if (this.q) query.set('q', this.q);
    if (more && this.nextCursor) query.set('cursor', this.nextCursor);
    const page = await api<ContactPage>('GET', `/contacts?${query}`);
    this.items = more && this.items ? [...this.items, ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  search(event: InputEvent) {
    this.q = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.typing);
    this.typing = setTimeout(() => void this.load(), 250);
  }

  async add(event: SubmitEvent) {
    event.preventDefault();
    try {
      const contact = await api<Contact>('POST', '/contacts', fieldsOf(event.target as HTMLFormElement));
      toast(t('{name} is added.', { name: contact.name }));
      this.adding = false;
      this.error = '';
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async import(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.importing = true;
    this.report = null;
    try {
      const report = await api<ImportReport>('POST', '/contacts/import', { csv: await file.text() });
      this.report = report;
      toast(t('Import done: {count} imported.', { count: report.accepted }));
      await this.load();
    } catch (error) {
      this.report = { failed: (error as Error).message };
    } finally {
      this.importing = false;
      input.value = '';
    }
  }

  override render() {
    return html`${this.renderHeading()} ${this.adding ? this.renderNewContact() : nothing} ${this.renderReport()}
      <wa-input class="search sr-label" type="search" label=${t('Search contacts')} placeholder=${t('Search by name, e-mail or company')} .value=${this.q} @input=${this.search}><wa-icon slot="start" name="search"></wa-icon></wa-input>
      ${this.renderList()}`;
  }

  /** The title with Add Contact, Import CSV and Export CSV (of the contacts the search finds). */
  renderHeading() {
    const manage = can('ticket.manage');
    const exportUrl = `/api/v1/contacts/export.csv${this.q ? `?q=${encodeURIComponent(this.q)}` : ''}`;
    return html`<h1>
      ${t('Contacts')}
      <span class="actions">
        ${manage ? html`<wa-button variant="brand" @click=${() => (this.adding = !this.adding)}><wa-icon slot="start" name="user-plus"></wa-icon>${t('Add Contact')}</wa-button>` : nothing}
        ${manage ? html`<label class="button">${this.importing ? t('Importing…') : t('Import CSV')}<input type="file" accept=".csv,text/csv" hidden @change=${this.import} /></label>` : nothing}
        <wa-button appearance="outlined" href=${exportUrl} download><wa-icon slot="start" name="download"></wa-icon>${t('Export CSV')}</wa-button>
      </span>
    </h1>`;
  }

  renderNewContact() {
    return html`<section class="panel" aria-label=${t('New contact')}>
      <form class="fields" @submit=${this.add}>
        ${contactFields()} ${this.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.error}</wa-callout>` : nothing}
        <div class="actions"><wa-button type="submit" variant="brand">${t('Save Contact')}</wa-button> <wa-button appearance="outlined" @click=${() => (this.adding = false)}>${t('Cancel')}</wa-button></div>
      </form>
    </section>`;
  }

  renderReport() {
    if (!this.report) return nothing;
    if ('failed' in this.report)
      return html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.report.failed}</wa-callout>`;
    const { accepted, rejected, ignoredColumns } = this.report;
    return html`<section class="panel" aria-label=${t('Import report')}>
      <h2>${t('Import report')}</h2>
      <p data-testid="import-summary">${t('{accepted} imported, {rejected} rejected.', { accepted, rejected: rejected.length })}</p>
      ${ignoredColumns.length ? html`<p class="muted">${t('Columns not read: {columns}', { columns: ignoredColumns.join(', ') })}</p>` : nothing}
      ${rejected.length ? renderRejected(rejected) : nothing}
      <wa-button appearance="outlined" @click=${() => (this.report = null)}>${t('Close')}</wa-button>
    </section>`;
  }

  renderList() {
    if (!this.items) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    if (!this.items.length) {
      return html`<div class="empty"><p>${this.q ? t('No contact matches.') : t('No contacts yet. Add your customers, or import them from a CSV file with a "name" column.')}</p></div>`;
    }
    return html`<table aria-label=${t('Contacts')}>
        <thead><tr><th>${t('Name')}</th><th>${t('E-mail')}</th><th>${t('Phone')}</th><th>${t('Company')}</th><th>${t('Devices')}</th></tr></thead>
        <tbody>
          ${repeat(
            this.items,
            (c) => c.id,
            (c) => renderRow(c),
          )}
        </tbody>
      </table>
      ${this.nextCursor ? html`<p><wa-button appearance="outlined" @click=${() => this.load(true)}>${t('Show more')}</wa-button></p>` : nothing}`;
  }
}

/** The lines an import refused (the first 200) and why. */
function renderRejected(rejected: ImportReport['rejected']) {
  return html`<table aria-label=${t('Rejected lines')}>
      <thead><tr><th>${t('Line')}</th><th>${t('Reason')}</th></tr></thead>
      <tbody>${rejected.slice(0, 200).map((r) => html`<tr><td data-label=${t('Line')}>${r.line}</td><td data-label=${t('Reason')}>${r.reason}</td></tr>`)}</tbody>
    </table>
    ${rejected.length > 200 ? html`<p class="muted">${t('… and {count} more.', { count: rejected.length - 200 })}</p>` : nothing}`;
}

function renderRow(c: Contact) {
  return html`<tr>
    <td><a href=${`/contacts/${c.id}`}>${c.name}</a></td>
    <td data-label=${t('E-mail')}>${c.email ?? ''}</td>
    <td data-label=${t('Phone')}>${c.phone ?? ''}</td>
    <td data-label=${t('Company')}>${c.company ?? ''}</td>
    <td data-label=${t('Devices')}>${c.deviceCount}</td>
  </tr>`;
}

customElements.define('contacts-list', ContactsList);

declare global {
  interface HTMLElementTagNameMap {
    'contacts-list': ContactsList;
  }
}
