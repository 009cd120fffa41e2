// The devices plugin's pages, loaded on demand by the web app. Plain ES module on the
// web app's SDK (window.Outpost: Lit, the API client, live stream, t(), toasts).
//   /devices                  all devices (lines or tiles, filters, grouping, bulk actions)
//   /devices/shared           devices shared with me
//   /devices/group/<id>       one group
//   /devices/trash            Trash: restore, delete for good, empty
//   /devices/d/<id>           one device (also /devices/<id>)
//   /devices/l/<permalink>    one device by its readable link
//   /devices/groups          the groups (and /devices/groups/new: a new one)
//   /devices/invites          all devices, with Pending Invites open
// Its home page parts are in home.js; groups, system information and what the modules share have their own files.
const {
  LitElement,
  html,
  css,
  nothing,
  copyText,
  repeat,
  api,
  t,
  toast,
  can,
  stream,
  formatDateTime,
  confirmDestructive,
} = window.Outpost;
import { bytes, deviceLink, devicesCount, navigate, sharedStyles as shared, statusLabels, uptime } from './shared.js';
import { renderSystemInfo, systemInfoStyles } from './system-info.js';
import { operationResultStyles, renderOperationResult } from './operation-result.js';
import './groups.js';
import './home.js';

const groupings = { none: 'No grouping', name: 'Name', status: 'Status', lastSeen: 'Last connection', group: 'Group' };

function lastSeenBucket(iso) {
  const age = Date.now() - new Date(iso).getTime();
  if (age < 3_600_000) return t('Within the last hour');
  if (age < 86_400_000) return t('Today');
  if (age < 7 * 86_400_000) return t('This week');
  if (age < 30 * 86_400_000) return t('This month');
  return t('Longer ago');
}

function groupKey(device, by) {
  switch (by) {
    case 'name':
      return (device.name[0] ?? '#').toUpperCase();
    case 'status':
      return t(statusLabels[device.status]);
    case 'lastSeen':
      return lastSeenBucket(device.lastSeenAt);
    case 'group':
      return device.groupName ?? t('No group');
    default:
      return '';
  }
}

class DevicesList extends LitElement {
  static properties = {
    scope: { attribute: false },
    /** Shows Pending Invites when it turns true (/devices/invites). */
    showInvites: { attribute: false },
    devices: { state: true },
    total: { state: true },
    nextCursor: { state: true },
    groups: { state: true },
    selected: { state: true },
    view: { state: true },
    filters: { state: true },
    groupBy: { state: true },
    invite: { state: true },
    invites: { state: true },
    loading: { state: true },
  };

  static styles = [
    shared,
    css`
      .bulk { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; background: #eff6ff; border-radius: 8px; padding: 0.5rem 0.75rem; margin-bottom: 0.75rem; }
      table { width: 100%; border-collapse: collapse; background: #fff; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
      /* An invite code reads out in one piece: the row wraps between columns, never inside it. */
      td code { white-space: nowrap; word-break: normal; }
      th, td { text-align: left; padding: 0.55rem 0.7rem; border-bottom: 1px solid #e5e7eb; vertical-align: middle; }
      th { background: #f8fafc; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: #475569; }
      td a { color: #1d4ed8; font-weight: 600; text-decoration: none; }
      .star { all: unset; cursor: pointer; font-size: 1.1rem; color: #cbd5e1; }
      .star[aria-pressed='true'] { color: #f59e0b; }
      .star:focus-visible { outline: 2px solid #1d4ed8; }
      h2 { font-size: 1rem; margin: 1.25rem 0 0.5rem; color: #334155; }
      .tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
      .tile { background: #fff; border-radius: 10px; box-shadow: 0 1px 2px rgb(0 0 0 / 0.1); overflow: hidden; }
      .tile .shot { aspect-ratio: 16 / 10; background: #0f172a; color: #cbd5e1; display: flex; align-items: center; justify-content: center; font-size: 0.85rem; text-align: center; padding: 0.5rem; box-sizing: border-box; }
      .tile img { width: 100%; aspect-ratio: 16 / 10; object-fit: cover; display: block; background: #0f172a; }
      .tile .body { padding: 0.6rem 0.8rem; }
      .tile a { color: inherit; text-decoration: none; font-weight: 600; }
      .invite { border-left: 4px solid #1d4ed8; }
      .more { margin-top: 1rem; text-align: center; }
      @media (max-width: 767px) {
        table, thead, tbody, tr, td { display: block; }
        thead { display: none; }
        tr { background: #fff; border-radius: 10px; margin-bottom: 0.75rem; padding: 0.5rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.1); }
        td { border: none; padding: 0.25rem 0.5rem; }
        td[data-label]::before { content: attr(data-label) ': '; color: #64748b; font-size: 0.8rem; }
      }
    `,
  ];

  constructor() {
    super();
    this.scope = { kind: 'all' };
    this.devices = [];
    this.total = 0;
    this.nextCursor = null;
    this.groups = [];
    this.selected = new Set();
    this.view = localStorage.getItem('outpost.devices.view') ?? 'lines';
    this.groupBy = localStorage.getItem('outpost.devices.groupBy') ?? 'none';
    this.filters = { q: '', status: '', os: '', tag: '', sort: 'name', order: 'asc' };
    this.invite = null;
    this.invites = null;
    this.loading = true;
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = stream.subscribe('devices.*', () => this.scheduleReload());
    this.watchTimer = setInterval(() => this.watch(), 45_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearInterval(this.watchTimer);
    clearTimeout(this.reloadTimer);
  }

  willUpdate(changed) {
    if (changed.has('showInvites') && this.showInvites && !this.invites) void this.toggleInvites();
    if (changed.has('scope')) {
      // Another view (Trash, a group): show none of the last view's rows while its own load.
      clearTimeout(this.reloadTimer);
      this.selected = new Set();
      this.devices = [];
      this.total = 0;
      this.nextCursor = null;
      void this.reload();
    }
  }

  scheduleReload() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), 1000);
  }

  query(extra = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(this.filters)) if (value) params.set(key, value);
    if (this.scope.kind === 'trash') params.set('trash', 'true');
    if (this.scope.kind === 'shared') params.set('shared', 'true');
    if (this.scope.kind === 'group') params.set('groupId', this.scope.id);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return params.toString();
  }

  async reload() {
    // Only the newest answer counts: a slower one for the view just left must not replace it.
    const request = (this.latestRequest = (this.latestRequest ?? 0) + 1);
    this.loading = true;
    try {
      const [page, groups] = await Promise.all([
        api('GET', `/devices?${this.query({ limit: '100', withTotal: 'true' })}`),
        api('GET', '/devices/groups'),
      ]);
      if (request !== this.latestRequest) return;
      this.devices = page.items;
      this.total = page.total ?? page.items.length;
      this.nextCursor = page.nextCursor;
      this.groups = groups.items;
      this.selected = new Set([...this.selected].filter((id) => this.devices.some((d) => d.id === id)));
      this.watch();
    } finally {
      this.loading = false;
    }
  }

  async more() {
    const request = this.latestRequest;
    const page = await api('GET', `/devices?${this.query({ limit: '100', cursor: this.nextCursor })}`);
    if (request !== this.latestRequest) return;
    this.devices = [...this.devices, ...page.items];
    this.nextCursor = page.nextCursor;
    this.watch();
  }

  /** Tiles show screenshots: tell the server a dashboard is looking, so the agents send them. */
  watch() {
    if (this.view !== 'tiles' || this.scope.kind === 'trash' || document.visibilityState === 'hidden') return;
    const ids = this.devices
      .filter((d) => d.status === 'online' || d.status === 'not-installed')
      .map((d) => d.id)
      .slice(0, 500);
    if (ids.length) void api('POST', '/devices/watch', { ids }).catch(() => undefined);
  }

  setFilter(key, value) {
    this.filters = { ...this.filters, [key]: value };
    this.scheduleReload();
  }

  setView(view) {
    this.view = view;
    localStorage.setItem('outpost.devices.view', view);
    this.watch();
  }

  setGroupBy(value) {
    this.groupBy = value;
    localStorage.setItem('outpost.devices.groupBy', value);
  }

  toggle(id, on) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  async favorite(device) {
    await api(device.favorite ? 'DELETE' : 'PUT', `/devices/${device.id}/favorite`);
    await this.reload();
  }

  async bulk(action, extra = {}) {
    const ids = [...this.selected];
    if (action === 'trash') {
      const ok = await confirmDestructive({
        title: t('Move to Trash'),
        message: t(
          '{count, plural, one {Move # device to Trash?} other {Move # devices to Trash?}} They are kept for 30 days and can be restored.',
          { count: ids.length },
        ),
        action: t('Move to Trash'),
      });
      if (!ok) return;
    }
    const result = await api('POST', '/devices/bulk', { ids, action, ...extra });
    toast(t('{count, plural, one {# device changed.} other {# devices changed.}}', { count: result.affected.length }));
    this.selected = new Set();
    await this.reload();
  }

  async bulkTag(action) {
    const input = this.renderRoot.querySelector('#bulk-tag');
    const tag = input.value.trim().toLowerCase();
    if (!tag) return input.focus();
    await this.bulk(action, { tag });
    input.value = '';
  }

  async restore(device) {
    await api('POST', `/devices/${device.id}/restore`);
    toast(t('{name} is back in the device list.', { name: device.name }));
    await this.reload();
  }

  async deleteForGood(device) {
    const ok = await confirmDestructive({
      title: t('Delete for good'),
      message: t('Delete {name} for good? This cannot be undone.', { name: device.name }),
      action: t('Delete'),
    });
    if (!ok) return;
    await api('DELETE', `/devices/${device.id}?permanent=true`);
    await this.reload();
  }

  async emptyTrash() {
    const ok = await confirmDestructive({
      title: t('Empty Trash'),
      message: t('Delete every device in Trash for good? This cannot be undone.'),
      action: t('Empty Trash'),
    });
    if (!ok) return;
    const { deleted } = await api('DELETE', '/devices/trash');
    toast(t('{count, plural, one {# device deleted.} other {# devices deleted.}}', { count: deleted }));
    await this.reload();
  }

  async createInvite() {
    this.invite = await api('POST', '/invites', {});
  }

  /** Pending Invites: shown or hidden; loaded each time it opens. */
  async toggleInvites() {
    this.invites = this.invites ? null : (await api('GET', '/invites')).items;
  }

  async createInviteWithOptions(event) {
    event.preventDefault();
    // Read the form now: once the event is dispatched, its target is gone (shadow DOM).
    const element = event.target;
    const form = new FormData(element);
    const expires = form.get('expiresAt');
    const maxDevices = form.get('maxDevices');
    this.invite = await api('POST', '/invites', {
      name: form.get('name') || undefined,
      groupId: form.get('groupId') || null,
      expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      maxDevices: maxDevices ? Number(maxDevices) : null,
    });
    this.invites = (await api('GET', '/invites')).items;
    element.reset();
  }

  async deleteInvite(invite) {
    const ok = await confirmDestructive({
      title: t('Delete invite'),
      message: t('Delete the invite {code}? Its link and code stop working; devices it enrolled stay.', {
        code: invite.displayCode,
      }),
      action: t('Delete'),
    });
    if (!ok) return;
    await api('DELETE', `/invites/${invite.id}`);
    this.invites = (await api('GET', '/invites')).items;
  }

  heading() {
    switch (this.scope.kind) {
      case 'trash':
        return t('Trash');
      case 'shared':
        return t('Shared with me');
      case 'group':
        return this.groups.find((g) => g.id === this.scope.id)?.name ?? t('Group');
      default:
        return t('Devices');
    }
  }

  render() {
    const trash = this.scope.kind === 'trash';
    return html`<h1>${this.heading()} <span class="muted" data-testid="device-count">${devicesCount(this.total)}</span>
        ${this.renderGroupActions()}</h1>
      ${trash ? this.renderTrashBar() : this.renderHeader()} ${this.invite ? this.renderInvite() : nothing}
      ${this.invites && !trash ? this.renderInvites() : nothing} ${this.renderFilters()}
      ${this.selected.size > 0 && !trash && can('device.manage') ? this.renderBulk() : nothing} ${this.renderBody()}
      ${this.nextCursor ? html`<div class="more"><button @click=${this.more}>${t('Load more')}</button></div>` : nothing}`;
  }

  /** In a group's view: rename it, or delete it and go back to all devices. */
  renderGroupActions() {
    const group = this.scope.kind === 'group' && this.groups.find((g) => g.id === this.scope.id);
    if (!group || !can('groups.manage')) return nothing;
    return html`<devices-group-actions .group=${group} @outpost-group-changed=${(e) => (e.detail.change === 'deleted' ? navigate('/devices') : this.reload())}></devices-group-actions>`;
  }

  renderHeader() {
    return html`<div class="toolbar">
      ${can('device.manage') ? html`<button class="primary" @click=${this.createInvite} data-testid="create-invite">+ ${t('Create Invite')}</button>` : nothing}
      <button aria-expanded=${this.invites !== null} @click=${this.toggleInvites}>${t('Pending Invites')}</button>
      <div role="group" aria-label=${t('View')}>
        <button aria-pressed=${this.view === 'lines'} @click=${() => this.setView('lines')}>${t('Lines')}</button>
        <button aria-pressed=${this.view === 'tiles'} @click=${() => this.setView('tiles')} data-testid="tiles-view">${t('Tiles')}</button>
      </div>
      <a class="button" href=${`/api/v1/devices/export.csv?${this.query()}`} download>${t('Export CSV')}</a>
    </div>`;
  }

  renderTrashBar() {
    return html`<div class="toolbar">
      <p class="muted">${t('Devices in Trash are deleted for good after 30 days. Their agents cannot connect.')}</p>
      ${can('device.manage') ? html`<button class="danger" ?disabled=${this.total === 0} @click=${this.emptyTrash}>${t('Empty Trash')}</button>` : nothing}
    </div>`;
  }

  renderInvite() {
    const command = `outpost-agent enroll --server ${location.origin} --code ${this.invite.code}`;
    return html`<section class="panel invite" aria-label=${t('New invite')}>
      <p><strong>${t('Invite created.')}</strong> ${t('Send the link, or run the agent with the code, on each machine to add:')}</p>
      <p>${t('Code')}: <code data-testid="invite-code">${this.invite.displayCode}</code> <button @click=${() => copyText(this.invite.code)}>${t('Copy')}</button></p>
      <p>${t('Link')}: <code>${this.invite.link}</code> <button @click=${() => copyText(this.invite.link)}>${t('Copy')}</button></p>
      <p>${t('Command')}: <code>${command}</code> <button @click=${() => copyText(command)}>${t('Copy')}</button></p>
      <button @click=${() => (this.invite = null)}>${t('Done')}</button>
    </section>`;
  }

  renderInvites() {
    return html`<section class="panel" aria-label=${t('Pending Invites')}>
      <h2>${t('Pending Invites')}</h2>
      ${
        this.invites.length
          ? html`<table aria-label=${t('Pending Invites')}>
            <thead><tr><th>${t('Name')}</th><th>${t('Code')}</th><th>${t('Devices')}</th><th>${t('Group')}</th><th>${t('Expires')}</th><th>${t('Actions')}</th></tr></thead>
            <tbody>
              ${this.invites.map(
                (i) => html`<tr>
                  <td data-label=${t('Name')}>${i.name}</td>
                  <td data-label=${t('Code')}>${i.displayCode ? html`<code>${i.displayCode}</code>` : '—'}</td>
                  <td data-label=${t('Devices')}>${i.maxDevices === null ? i.deviceCount : t('{count} of {max}', { count: i.deviceCount, max: i.maxDevices })}${i.maxDevices !== null && i.deviceCount >= i.maxDevices ? html` <span class="tag" data-testid="used-up">${t('Used up')}</span>` : nothing}</td>
                  <td data-label=${t('Group')}>${this.groups.find((g) => g.id === i.groupId)?.name ?? '—'}</td>
                  <td data-label=${t('Expires')}>${i.expiresAt ? formatDateTime(i.expiresAt) : t('Never')}</td>
                  <td>
                    ${
                      i.code
                        ? html`<button @click=${() => copyText(i.link)}>${t('Copy link')}</button>
                    <button @click=${() => copyText(i.code)}>${t('Copy code')}</button>`
                        : nothing
                    }
                    ${can('device.manage') ? html`<button class="danger" @click=${() => this.deleteInvite(i)}>${t('Delete')}</button>` : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : html`<p class="muted">${can('device.manage') ? t('No pending invites. "+ Create Invite" makes one at once.') : t('No pending invites.')}</p>`
      }
      ${can('device.manage') ? this.renderInviteForm() : nothing}
    </section>`;
  }

  renderInviteForm() {
    return html`<form class="toolbar" @submit=${this.createInviteWithOptions}>
        <label>${t('Name')}<input name="name" maxlength="100" placeholder=${t('Invite')} /></label>
        <label
          >${t('Target group')}<select name="groupId">
            <option value="">${t('No group')}</option>
            ${this.groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}
          </select></label
        >
        <label>${t('Expires on')}<input name="expiresAt" type="date" /></label>
        <label
          >${t('Max devices')}<input name="maxDevices" type="number" min="1" max="1000000" step="1" inputmode="numeric" placeholder=${t('No limit')}
        /></label>
        <button>${t('Create with these options')}</button>
      </form>`;
  }

  renderFilters() {
    return html`<div class="toolbar" role="search">
      <label>${t('Search')}<input type="search" .value=${this.filters.q} @input=${(e) => this.setFilter('q', e.target.value)} placeholder=${t('Device name')} /></label>
      <label
        >${t('Status')}<select @change=${(e) => this.setFilter('status', e.target.value)}>
          <option value="">${t('Any')}</option>
          ${Object.entries(statusLabels).map(([value, label]) => html`<option value=${value} ?selected=${this.filters.status === value}>${t(label)}</option>`)}
        </select></label
      >
      <label
        >${t('OS')}<select @change=${(e) => this.setFilter('os', e.target.value)}>
          <option value="">${t('Any')}</option>
          <option value="linux">Linux</option>
          <option value="windows">Windows</option>
          <option value="darwin">macOS</option>
        </select></label
      >
      <label>${t('Tag')}<input .value=${this.filters.tag} @change=${(e) => this.setFilter('tag', e.target.value.trim().toLowerCase())} /></label>
      <label
        >${t('Sort')}<select @change=${(e) => this.setFilter('sort', e.target.value)}>
          <option value="name">${t('Name')}</option>
          <option value="lastSeen">${t('Last connection')}</option>
          <option value="enrolled">${t('Sign-in date')}</option>
        </select></label
      >
      <label
        >${t('Order')}<select @change=${(e) => this.setFilter('order', e.target.value)}>
          <option value="asc">${t('Ascending')}</option>
          <option value="desc">${t('Descending')}</option>
        </select></label
      >
      <label
        >${t('Group by')}<select @change=${(e) => this.setGroupBy(e.target.value)}>
          ${Object.entries(groupings).map(([value, label]) => html`<option value=${value} ?selected=${this.groupBy === value}>${t(label)}</option>`)}
        </select></label
      >
    </div>`;
  }

  renderBulk() {
    return html`<div class="bulk" role="region" aria-label=${t('Bulk actions')}>
      <strong>${t('{count} selected', { count: this.selected.size })}</strong>
      <label
        >${t('Move to group')}
        <select @change=${(e) => e.target.value && this.bulk('move', { groupId: e.target.value === 'none' ? null : e.target.value })}>
          <option value="">…</option>
          <option value="none">${t('No group')}</option>
          ${this.groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}
        </select></label
      >
      <label>${t('Tag')} <input id="bulk-tag" maxlength="64" pattern="[a-z0-9_:\-]+" /></label>
      <button @click=${() => this.bulkTag('addTag')}>${t('Add tag')}</button>
      <button @click=${() => this.bulkTag('removeTag')}>${t('Remove tag')}</button>
      <button class="danger" @click=${() => this.bulk('trash')}>${t('Delete')}</button>
    </div>`;
  }

  renderBody() {
    if (this.loading && this.devices.length === 0) return html`<p class="muted">${t('Loading…')}</p>`;
    if (this.devices.length === 0) return this.renderEmpty();
    const sections = new Map();
    for (const device of this.devices) {
      const key = this.groupBy === 'none' ? '' : groupKey(device, this.groupBy);
      if (!sections.has(key)) sections.set(key, []);
      sections.get(key).push(device);
    }
    return [...sections].map(
      ([key, devices]) => html`${key ? html`<h2>${key} <span class="muted">(${devices.length})</span></h2>` : nothing}
      ${this.view === 'tiles' && this.scope.kind !== 'trash' ? this.renderTiles(devices) : this.renderLines(devices)}`,
    );
  }

  renderEmpty() {
    if (this.scope.kind === 'trash') return html`<div class="empty"><p>${t('Trash is empty.')}</p></div>`;
    if (Object.values(this.filters).some((v) => v && v !== 'name' && v !== 'asc'))
      return html`<div class="empty"><p>${t('No device matches these filters.')}</p></div>`;
    if (this.scope.kind === 'group') {
      return html`<div class="empty"><p>${t('No devices in this group yet. Move a device here with "+ Add group" on its row, or select several and use "Move to group".')}</p></div>`;
    }
    return html`<div class="empty">
      <p><strong>${t('No devices yet.')}</strong></p>
      ${
        can('device.manage')
          ? html`<p>${t('Create an invite, then run the Outpost agent with its code on each machine you want to manage.')}</p>
              <button class="primary" @click=${this.createInvite}>+ ${t('Create Invite')}</button>`
          : html`<p>${t('Someone with the device.manage permission adds devices with an invite.')}</p>`
      }
    </div>`;
  }

  renderLines(devices) {
    const trash = this.scope.kind === 'trash';
    return html`<table aria-label=${t('Devices')}>
      <thead>
        <tr>
          ${trash ? nothing : html`<th><span class="muted" aria-hidden="true">★</span></th>`}
          ${trash || !can('device.manage') ? nothing : html`<th><span class="sr-only">${t('Select')}</span></th>`}
          <th>${t('Name')}</th>
          <th>${t('Status')}</th>
          <th>${t('Group')}</th>
          <th>${t('Tags')}</th>
          <th>${t('OS')}</th>
          <th>${trash ? t('Deleted') : t('Last seen')}</th>
          <th>${t('Location')}</th>
          ${trash ? html`<th>${t('Actions')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          devices,
          (d) => d.id,
          (d) => html`<tr data-device=${d.id}>
            ${
              trash
                ? nothing
                : html`<td>
                    <button class="star" aria-pressed=${d.favorite} aria-label=${d.favorite ? t('Remove {name} from favorites', { name: d.name }) : t('Add {name} to favorites', { name: d.name })} @click=${() => this.favorite(d)}>★</button>
                  </td>
                  ${can('device.manage') ? html`<td><input type="checkbox" aria-label=${t('Select {name}', { name: d.name })} .checked=${this.selected.has(d.id)} @change=${(e) => this.toggle(d.id, e.target.checked)} /></td>` : nothing}`
            }
            <td data-label=${t('Name')}>
              ${trash ? d.name : html`<a href=${deviceLink(d)}>${d.name}</a>`}
              ${d.shared ? html`<span title=${t('Shared with you')} aria-label=${t('Shared with you')}>👥</span>` : nothing}
              <div class="muted">${d.shortId}</div>
            </td>
            <td data-label=${t('Status')}><span class="status ${d.status}" data-testid="status">${t(statusLabels[d.status])}</span></td>
            <td data-label=${t('Group')}>
              ${
                trash || !can('device.manage')
                  ? (d.groupName ?? '—')
                  : html`<devices-group-picker .device=${d} .groups=${this.groups} @outpost-device-moved=${() => this.reload()}></devices-group-picker>`
              }
            </td>
            <td data-label=${t('Tags')}>${d.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</td>
            <td data-label=${t('OS')}>${d.osName || d.os} ${d.osVersion}</td>
            <td data-label=${trash ? t('Deleted') : t('Last seen')}>${formatDateTime(trash ? d.deletedAt : d.lastSeenAt)}</td>
            <td data-label=${t('Location')}>${[d.city, d.country].filter(Boolean).join(', ') || d.ip || '—'}</td>
            ${
              trash
                ? html`<td>
                  ${can('device.manage') ? this.renderTrashActions(d) : '—'}
                </td>`
                : nothing
            }
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  renderTrashActions(d) {
    return html`<button @click=${() => this.restore(d)}>${t('Restore')}</button>
      <button class="danger" @click=${() => this.deleteForGood(d)}>${t('Delete for good')}</button>`;
  }

  renderTiles(devices) {
    return html`<ul class="tiles" aria-label=${t('Devices')}>
      ${devices.map(
        (d) => html`<li class="tile" data-device=${d.id}>
          <a href=${deviceLink(d)}>
            ${
              d.hasScreenshot
                ? html`<img src=${`/api/v1/devices/${d.id}/screenshot?t=${encodeURIComponent(d.screenshotAt)}`} alt=${t('Screen of {name}', { name: d.name })} loading="lazy" />`
                : html`<div class="shot">${d.status === 'online' || d.status === 'not-installed' ? t('Waiting for a screenshot…') : t('No screenshot')}</div>`
            }
          </a>
          <div class="body">
            <a href=${deviceLink(d)}>${d.name}</a> ${d.shared ? html`<span aria-label=${t('Shared with you')}>👥</span>` : nothing}
            <div><span class="status ${d.status}">${t(statusLabels[d.status])}</span> <span class="muted">${formatDateTime(d.lastSeenAt)}</span></div>
          </div>
        </li>`,
      )}
    </ul>`;
  }
}
customElements.define('devices-list', DevicesList);

class DeviceDetails extends LitElement {
  static properties = {
    deviceId: {},
    permalink: {},
    me: {},
    device: { state: true },
    sessions: { state: true },
    operations: { state: true },
    groups: { state: true },
    members: { state: true },
    result: { state: true },
    running: { state: true },
    missing: { state: true },
    shotVersion: { state: true },
  };

  static styles = [
    shared,
    systemInfoStyles,
    operationResultStyles,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: 1rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
      dt { color: #64748b; font-size: 0.85rem; }
      dd { margin: 0; overflow-wrap: anywhere; }
      h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
      .shot img { max-width: 100%; border-radius: 8px; display: block; }
      form.settings { display: grid; gap: 0.6rem; }
      form.settings label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      form.settings label.check { display: flex; gap: 0.5rem; align-items: center; }
      form.settings fieldset { display: grid; gap: 0.6rem; border: 0; padding: 0; margin: 0; min-width: 0; }
      pre { background: #0f172a; color: #e2e8f0; padding: 0.75rem; border-radius: 8px; overflow: auto; max-height: 24rem; font-size: 0.8rem; }
      h2 .button { font-size: 0.9rem; font-weight: normal; }
      .file-system { margin-bottom: 0.5rem; }
      h1 .star { font-size: 0.9rem; }
    `,
  ];

  constructor() {
    super();
    this.device = null;
    this.sessions = [];
    this.operations = [];
    this.groups = [];
    this.members = [];
    this.result = null;
    this.running = false;
    this.missing = false;
    this.shotVersion = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = stream.subscribe('devices.*', (event) => {
      const payload = event.payload ?? {};
      if (payload.id === this.device?.id || payload.ids?.includes?.(this.device?.id)) {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.load(), 200);
      }
    });
    this.watchTimer = setInterval(() => this.watch(), 45_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearInterval(this.watchTimer);
  }

  willUpdate(changed) {
    if (changed.has('deviceId') || changed.has('permalink')) void this.load(true);
  }

  async load(first = false) {
    try {
      this.device = this.permalink
        ? await api('GET', `/devices/by-link/${encodeURIComponent(this.permalink)}`)
        : await api('GET', `/devices/${this.deviceId}`);
    } catch (error) {
      if (error.status === 404) this.missing = true;
      else throw error;
      return;
    }
    this.sessions = (await api('GET', `/devices/${this.device.id}/sessions?limit=20`)).items;
    if (first) {
      this.watch();
      this.operations = (await api('GET', '/devices/operations')).items;
      await this.loadGroups();
      // Listing the team needs team.manage; without it, sharing shows who has the device only.
      this.members = await api('GET', '/team').then(
        (r) => r.items,
        () => [],
      );
    }
  }

  async loadGroups() {
    this.groups = (await api('GET', '/devices/groups')).items;
  }

  /** Moved from its group picker (perhaps into a group made there): the device and the groups again. */
  async moved() {
    await Promise.all([this.load(), this.loadGroups()]);
  }

  watch() {
    if (this.device && document.visibilityState !== 'hidden')
      void api('POST', '/devices/watch', { ids: [this.device.id] }).catch(() => undefined);
  }

  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const tags = this.renderRoot.querySelector('outpost-tag-input')?.tags ?? this.device.tags;
    const body = {
      name: form.get('name'),
      tags,
      notes: form.get('notes'),
      notifyEmail: form.get('notifyEmail') || null,
      sound: form.get('sound') === 'on',
      permalink: form.get('permalink') || null,
      settings: {
        allowNonAdminSetup: form.get('allowNonAdminSetup') === 'on',
        autoAuthorization: form.get('autoAuthorization') === 'on',
      },
    };
    try {
      this.device = await api('PATCH', `/devices/${this.device.id}`, body);
      toast(t('Saved.'));
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async run(event) {
    event.preventDefault();
    const name = new FormData(event.target).get('operation');
    this.running = true;
    this.result = null;
    try {
      this.result = await api('POST', `/devices/${this.device.id}/operations`, { name, args: {} });
    } catch (error) {
      this.result = { name, error: error.message };
    } finally {
      this.running = false;
    }
  }

  /** The members the device can still be shared with, or a line saying there is nobody. */
  shareForm(d) {
    const candidates = this.members.filter((m) => m.userId !== this.me && !d.shares.some((s) => s.userId === m.userId));
    if (!candidates.length) return html`<p class="muted">${t('No other members to share with.')}</p>`;
    return html`<form @submit=${this.share}>
      <select name="userId" aria-label=${t('Team member')}>
        ${candidates.map((m) => html`<option value=${m.userId}>${m.name || m.email}</option>`)}
      </select>
      <button>${t('Share')}</button>
    </form>`;
  }

  async share(event) {
    event.preventDefault();
    const userId = new FormData(event.target).get('userId');
    if (!userId) return;
    await api('POST', `/devices/${this.device.id}/shares`, { userId });
    await this.load();
  }

  async unshare(userId) {
    await api('DELETE', `/devices/${this.device.id}/shares/${userId}`);
    await this.load();
  }

  async favorite() {
    await api(this.device.favorite ? 'DELETE' : 'PUT', `/devices/${this.device.id}/favorite`);
    await this.load();
  }

  async trash() {
    const ok = await confirmDestructive({
      title: t('Move to Trash'),
      message: t('Move {name} to Trash? Its agent is disconnected; you can restore it for 30 days.', {
        name: this.device.name,
      }),
      action: t('Move to Trash'),
    });
    if (!ok) return;
    await api('DELETE', `/devices/${this.device.id}`);
    navigate('/devices');
  }

  render() {
    if (this.missing)
      return html`<div class="empty"><p>${t('This device does not exist, or it is not in this tenant.')}</p><a href="/devices">${t('Back to devices')}</a></div>`;
    const d = this.device;
    if (!d) return html`<p>${t('Loading…')}</p>`;
    const facts = d.facts ?? {};
    const info = d.systemInfo ?? {};
    const live = d.liveStatus ?? {};
    const manage = can('device.manage');
    return html`<p><a href="/devices">← ${t('Devices')}</a></p>
      <h1>
        ${d.name} <span class="status ${d.status}" data-testid="device-status">${t(statusLabels[d.status])}</span>
        <button class="star" aria-pressed=${d.favorite} @click=${this.favorite}>${d.favorite ? t('★ Favorite') : t('☆ Add to favorites')}</button>
      </h1>
      ${d.deletedAt ? html`<p class="panel">${t('This device is in Trash.')}</p>` : nothing}
      <div class="grid">
        <section class="panel" aria-labelledby="general">
          <h2 id="general">${t('General')}</h2>
          <dl>
            <dt>${t('Device ID')}</dt><dd>${d.shortId}</dd>
            <dt>${t('Hostname')}</dt><dd>${d.hostname}</dd>
            <dt>${t('Operating system')}</dt><dd data-testid="os">${d.osName || d.os} ${d.osVersion}</dd>
            <dt>${t('Group')}</dt>
            <dd>
              ${
                can('device.manage') && !d.deletedAt
                  ? html`<devices-group-picker .device=${d} .groups=${this.groups} @outpost-device-moved=${this.moved}></devices-group-picker>`
                  : (d.groupName ?? '—')
              }
            </dd>
            <dt>${t('CPU')}</dt><dd>${facts.cpu ?? '—'}</dd>
            <dt>${t('Memory')}</dt><dd>${bytes(facts.memoryBytes)}${live.memoryUsedBytes ? html` <span class="muted">(${t('{used} in use', { used: bytes(live.memoryUsedBytes) })})</span>` : nothing}</dd>
            <dt>${t('Signed-in user')}</dt><dd>${live.user ?? facts.user ?? '—'}</dd>
            <dt>${t('Agent')}</dt><dd>${d.agentVersion || '—'} ${d.service ? '' : html`<span class="muted">(${t('not running as a service')})</span>`}</dd>
            <dt>${t('Uptime')}</dt><dd>${uptime(live.uptimeSeconds)}</dd>
          </dl>
        </section>
        <section class="panel" aria-labelledby="connection">
          <h2 id="connection">${t('Connection')}</h2>
          <dl>
            <dt>${t('IP address')}</dt><dd>${d.ip ?? '—'}</dd>
            <dt>${t('Location')}</dt><dd>${[d.city, d.country].filter(Boolean).join(', ') || '—'}</dd>
            <dt>${t('First connected')}</dt><dd>${d.firstConnectedAt ? formatDateTime(d.firstConnectedAt) : '—'}</dd>
            <dt>${t('Last seen')}</dt><dd>${formatDateTime(d.lastSeenAt)}</dd>
            <dt>${t('Sessions')}</dt><dd>${d.sessionCount}</dd>
            <dt>${t('Permalink')}</dt><dd>${d.permalink ? html`<a href=${`/devices/l/${d.permalink}`}>${location.origin}/devices/l/${d.permalink}</a>` : '—'}</dd>
          </dl>
        </section>
        <section class="panel shot" aria-labelledby="screen">
          <h2 id="screen">${t('Screen')}</h2>
          ${
            d.hasScreenshot
              ? html`<img data-testid="screenshot" src=${`/api/v1/devices/${d.id}/screenshot?t=${encodeURIComponent(d.screenshotAt)}`} alt=${t('Screen of {name}', { name: d.name })} />
                <p class="muted">${formatDateTime(d.screenshotAt)}</p>`
              : html`<p class="muted">${!d.display ? t('This device has no display to capture.') : d.status === 'online' || d.status === 'not-installed' ? t('Waiting for a screenshot…') : t('No screenshot yet.')}</p>`
          }
        </section>
      </div>
      ${this.renderDisks(info)}
      ${this.renderOperations(d)}
      <section class="panel">
        <details>
          <summary><strong>${t('Detailed system information')}</strong></summary>
          ${d.systemInfo ? renderSystemInfo(info, (fileSystems) => this.renderFileSystems(fileSystems)) : html`<p class="muted">${t('The agent sends it when it connects.')}</p>`}
        </details>
      </section>
      <div class="grid">
        <section class="panel" aria-labelledby="settings">
          <h2 id="settings">${t('Settings')}</h2>
          ${manage ? nothing : html`<p class="muted" data-testid="read-only">${t('Changing these needs the device.manage permission.')}</p>`}
          <form class="settings" @submit=${this.save}><fieldset ?disabled=${!manage}>
            <label>${t('Name')}<input name="name" required maxlength="200" .value=${d.name} /></label>
            ${
              manage
                ? html`<label>${t('Tags')}<outpost-tag-input .tags=${d.tags}></outpost-tag-input></label>`
                : html`<div>${t('Tags')}: ${d.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</div>`
            }
            <label>${t('Notes')}<textarea name="notes" maxlength="10000" .value=${d.notes}></textarea></label>
            <label>${t('Notification e-mail')}<input name="notifyEmail" type="email" .value=${d.notifyEmail ?? ''} /></label>
            <label class="check"><input type="checkbox" name="sound" ?checked=${d.sound} /> ${t('Play a sound when it goes online or offline')}</label>
            <label>${t('Permalink')}<input name="permalink" pattern="[a-z0-9]+(-[a-z0-9]+)*" maxlength="100" placeholder="reception-pc" .value=${d.permalink ?? ''} /></label>
            <label class="check"><input type="checkbox" name="allowNonAdminSetup" ?checked=${d.settings.allowNonAdminSetup} /> ${t('Allow agent set-up for non-administrators')}</label>
            <label class="check"><input type="checkbox" name="autoAuthorization" ?checked=${d.settings.autoAuthorization} /> ${t('Automated authorization & account locking')}</label>
            ${manage ? html`<div><button class="primary">${t('Save')}</button> <button type="button" class="danger" @click=${this.trash}>${t('Move to Trash')}</button></div>` : nothing}
          </fieldset></form>
        </section>
        <section class="panel" aria-labelledby="sharing">
          <h2 id="sharing">${t('Sharing')}</h2>
          ${
            d.shares.length
              ? html`<ul>${d.shares.map((s) => html`<li>${s.name || s.email} ${manage ? html`<button @click=${() => this.unshare(s.userId)}>${t('Stop sharing')}</button>` : nothing}</li>`)}</ul>`
              : html`<p class="muted">${t('Not shared with anyone.')}</p>`
          }
          ${this.members.length && manage ? this.shareForm(d) : nothing}
        </section>
      </div>
      <div class="grid"><outpost-extensions point="devices.device.details" .context=${this.extensionContext(d)}></outpost-extensions></div>
      <section class="panel" aria-labelledby="log">
        <h2 id="log">${t('Session log')} <a class="button" href=${`/api/v1/devices/${d.id}/sessions.csv`} download>${t('Export')}</a></h2>
        ${
          this.sessions.length
            ? html`<table class="cards" aria-label=${t('Session log')}>
              <thead><tr><th>${t('Connected')}</th><th>${t('Disconnected')}</th><th>${t('IP address')}</th><th>${t('Agent')}</th><th>${t('End')}</th></tr></thead>
              <tbody>
                ${this.sessions.map(
                  (s) => html`<tr>
                    <td data-label=${t('Connected')}>${formatDateTime(s.connectedAt)}</td>
                    <td data-label=${t('Disconnected')}>${s.disconnectedAt ? formatDateTime(s.disconnectedAt) : t('connected')}</td>
                    <td data-label=${t('IP address')}>${s.ip ?? '—'}</td>
                    <td data-label=${t('Agent')}>${s.agentVersion}</td>
                    <td data-label=${t('End')}>${s.endReason ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
            : html`<p class="muted">${t('No connections yet.')}</p>`
        }
      </section>`;
  }

  /** What other plugins' panels on this page get (a new object only when it changes, so they do not reload for nothing). */
  extensionContext(d) {
    if (this.context?.deviceId !== d.id || this.context.deviceName !== d.name)
      this.context = { deviceId: d.id, deviceName: d.name };
    return this.context;
  }

  /** The operations this user may run on the device; none offered without their permissions. */
  renderOperations(d) {
    const allowed = this.operations.filter((op) => can(op.permission));
    if (!allowed.length) return nothing;
    return html`<section class="panel" aria-labelledby="operations">
      <h2 id="operations">${t('Run an operation')}</h2>
      <form @submit=${this.run}>
        <select name="operation" aria-label=${t('Operation')}>
          ${allowed.map((op) => html`<option value=${op.name} title=${op.name}>${op.description}</option>`)}
        </select>
        <button class="primary" ?disabled=${this.running || d.status === 'offline'}>${this.running ? t('Running…') : t('Run')}</button>
      </form>
      ${
        this.result
          ? renderOperationResult(
              this.result,
              this.operations.find((op) => op.name === this.result.name),
            )
          : nothing
      }
    </section>`;
  }

  renderDisks(info) {
    if (
      !Array.isArray(info.fileSystems) ||
      !info.fileSystems.some((f) => bytes(f?.sizeBytes) !== '—' && f.sizeBytes > 0)
    )
      return nothing;
    return html`<section class="panel" aria-labelledby="disks">
      <h2 id="disks">${t('Disks')}</h2>
      ${this.renderFileSystems(info.fileSystems)}
    </section>`;
  }

  /** Each file system's use, as a bar that turns red past 90%; a use the size cannot hold shows as unknown. */
  renderFileSystems(fileSystems) {
    return fileSystems
      .filter((f) => bytes(f?.sizeBytes) !== '—' && f.sizeBytes > 0)
      .map((f) => {
        const used = bytes(f.usedBytes) !== '—' && f.usedBytes <= f.sizeBytes ? f.usedBytes : undefined;
        return html`<div class="file-system" data-mount=${f.mount}>
          <strong>${f.mount}</strong> <span class="muted">${t('{used} of {size} used', { used: bytes(used), size: bytes(f.sizeBytes) })}</span>
          ${used === undefined ? nothing : html`<outpost-meter .value=${used} .max=${f.sizeBytes} label=${t('Use of {mount}', { mount: f.mount })}></outpost-meter>`}
        </div>`;
      });
  }
}
customElements.define('devices-details', DeviceDetails);

class DevicesPage extends LitElement {
  static properties = { path: {}, account: { attribute: false } };

  render() {
    const parts = (this.path ?? '/devices').split('/').filter(Boolean).slice(1);
    const me = this.account?.id;
    if (parts[0] === 'd' && parts[1]) return html`<devices-details .deviceId=${parts[1]} .me=${me}></devices-details>`;
    if (parts[0] === 'l' && parts[1])
      return html`<devices-details .permalink=${decodeURIComponent(parts[1])} .me=${me}></devices-details>`;
    // /devices/<id>, as the API names a device, opens it too.
    if (parts.length === 1 && /^[0-9a-f-]{36}$/.test(parts[0]))
      return html`<devices-details .deviceId=${parts[0]} .me=${me}></devices-details>`;
    if (parts[0] === 'groups' && (parts.length === 1 || (parts.length === 2 && parts[1] === 'new')))
      return html`<devices-groups ?creating=${parts[1] === 'new'}></devices-groups>`;
    const known =
      parts.length === 0 ||
      (parts.length === 1 && ['trash', 'shared', 'invites'].includes(parts[0])) ||
      (parts.length === 2 && parts[0] === 'group' && /^[0-9a-f-]{36}$/.test(parts[1]));
    if (!known) return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
    const scope =
      parts[0] === 'trash'
        ? { kind: 'trash' }
        : parts[0] === 'shared'
          ? { kind: 'shared' }
          : parts[0] === 'group' && parts[1]
            ? { kind: 'group', id: parts[1] }
            : { kind: 'all' };
    this.scope = this.scope && JSON.stringify(this.scope) === JSON.stringify(scope) ? this.scope : scope;
    return html`<devices-list .scope=${this.scope} .showInvites=${parts[0] === 'invites'}></devices-list>`;
  }
}
customElements.define('devices-page', DevicesPage);
