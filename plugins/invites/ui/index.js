// The invites plugin's pages: deployments with live progress (/deployments), remote-support
// invitations (/support), the invite page's branding and the code-entry widget (/invite-page). Plain ES module on the web app's SDK (window.Outpost).
// Invites themselves live in the Devices page header. What it adds to the home page is in home.js.
const {
  LitElement,
  html,
  css,
  nothing,
  copyText,
  api,
  t,
  toast,
  stream,
  formatDateTime,
  confirmDestructive,
  can,
  styleMap,
} = window.Outpost;
import './home.js';
import { SupportNewsElement } from './shared.js';

const statusLabels = { active: 'Active', paused: 'Paused', completed: 'Completed' };
const systemNames = { windows: 'Windows', macos: 'macOS', linux: 'Linux' };

/** The web app's page look, with forms in a row and codes. */
const pageStyles = [
  window.Outpost.pageStyles,
  css`
    h1 { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
    label.check { flex-direction: row; align-items: center; gap: 0.4rem; }
    code { background: #f1f5f9; padding: 0.1rem 0.35rem; border-radius: 4px; word-break: break-all; }
    .color-field { display: flex; gap: 0.6rem; align-items: end; }
    [hidden] { display: none !important; }
  `,
];

/** A color picker big enough to show its swatch, with the value beside it; `onInput` hears each change. */
function colorField(name, label, value, onInput) {
  return html`<div class="color-field">
    <label>${label}<input name=${name} type="color" .value=${value} @input=${(e) => onInput(e.target.value)} /></label>
    <code>${value}</code>
  </div>`;
}

/** The settings forms of /invite-page: one field under the other. */
const settingsStyles = css`
  form { display: grid; max-width: 28rem; align-items: stretch; }
  form button { justify-self: start; }
  fieldset { border: 1px solid #e2e8f0; border-radius: 8px; display: grid; gap: 0.6rem; }
`;

/** Company name, primary color and logo that customers see on invite pages, with a preview that follows the form as you type. */
class InviteBranding extends LitElement {
  static properties = { branding: { state: true }, draft: { state: true }, error: { state: true } };

  static styles = [
    pageStyles,
    settingsStyles,
    css`
      .settings { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1.5rem; align-items: start; }
      img.logo { max-height: 3rem; max-width: 100%; }
      figure.preview { --brand: #1d4ed8; margin: 0; background: #f1f5f9; border-radius: 10px; padding: 0.75rem; }
      figcaption { font-size: 0.85rem; color: #475569; margin-bottom: 0.5rem; }
      .preview .page { background: #fff; border-radius: 10px; padding: 1rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); color: #0f172a; }
      .preview header { display: flex; align-items: center; gap: 0.75rem; border-bottom: 4px solid var(--brand); padding-bottom: 0.75rem; margin-bottom: 0.75rem; }
      .preview header img { max-height: 2.5rem; max-width: 8rem; }
      .preview .title { font-weight: 700; font-size: 1.1rem; overflow-wrap: anywhere; }
      .preview .download { display: inline-block; background: var(--brand); color: #fff; padding: 0.6rem 1rem; border-radius: 8px; font-weight: 600; }
    `,
  ];

  constructor() {
    super();
    this.branding = null;
    /** What the form holds now, unsaved: the preview shows it. */
    this.draft = null;
    this.error = '';
  }

  async connectedCallback() {
    super.connectedCallback();
    this.branding = await api('GET', '/invites/branding');
    this.draft = {
      companyName: this.branding.companyName,
      primaryColor: this.branding.primaryColor,
      logo: this.branding.logo,
    };
  }

  change(field, value) {
    this.draft = { ...this.draft, [field]: value };
  }

  async pickLogo(event) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type) || file.size > 200_000) {
      this.error = t('The logo must be a PNG or JPEG of at most 200 KB.');
      return;
    }
    this.error = '';
    const logo = await new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.readAsDataURL(file);
    });
    this.change('logo', logo);
  }

  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      const clientUrls = Object.fromEntries(
        Object.keys(systemNames).map((os) => [os, String(form.get(`client-${os}`)).trim() || null]),
      );
      this.branding = await api('PUT', '/invites/branding', {
        companyName: form.get('companyName'),
        primaryColor: form.get('primaryColor'),
        logo: this.draft.logo,
        clientUrls,
      });
      this.error = '';
      toast(t('The invite page is updated.'));
    } catch (error) {
      this.error = error.message;
    }
  }

  render() {
    if (!this.draft) return html`<p>${t('Loading…')}</p>`;
    return html`<h1>${t('Invite page')}</h1>
      <section class="panel" aria-label=${t('Look of the invite page')}>
        <p class="muted">${t('What customers see when they open one of your invite links.')}</p>
        <div class="settings">
          <form @submit=${this.save}>
            <label>${t('Company name')}<input name="companyName" required maxlength="100" .value=${this.draft.companyName} @input=${(e) => this.change('companyName', e.target.value)} /></label>
            ${colorField('primaryColor', t('Primary color'), this.draft.primaryColor, (value) => this.change('primaryColor', value))}
            <label>${t('Logo (PNG or JPEG, at most 200 KB)')}<input type="file" accept="image/png,image/jpeg" @change=${this.pickLogo} /></label>
            ${this.draft.logo ? html`<img class="logo" src=${this.draft.logo} alt=${t('Current logo')} />` : nothing}
            <fieldset>
              <legend>${t('Your own client (optional)')}</legend>
              <p class="muted">${t('If you build and host your own client, invite links serve it instead of the Outpost agent, its file name carrying the invite code. Leave a system empty to offer the Outpost agent.')}</p>
              ${Object.entries(systemNames).map(
                ([os, name]) =>
                  html`<label>${t('{system} download URL', { system: name })}<input name=${`client-${os}`} type="url" maxlength="2000" placeholder="https://downloads.example.com/YourBrand" .value=${this.branding.clientUrls[os] ?? ''} /></label>`,
              )}
            </fieldset>
            ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
            <button class="primary">${t('Save')}</button>
          </form>
          ${this.renderPreview()}
        </div>
      </section>`;
  }

  /** The public invite page in small, from the unsaved form. */
  renderPreview() {
    const { companyName, primaryColor, logo } = this.draft;
    const company = companyName.trim() || t('Your company');
    return html`<figure class="preview" style=${styleMap({ '--brand': primaryColor })} data-testid="invite-preview">
      <figcaption>${t('Preview of the invite page')}</figcaption>
      <div class="page">
        <header>${logo ? html`<img src=${logo} alt=${company} />` : nothing}<span class="title">${t('{company} invites you to connect this computer', { company })}</span></header>
        <p>${t("Installing the Outpost agent lets {company} see this computer's status and help you with it.", { company })}</p>
        <p><span class="download">${t('Download for {system}', { system: 'Windows' })}</span></p>
        <p class="muted">${t('Invite code')}: <code>ABCD-EFGH-JKMN</code></p>
      </div>
    </figure>`;
  }
}
customElements.define('invites-branding', InviteBranding);

const positionLabels = {
  'bottom-right': 'Floating, bottom right',
  'bottom-left': 'Floating, bottom left',
  inline: 'In the page, where the snippet is',
};

/** The code-entry widget for the MSP's own website: its look, where it may run, and its snippet. */
class WidgetSettings extends LitElement {
  static properties = { widget: { state: true }, color: { state: true }, error: { state: true } };

  static styles = [
    pageStyles,
    settingsStyles,
    css`
      textarea { font: inherit; padding: 0.45rem 0.55rem; border: 1px solid #cbd5e1; border-radius: 6px; }
      pre { background: #0f172a; color: #e2e8f0; padding: 0.75rem; border-radius: 8px; white-space: pre-wrap; word-break: break-all; }
      .actions { display: flex; gap: 0.75rem; align-items: center; }
    `,
  ];

  constructor() {
    super();
    this.widget = null;
    this.error = '';
  }

  async connectedCallback() {
    super.connectedCallback();
    this.widget = await api('GET', '/invites/widget');
    this.color = this.widget.color;
  }

  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const allowedOrigins = String(form.get('allowedOrigins')).split(/\s+/).filter(Boolean);
    try {
      this.widget = await api('PUT', '/invites/widget', {
        color: form.get('color'),
        position: form.get('position'),
        greeting: form.get('greeting'),
        allowedOrigins,
      });
      this.error = '';
      toast(t('The widget is updated.'));
    } catch (error) {
      this.error = error.message;
    }
  }

  render() {
    if (!this.widget) return nothing;
    const w = this.widget;
    return html`<section class="panel" aria-label=${t('Code-entry widget')}>
      <h2>${t('Code-entry widget')}</h2>
      <p class="muted">${t('Put it on your website: customers type the code you read out to them and get their invitation.')}</p>
      <form @submit=${this.save}>
        ${colorField('color', t('Widget color'), this.color, (value) => (this.color = value))}
        <label
          >${t('Position')}
          <select name="position">
            ${Object.entries(positionLabels).map(([value, label]) => html`<option value=${value} ?selected=${w.position === value}>${t(label)}</option>`)}
          </select>
        </label>
        <label>${t('Greeting')}<textarea name="greeting" required maxlength="200" rows="2" .value=${w.greeting}></textarea></label>
        <label
          >${t('Allowed websites (one per line; empty: any website)')}
          <textarea name="allowedOrigins" rows="3" placeholder="https://www.example.com" .value=${w.allowedOrigins.join('\n')}></textarea>
        </label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary">${t('Save widget')}</button>
      </form>
      <h3>${t('Snippet')}</h3>
      <pre data-testid="widget-snippet">${w.snippet}</pre>
      <div class="actions">
        <button @click=${() => copyText(w.snippet)}>${t('Copy snippet')}</button>
        <a href=${w.testPage} target="_blank" rel="noopener">${t('Try it on a test page')}</a>
      </div>
    </section>`;
  }
}
customElements.define('invites-widget-settings', WidgetSettings);

const supportLabels = { pending: 'Pending', active: 'Connected', ended: 'Ended' };

/** Remote-support invitations: invite a client by link or code; their status changes live. */
class SupportInvitationsPage extends SupportNewsElement {
  static properties = { invitations: { state: true }, created: { state: true } };

  static styles = [
    pageStyles,
    css`
      table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 8px; overflow: hidden; }
      th, td { text-align: left; padding: 0.5rem 0.7rem; border-bottom: 1px solid #e5e7eb; }
      /* A code reads out in one piece: the row wraps between columns, never inside it. */
      td code { white-space: nowrap; word-break: normal; }
      .status { font-weight: 600; }
      .status.active { color: #15803d; }
      .status.ended { color: #64748b; }
    `,
  ];

  constructor() {
    super();
    this.invitations = [];
    this.created = null;
  }

  async load() {
    this.invitations = (await api('GET', '/invites/support')).items;
  }

  async create(event) {
    event.preventDefault();
    const element = event.target;
    const form = new FormData(element);
    this.created = await api('POST', '/invites/support', {
      clientName: form.get('clientName'),
      openWindowInAdvance: form.get('openWindowInAdvance') === 'on',
      sound: form.get('sound') === 'on',
    });
    element.reset();
    await this.load();
  }

  async withdraw(invitation) {
    const ok = await confirmDestructive({
      title: t('Withdraw invitation'),
      message: t('Withdraw the invitation for {name}? Its link and code stop working.', {
        name: invitation.clientName,
      }),
      action: t('Withdraw'),
    });
    if (!ok) return;
    await api('DELETE', `/invites/support/${invitation.id}`);
    await this.load();
  }

  render() {
    return html`<h1>${t('Remote support')}</h1>
      ${
        can('device.connect')
          ? nothing
          : html`<p class="muted" data-testid="read-only">${t('Inviting a client needs the device.connect permission.')}</p>`
      }
      <section class="panel" aria-label=${t('Invite a client')} ?hidden=${!can('device.connect')}>
        <form @submit=${this.create}>
          <label>${t('Client name')}<input type="text" name="clientName" required maxlength="100" /></label>
          <label class="check"><input type="checkbox" name="openWindowInAdvance" /> ${t('Open connection window in advance')}</label>
          <label class="check"><input type="checkbox" name="sound" checked /> ${t('Play a sound when the client connects or leaves')}</label>
          <button class="primary">${t('Create invitation')}</button>
        </form>
        ${
          this.created
            ? html`<p>${t('Send {name} the link or the code:', { name: this.created.clientName })} <code data-testid="support-link">${this.created.link}</code>
                <button @click=${() => copyText(this.created.link)}>${t('Copy link')}</button> <code>${this.created.displayCode}</code>
                <button @click=${() => copyText(this.created.code)}>${t('Copy code')}</button></p>`
            : nothing
        }
      </section>
      ${
        this.invitations.length
          ? html`<table aria-label=${t('Support invitations')}>
            <thead><tr><th>${t('Client')}</th><th>${t('Status')}</th><th>${t('Technician')}</th><th>${t('Code')}</th><th>${t('Created')}</th><th>${t('Actions')}</th></tr></thead>
            <tbody>
              ${this.invitations.map(
                (i) => html`<tr data-invitation=${i.id}>
                  <td data-label=${t('Client')}>${i.clientName}</td>
                  <td data-label=${t('Status')}><span class="status ${i.status}" data-testid="support-status">${t(supportLabels[i.status])}</span></td>
                  <td data-label=${t('Technician')}>${i.technician}</td>
                  <td data-label=${t('Code')}>${i.displayCode ? html`<code>${i.displayCode}</code>` : '—'}</td>
                  <td data-label=${t('Created')}>${formatDateTime(i.createdAt)}</td>
                  <td>
                    ${
                      i.status === 'pending' && i.code
                        ? html`<button @click=${() => copyText(i.link)}>${t('Copy link')}</button> <button @click=${() => copyText(i.code)}>${t('Copy code')}</button>`
                        : nothing
                    }
                    ${
                      i.status !== 'active' && can('device.connect')
                        ? html`<button class="danger" @click=${() => this.withdraw(i)}>${t('Withdraw')}</button>`
                        : nothing
                    }
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : html`<p class="muted">${t('No support invitations yet. Invite a client above; you are told the moment they connect.')}</p>`
      }`;
  }
}
customElements.define('invites-support', SupportInvitationsPage);

class DeploymentsPage extends LitElement {
  static properties = { deployments: { state: true }, groups: { state: true }, loaded: { state: true } };

  static styles = [
    pageStyles,
    css`
      .deployment h2 { font-size: 1.1rem; margin: 0 0 0.25rem; display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }
      .badge { font-size: 0.75rem; border-radius: 999px; padding: 0.1rem 0.6rem; background: #dcfce7; color: #166534; }
      .badge.paused { background: #fef3c7; color: #92400e; }
      .badge.completed { background: #e2e8f0; color: #334155; }
    `,
  ];

  constructor() {
    super();
    this.deployments = [];
    this.groups = [];
    this.loaded = false;
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    // Progress is live: every enrolled or removed device may move a deployment's count.
    this.unsubscribe = stream.subscribe('devices.device.*', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.load(), 500);
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  async load() {
    const [deployments, groups] = await Promise.all([
      api('GET', '/invites/deployments'),
      api('GET', '/devices/groups'),
    ]);
    this.deployments = deployments.items;
    this.groups = groups.items;
    this.loaded = true;
  }

  async create(event) {
    event.preventDefault();
    // Read the form now: once the event is dispatched, its target is gone (shadow DOM).
    const element = event.target;
    const form = new FormData(element);
    await api('POST', '/invites/deployments', {
      name: form.get('name'),
      groupId: form.get('groupId') || null,
      expectedCount: Number(form.get('expectedCount')),
      ssoCode: form.get('ssoCode') || null,
    });
    element.reset();
    toast(t('Deployment created.'));
    await this.load();
  }

  async setStatus(deployment, status) {
    await api('PATCH', `/invites/deployments/${deployment.id}`, { status });
    await this.load();
  }

  async deleteDeployment(deployment) {
    const ok = await confirmDestructive({
      title: t('Delete deployment'),
      message: t('Delete {name}? Its code stops working; enrolled devices stay.', { name: deployment.name }),
      action: t('Delete'),
    });
    if (!ok) return;
    await api('DELETE', `/invites/deployments/${deployment.id}`);
    await this.load();
  }

  render() {
    return html`<h1>${t('Deployments')}</h1>
      ${
        can('device.manage')
          ? nothing
          : html`<p class="muted" data-testid="read-only">${t('Planning or changing a deployment needs the device.manage permission.')}</p>`
      }
      <section class="panel" aria-label=${t('New deployment')} ?hidden=${!can('device.manage')}>
        <form @submit=${this.create}>
          <label>${t('Name')}<input name="name" required maxlength="100" placeholder=${t('Q1 2026 - Engineering Floor 3')} /></label>
          <label
            >${t('Target group')}<select name="groupId">
              <option value="">${t('No group')}</option>
              ${this.groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}
            </select></label
          >
          <label>${t('Expected devices')}<input name="expectedCount" type="number" min="1" max="1000000" required value="10" /></label>
          <label>${t('SSO invite code (optional)')}<input name="ssoCode" maxlength="64" /></label>
          <button class="primary">${t('New deployment')}</button>
        </form>
      </section>
      ${
        this.loaded && this.deployments.length === 0
          ? html`<div class="empty"><p>${t('No deployments yet. Plan a rollout above, then run the agent with its code on each machine.')}</p></div>`
          : this.deployments.map((d) => this.renderDeployment(d))
      }`;
  }

  renderDeployment(d) {
    const group = this.groups.find((g) => g.id === d.groupId)?.name;
    return html`<section class="panel deployment" aria-label=${d.name} data-deployment=${d.id}>
      <h2>${d.name} <span class="badge ${d.status}">${t(statusLabels[d.status])}</span></h2>
      <outpost-meter kind="progress" .value=${d.registeredCount} .max=${d.expectedCount} label=${t('Progress')}></outpost-meter>
      <p data-testid="progress">${t('{registered} of {expected, plural, one {# device} other {# devices}} registered', { registered: d.registeredCount, expected: d.expectedCount })}</p>
      <p class="muted">
        ${d.displayCode ? html`${t('Code')}: <code>${d.displayCode}</code> · ` : nothing}${t('Group')}: ${group ?? t('none')} ${d.ssoCode ? html`· ${t('SSO code')}: ${d.ssoCode}` : nothing} · ${t('Created')}
        ${formatDateTime(d.createdAt)}
      </p>
      ${can('device.manage') ? this.renderDeploymentActions(d) : nothing}
    </section>`;
  }

  renderDeploymentActions(d) {
    return html`${d.status === 'active' ? html`<button @click=${() => this.setStatus(d, 'paused')}>${t('Pause')}</button>` : nothing}
      ${d.status !== 'active' ? html`<button @click=${() => this.setStatus(d, 'active')}>${t('Resume')}</button>` : nothing}
      ${d.status !== 'completed' ? html`<button @click=${() => this.setStatus(d, 'completed')}>${t('Mark completed')}</button>` : nothing}
      <button class="danger" @click=${() => this.deleteDeployment(d)}>${t('Delete')}</button>`;
  }
}
customElements.define('invites-deployments', DeploymentsPage);

class InvitesPage extends LitElement {
  static properties = { path: {} };

  render() {
    if (this.path === '/invite-page')
      return html`<invites-branding></invites-branding><invites-widget-settings></invites-widget-settings>`;
    if (this.path === '/support') return html`<invites-support></invites-support>`;
    if (this.path === '/deployments') return html`<invites-deployments></invites-deployments>`;
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('invites-page', InvitesPage);
