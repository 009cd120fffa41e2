// The tickets plugin's pages: the list with filters (/tickets), one ticket with its
// conversation and history (/tickets/<id>), the website widget's settings
// (/support-widget), and the Tickets panel on a device's and a contact's page. Plain ES module on the web app's SDK (window.Outpost).
// /tickets/new opens the list with the new-ticket form. What it adds to the home page is in home.js.
const { LitElement, html, css, nothing, pageStyles, repeat, api, t, toast, can, copyText, formatDateTime } =
  window.Outpost;
import { badgeStyles, onTicketNews, priorityLabels, sourceLabels, statusLabels } from './shared.js';
import './home.js';

const styles = [
  pageStyles,
  badgeStyles,
  css`
    .filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.75rem; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem; align-items: start; }
    article { border-left: 3px solid #cbd5e1; padding: 0.3rem 0.9rem; margin: 0 0 0.9rem; }
    article.reply { border-color: #1d4ed8; }
    article.note { border-color: #f59e0b; background: #fffbeb; }
    article p.body { white-space: pre-wrap; margin: 0.25rem 0 0; }
    .composer textarea { width: 100%; min-height: 6rem; }
    .composer div { display: flex; gap: 0.5rem; margin-top: 0.5rem; flex-wrap: wrap; }
    ol.history { padding-left: 1.1rem; margin: 0; font-size: 0.85rem; }
    @media (max-width: 800px) {
      .layout { grid-template-columns: 1fr; }
    }
  `,
];

const options = (labels, selected) =>
  Object.entries(labels).map(
    ([value, label]) => html`<option value=${value} ?selected=${value === selected}>${t(label)}</option>`,
  );

/** The new-ticket form; `fixed` carries the contact or device it is opened from. Fires `created` with the ticket. */
class NewTicketForm extends LitElement {
  static properties = { fixed: { attribute: false }, assignees: { state: true }, error: { state: true } };
  static styles = styles;

  constructor() {
    super();
    this.fixed = {};
    this.assignees = [];
    this.error = '';
  }

  async connectedCallback() {
    super.connectedCallback();
    this.assignees = (await api('GET', '/tickets/assignees')).items;
  }

  async submit(event) {
    event.preventDefault();
    const data = new FormData(event.target);
    try {
      const ticket = await api('POST', '/tickets', {
        subject: data.get('subject'),
        description: data.get('description'),
        priority: data.get('priority'),
        assigneeId: data.get('assigneeId') || null,
        ...this.fixed,
      });
      toast(t('Ticket #{number} is open.', { number: ticket.number }));
      this.dispatchEvent(new CustomEvent('created', { detail: ticket, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error.message;
    }
  }

  render() {
    return html`<form class="fields" @submit=${this.submit}>
      <label>${t('Subject')}<input name="subject" required maxlength="200" /></label>
      <label>${t('Description')}<textarea name="description" rows="4" maxlength="20000"></textarea></label>
      <label>${t('Priority')}<select name="priority">${options(priorityLabels, 'medium')}</select></label>
      <label
        >${t('Assignee')}<select name="assigneeId">
          <option value="">${t('Nobody yet')}</option>
          ${this.assignees.map((a) => html`<option value=${a.id}>${a.name}</option>`)}
        </select></label
      >
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div><button class="primary">${t('Create')}</button></div>
    </form>`;
  }
}
customElements.define('tickets-new-form', NewTicketForm);

const showTicket = (ticket) => {
  history.pushState(null, '', `/tickets/${ticket.id}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
};

/** /tickets: filters, search, Create Ticket, the list, CSV. */
class TicketsList extends LitElement {
  static properties = {
    items: { state: true },
    nextCursor: { state: true },
    filters: { state: true },
    assignees: { state: true },
    creating: { type: Boolean },
  };
  static styles = styles;

  constructor() {
    super();
    this.items = null;
    this.nextCursor = null;
    this.filters = {};
    this.assignees = [];
    this.creating = false;
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    void api('GET', '/tickets/assignees').then((r) => (this.assignees = r.items));
    this.unsubscribe = onTicketNews(() => void this.load());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  query(extra = {}) {
    const query = new URLSearchParams(Object.entries({ ...this.filters, ...extra }).filter(([, v]) => v));
    return query.toString();
  }

  async load(more = false) {
    const page = await api('GET', `/tickets?${this.query({ limit: '50', cursor: more ? this.nextCursor : '' })}`);
    this.items = more ? [...this.items, ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  filter(event) {
    const { name, value } = event.target;
    this.filters = { ...this.filters, [name]: value.trim() };
    clearTimeout(this.typing);
    this.typing = setTimeout(() => void this.load(), name === 'q' ? 250 : 0);
  }

  render() {
    return html`<h1>
        ${t('Tickets')}
        <span class="actions">
          ${can('ticket.manage') ? html`<button class="primary" @click=${() => (this.creating = !this.creating)}>${t('Create Ticket')}</button>` : nothing}
          <a class="button" href=${`/api/v1/tickets/export.csv?${this.query()}`} download>${t('Export CSV')}</a>
        </span>
      </h1>
      ${this.creating ? html`<section class="panel" aria-label=${t('New ticket')}><tickets-new-form @created=${(e) => showTicket(e.detail)}></tickets-new-form></section>` : nothing}
      <div class="filters" @change=${this.filter}>
        <label>${t('Search')}<input name="q" type="search" placeholder=${t('Subject or #number')} @input=${this.filter} /></label>
        <label>${t('Status')}<select name="status"><option value="">${t('Any')}</option>${options(statusLabels)}</select></label>
        <label>${t('Priority')}<select name="priority"><option value="">${t('Any')}</option>${options(priorityLabels)}</select></label>
        <label
          >${t('Assignee')}<select name="assignee">
            <option value="">${t('Anyone')}</option>
            <option value="me">${t('Me')}</option>
            <option value="none">${t('Unassigned')}</option>
            ${this.assignees.map((a) => html`<option value=${a.id}>${a.name}</option>`)}
          </select></label
        >
        <label>${t('Source')}<select name="source"><option value="">${t('Any')}</option>${options(sourceLabels)}</select></label>
      </div>
      ${this.renderList()}`;
  }

  renderList() {
    if (!this.items) return html`<p>${t('Loading…')}</p>`;
    if (!this.items.length) {
      const filtered = Object.values(this.filters).some(Boolean);
      return html`<div class="empty"><p>${filtered ? t('No ticket matches these filters.') : t("No tickets yet. Create one here or from a device or contact; customers open them from their device or your website's widget.")}</p></div>`;
    }
    return html`<table aria-label=${t('Tickets')}>
        <thead><tr><th>#</th><th>${t('Subject')}</th><th>${t('Status')}</th><th>${t('Priority')}</th><th>${t('Contact')}</th><th>${t('Assignee')}</th><th>${t('Source')}</th><th>${t('Updated')}</th></tr></thead>
        <tbody>
          ${repeat(
            this.items,
            (ticket) => ticket.id,
            (ticket) => html`<tr>
              <td>${ticket.number}</td>
              <td><a href=${`/tickets/${ticket.id}`}>${ticket.subject}</a></td>
              <td data-label=${t('Status')}><span class="badge ${ticket.status}">${t(statusLabels[ticket.status])}</span></td>
              <td data-label=${t('Priority')}><span class="badge ${ticket.priority}">${t(priorityLabels[ticket.priority])}</span></td>
              <td data-label=${t('Contact')}>${ticket.contact?.name ?? ticket.requesterEmail ?? ''}</td>
              <td data-label=${t('Assignee')}>${ticket.assignee?.name ?? '—'}</td>
              <td data-label=${t('Source')}>${t(sourceLabels[ticket.source])}</td>
              <td data-label=${t('Updated')}>${formatDateTime(ticket.updatedAt)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.nextCursor ? html`<p><button @click=${() => this.load(true)}>${t('Show more')}</button></p>` : nothing}`;
  }
}
customElements.define('tickets-list', TicketsList);

/** /tickets/<id>: the conversation, replying and noting, status, priority, assignee, history. */
class TicketDetails extends LitElement {
  static properties = {
    ticketId: {},
    ticket: { state: true },
    assignees: { state: true },
    missing: { state: true },
    sending: { state: true },
  };
  static styles = styles;

  constructor() {
    super();
    this.ticket = null;
    this.assignees = [];
    this.missing = false;
    this.sending = false;
  }

  connectedCallback() {
    super.connectedCallback();
    void api('GET', '/tickets/assignees').then((r) => (this.assignees = r.items));
    this.unsubscribe = onTicketNews(
      () => void this.load(),
      (event) => event.payload?.id === this.ticketId,
    );
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  willUpdate(changed) {
    if (changed.has('ticketId')) {
      this.ticket = null;
      void this.load();
    }
  }

  async load() {
    try {
      this.ticket = await api('GET', `/tickets/${this.ticketId}`);
    } catch {
      this.missing = true;
    }
  }

  async change(event) {
    const { name, value } = event.target;
    this.ticket = { ...this.ticket, ...(await api('PATCH', `/tickets/${this.ticketId}`, { [name]: value || null })) };
    toast(t('Saved.'));
    await this.load();
  }

  async send(internal) {
    const textarea = this.renderRoot.querySelector('textarea[name=body]');
    if (!textarea.value.trim()) return textarea.reportValidity();
    this.sending = true;
    try {
      await api('POST', `/tickets/${this.ticketId}/messages`, { body: textarea.value, internal });
      textarea.value = '';
      toast(internal ? t('Note added.') : t('Reply sent to the customer.'));
      await this.load();
    } finally {
      this.sending = false;
    }
  }

  async copyPortalLink() {
    const { url } = await api('POST', `/tickets/${this.ticketId}/portal-link`);
    await copyText(url);
  }

  render() {
    if (this.missing)
      return html`<div class="empty"><p>${t('This ticket does not exist.')} <a href="/tickets">${t('All tickets')}</a></p></div>`;
    if (!this.ticket) return html`<p>${t('Loading…')}</p>`;
    const ticket = this.ticket;
    const manage = can('ticket.manage');
    const requester = ticket.contact?.name ?? ticket.requesterEmail ?? t('Customer');
    return html`<p><a href="/tickets">← ${t('Tickets')}</a></p>
      <h1>#${ticket.number} ${ticket.subject}</h1>
      <div class="layout">
        <div>
          <section class="panel" aria-label=${t('Conversation')}>
            <article class="customer">
              <p class="muted">${requester} · ${formatDateTime(ticket.createdAt)} · ${t(sourceLabels[ticket.source])}</p>
              <p class="body">${ticket.description || html`<span class="muted">${t('No description.')}</span>`}</p>
            </article>
            ${ticket.messages.map(
              (m) => html`<article class=${m.kind} data-kind=${m.kind}>
                <p class="muted">${m.author} · ${formatDateTime(m.createdAt)}${m.kind === 'note' ? html` · <strong>${t('Internal note')}</strong>` : nothing}</p>
                <p class="body">${m.body}</p>
              </article>`,
            )}
            ${
              manage
                ? html`<div class="composer">
                  <label>${t('Your message')}<textarea name="body" required maxlength="20000"></textarea></label>
                  <div>
                    <button class="primary" ?disabled=${this.sending} @click=${() => this.send(false)}>${t('Reply to customer')}</button>
                    <button ?disabled=${this.sending} @click=${() => this.send(true)}>${t('Add internal note')}</button>
                  </div>
                </div>`
                : nothing
            }
          </section>
        </div>
        <aside>
          <section class="panel" aria-label=${t('Ticket')} @change=${manage ? this.change : undefined}>
            <form class="fields" @submit=${(e) => e.preventDefault()}>
              <label>${t('Status')}<select name="status" ?disabled=${!manage}>${options(statusLabels, ticket.status)}</select></label>
              <label>${t('Priority')}<select name="priority" ?disabled=${!manage}>${options(priorityLabels, ticket.priority)}</select></label>
              <label
                >${t('Assignee')}<select name="assigneeId" ?disabled=${!manage}>
                  <option value="">${t('Nobody')}</option>
                  ${this.assignees.map((a) => html`<option value=${a.id} ?selected=${a.id === ticket.assignee?.id}>${a.name}</option>`)}
                </select></label
              >
            </form>
            <p>${t('Contact')}: ${ticket.contact ? html`<a href=${`/contacts/${ticket.contact.id}`}>${ticket.contact.name}</a>` : (ticket.requesterEmail ?? '—')}</p>
            <p>${t('Device')}: ${ticket.device ? html`<a href=${`/devices/d/${ticket.device.id}`}>${ticket.device.name}</a>` : '—'}</p>
            ${manage ? html`<button @click=${this.copyPortalLink}>${t('Copy customer link')}</button>` : nothing}
          </section>
          <section class="panel" aria-label=${t('History')}>
            <h2>${t('History')}</h2>
            <ol class="history">
              ${ticket.history.map((h) => html`<li>${formatDateTime(h.at)}: ${h.actor} ${h.field === 'created' ? t('opened it ({source})', { source: t(sourceLabels[h.to] ?? h.to) }) : t('changed {field} from {from} to {to}', { field: h.field, from: this.describe(h.field, h.from), to: this.describe(h.field, h.to) })}</li>`)}
            </ol>
          </section>
        </aside>
      </div>`;
  }

  describe(field, value) {
    if (value === null) return '—';
    if (field === 'status') return t(statusLabels[value] ?? value);
    if (field === 'priority') return t(priorityLabels[value] ?? value);
    if (field === 'assignee') return this.assignees.find((a) => a.id === value)?.name ?? value;
    return value;
  }
}
customElements.define('tickets-details', TicketDetails);

/** On a device's or a contact's page: its tickets, and Create Ticket for it. */
class TicketsPanel extends LitElement {
  static properties = { context: { attribute: false }, items: { state: true }, creating: { state: true } };
  static styles = styles;

  constructor() {
    super();
    this.items = [];
    this.creating = false;
  }

  get scope() {
    return this.context?.deviceId ? { deviceId: this.context.deviceId } : { contactId: this.context?.contactId };
  }

  willUpdate(changed) {
    if (changed.has('context') && JSON.stringify(this.scope) !== this.loadedFor) void this.load();
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = onTicketNews(() => void this.load());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  async load() {
    if (!this.context) return;
    this.loadedFor = JSON.stringify(this.scope);
    this.items = (await api('GET', `/tickets?${new URLSearchParams({ ...this.scope, limit: '10' })}`)).items;
  }

  render() {
    return html`<section class="panel" aria-labelledby="tickets-panel">
      <h2 id="tickets-panel">${t('Tickets')}</h2>
      ${
        this.items.length
          ? html`<ul>
            ${this.items.map((ticket) => html`<li><a href=${`/tickets/${ticket.id}`}>#${ticket.number} ${ticket.subject}</a> <span class="badge ${ticket.status}">${t(statusLabels[ticket.status])}</span></li>`)}
          </ul>`
          : html`<p class="muted">${t('No tickets yet.')}</p>`
      }
      ${
        can('ticket.manage')
          ? this.creating
            ? html`<tickets-new-form .fixed=${this.scope} @created=${(e) => showTicket(e.detail)}></tickets-new-form>`
            : html`<button @click=${() => (this.creating = true)}>${t('Create Ticket')}</button>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('tickets-panel', TicketsPanel);

/** /support-widget: the floating support form for the MSP's website, and its snippet. */
class SupportWidgetSettings extends LitElement {
  static properties = { widget: { state: true }, color: { state: true }, error: { state: true } };
  static styles = [
    styles,
    css`form.fields { max-width: 28rem; } .color-field { display: flex; gap: 0.6rem; align-items: end; } pre { background: #0f172a; color: #e2e8f0; padding: 0.75rem; border-radius: 8px; white-space: pre-wrap; word-break: break-all; }`,
  ];

  constructor() {
    super();
    this.widget = null;
    this.error = '';
  }

  async connectedCallback() {
    super.connectedCallback();
    this.widget = await api('GET', '/tickets/widget');
    this.color = this.widget.color;
  }

  async save(event) {
    event.preventDefault();
    const data = new FormData(event.target);
    try {
      this.widget = await api('PUT', '/tickets/widget', {
        companyName: data.get('companyName'),
        color: data.get('color'),
        position: data.get('position'),
        greeting: data.get('greeting'),
        allowedOrigins: String(data.get('allowedOrigins')).split(/\s+/).filter(Boolean),
      });
      this.error = '';
      toast(t('The support widget is updated.'));
    } catch (error) {
      this.error = error.message;
    }
  }

  render() {
    if (!this.widget) return html`<p>${t('Loading…')}</p>`;
    const w = this.widget;
    return html`<h1>${t('Support widget')}</h1>
      <section class="panel" aria-label=${t('Widget settings')}>
        <p class="muted">${t('A Support button on your website opens a form; what customers send becomes a ticket with source Widget, and they get the answers by mail.')}</p>
        <form class="fields" @submit=${this.save}>
          <label>${t('Company name')}<input name="companyName" required maxlength="100" .value=${w.companyName} /></label>
          <div class="color-field">
            <label>${t('Brand color')}<input name="color" type="color" .value=${this.color} @input=${(e) => (this.color = e.target.value)} /></label>
            <code>${this.color}</code>
          </div>
          <label
            >${t('Position')}<select name="position">
              <option value="bottom-right" ?selected=${w.position === 'bottom-right'}>${t('Bottom right')}</option>
              <option value="bottom-left" ?selected=${w.position === 'bottom-left'}>${t('Bottom left')}</option>
            </select></label
          >
          <label>${t('Greeting')}<textarea name="greeting" required maxlength="300" rows="2" .value=${w.greeting}></textarea></label>
          <label>${t('Allowed websites (one per line; empty: any website)')}<textarea name="allowedOrigins" rows="3" placeholder="https://www.example.com" .value=${w.allowedOrigins.join('\n')}></textarea></label>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <div><button class="primary">${t('Save')}</button></div>
        </form>
      </section>
      <section class="panel" aria-label=${t('Snippet')}>
        <h2>${t('Snippet')}</h2>
        <p class="muted">${t('Paste it before the closing </body> tag of your website.')}</p>
        <pre data-testid="support-widget-snippet">${w.snippet}</pre>
        <button @click=${() => copyText(w.snippet)}>${t('Copy snippet')}</button>
        <a class="button" href=${w.testPage} target="_blank" rel="noopener">${t('Try it on a test page')}</a>
      </section>`;
  }
}
customElements.define('tickets-support-widget', SupportWidgetSettings);

class TicketsPage extends LitElement {
  static properties = { path: {} };

  render() {
    if (this.path === '/support-widget') return html`<tickets-support-widget></tickets-support-widget>`;
    const id = /^\/tickets\/([0-9a-f-]{36})$/.exec(this.path ?? '')?.[1];
    if (id) return html`<tickets-details .ticketId=${id}></tickets-details>`;
    if (this.path === '/tickets' || this.path === '/tickets/new')
      return html`<tickets-list ?creating=${this.path === '/tickets/new'}></tickets-list>`;
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('tickets-page', TicketsPage);
