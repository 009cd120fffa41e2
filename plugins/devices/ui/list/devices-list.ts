import {
  LitElement,
  api,
  can,
  confirmDestructive,
  html,
  loadComponents,
  nothing,
  stream,
  t,
  toast,
  type PropertyValues,
  type TableFilterSet,
  type TableViewChange,
  type TemplateResult,
} from '@outpost/ui-sdk';
import type { DevicePage, DeviceSummary, DevicesListActionsContext, DevicesScope, Group, Items } from '../api-types.js';
import '../groups/group-actions.js';
import { devicesCount, focusControl, navigate, sharedStyles } from '../shared.js';
import { type BulkRequest, renderBulkBar } from './bulk-bar.js';
import { deviceColumns, renderLines } from './device-lines.js';
import { renderTiles } from './device-tiles.js';
import { type Filters, defaultFilters, filtering, renderFilters } from './filters.js';
import { type Grouping, isGrouping, sectionsOf } from './grouping.js';
import { listStyles } from './list-styles.js';

type View = 'lines' | 'tiles';

/**
 * A list of devices (all, shared with me, Trash or one group): lines or tiles, filters, grouping, bulk actions,
 * live. Other plugins add their actions above its toolbar at the extension point `devices.list.actions`
 * (context: `DevicesListActionsContext`).
 */
export class DevicesList extends LitElement {
  static override properties = {
    scope: { attribute: false },
    showInvites: { attribute: false },
    devices: { state: true },
    total: { state: true },
    nextCursor: { state: true },
    groups: { state: true },
    selected: { state: true },
    view: { state: true },
    filters: { state: true },
    groupBy: { state: true },
    loading: { state: true },
    hiddenColumns: { state: true },
    density: { state: true },
  };
  static override styles = [sharedStyles, listStyles];

  /** Which devices to show. */
  declare scope: DevicesScope;
  /** Opened as /devices/invites: asks what is added at `devices.list.actions` to show Pending Invites. */
  declare showInvites: boolean;
  declare devices: DeviceSummary[];
  declare total: number;
  declare nextCursor: string | null;
  declare groups: Group[];
  declare selected: ReadonlySet<string>;
  declare view: View;
  declare filters: Filters;
  declare groupBy: Grouping;
  declare loading: boolean;
  /** Columns the user hid, and the density they chose (View options, kept on the server). */
  declare hiddenColumns: ReadonlySet<string>;
  declare density: 'comfortable' | 'compact';
  private unsubscribe?: () => void;
  private watchTimer?: ReturnType<typeof setInterval>;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private latestRequest = 0;
  private actionsContext?: DevicesListActionsContext;

  constructor() {
    super();
    this.scope = { kind: 'all' };
    this.showInvites = false;
    this.devices = [];
    this.total = 0;
    this.nextCursor = null;
    this.groups = [];
    this.selected = new Set();
    this.view = localStorage.getItem('outpost.devices.view') === 'tiles' ? 'tiles' : 'lines';
    const groupBy = localStorage.getItem('outpost.devices.groupBy');
    this.groupBy = isGrouping(groupBy) ? groupBy : 'none';
    this.filters = defaultFilters;
    this.loading = true;
    this.hiddenColumns = new Set();
    this.density = 'comfortable';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadComponents('radio', 'radio-group');
    this.unsubscribe = stream.subscribe('devices.*', () => this.scheduleReload());
    this.watchTimer = setInterval(() => this.watch(), 45_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearInterval(this.watchTimer);
    clearTimeout(this.reloadTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
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

  get trash(): boolean {
    return this.scope.kind === 'trash';
  }

  scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), 1000);
  }

  query(extra: Record<string, string> = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(this.filters)) if (value) params.set(key, value);
    if (this.scope.kind === 'trash') params.set('trash', 'true');
    if (this.scope.kind === 'shared') params.set('shared', 'true');
    if (this.scope.kind === 'group') params.set('groupId', this.scope.id);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return params.toString();
  }

  async reload(): Promise<void> {
    // Only the newest answer counts: a slower one for the view just left must not replace it.
    const request = ++this.latestRequest;
    this.loading = true;
    try {
      const [page, groups] = await Promise.all([
        api<DevicePage>('GET', `/devices?${this.query({ limit: '100', withTotal: 'true' })}`),
        api<Items<Group>>('GET', '/devices/groups'),
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

  async more(): Promise<void> {
    const request = this.latestRequest;
    const page = await api<DevicePage>(
      'GET',
      `/devices?${this.query({ limit: '100', cursor: this.nextCursor ?? '' })}`,
    );
    if (request !== this.latestRequest) return;
    this.devices = [...this.devices, ...page.items];
    this.nextCursor = page.nextCursor;
    this.watch();
  }

  /** Tiles show screenshots: tell the server a dashboard is looking, so the agents send them. */
  watch(): void {
    if (this.view !== 'tiles' || this.trash || document.visibilityState === 'hidden') return;
    const ids = this.devices
      .filter((d) => d.status === 'online' || d.status === 'not-installed')
      .map((d) => d.id)
      .slice(0, 500);
    if (ids.length) void api('POST', '/devices/watch', { ids }).catch(() => undefined);
  }

  setFilter(key: keyof Filters, value: string): void {
    this.filters = { ...this.filters, [key]: value };
    this.scheduleReload();
  }

  setView(view: View): void {
    this.view = view;
    localStorage.setItem('outpost.devices.view', view);
    this.watch();
  }

  setGroupBy(value: Grouping): void {
    this.groupBy = value;
    localStorage.setItem('outpost.devices.groupBy', value);
  }

  toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  async favorite(device: DeviceSummary): Promise<void> {
    await api(device.favorite ? 'DELETE' : 'PUT', `/devices/${device.id}/favorite`);
    await this.reload();
  }

  async bulk(request: BulkRequest): Promise<void> {
    const ids = [...this.selected];
    if (request.action === 'trash') {
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
    const result = await api<{ affected: string[] }>('POST', '/devices/bulk', { ids, ...request });
    toast(t('{count, plural, one {# device changed.} other {# devices changed.}}', { count: result.affected.length }));
    this.selected = new Set();
    await this.reload();
  }

  async bulkTag(action: 'addTag' | 'removeTag'): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#bulk-tag');
    if (!input) return;
    const tag = input.value.trim().toLowerCase();
    if (!tag) return focusControl(input);
    await this.bulk({ action, tag });
    input.value = '';
  }

  async restore(device: DeviceSummary): Promise<void> {
    await api('POST', `/devices/${device.id}/restore`);
    toast(t('{name} is back in the device list.', { name: device.name }));
    await this.reload();
  }

  async moveToTrash(device: DeviceSummary): Promise<void> {
    const ok = await confirmDestructive({
      title: t('Move to Trash'),
      message: t('Move {name} to Trash? Its agent is disconnected; you can restore it for 30 days.', {
        name: device.name,
      }),
      action: t('Move to Trash'),
    });
    if (!ok) return;
    await api('DELETE', `/devices/${device.id}`);
    await this.reload();
  }

  async deleteForGood(device: DeviceSummary): Promise<void> {
    const ok = await confirmDestructive({
      title: t('Delete for good'),
      message: t('Delete {name} for good? This cannot be undone.', { name: device.name }),
      action: t('Delete'),
    });
    if (!ok) return;
    await api('DELETE', `/devices/${device.id}?permanent=true`);
    await this.reload();
  }

  async emptyTrash(): Promise<void> {
    const ok = await confirmDestructive({
      title: t('Empty Trash'),
      message: t('Delete every device in Trash for good? This cannot be undone.'),
      action: t('Empty Trash'),
    });
    if (!ok) return;
    const { deleted } = await api<{ deleted: number }>('DELETE', '/devices/trash');
    toast(t('{count, plural, one {# device deleted.} other {# devices deleted.}}', { count: deleted }));
    await this.reload();
  }

  heading(): string {
    switch (this.scope.kind) {
      case 'trash':
        return t('Trash');
      case 'shared':
        return t('Shared with me');
      case 'group': {
        const { id } = this.scope;
        return this.groups.find((g) => g.id === id)?.name ?? t('Group');
      }
      default:
        return t('Devices');
    }
  }

  override render(): TemplateResult {
    const trash = this.trash;
    return html`<h1>${this.heading()} <span class="muted" data-testid="device-count">${devicesCount(this.total)}</span>
        ${this.renderGroupActions()}</h1>
      ${trash ? this.renderTrashBar() : this.renderToolbar()} ${renderFilters(this)}
      ${this.selected.size > 0 && !trash && can('device.manage') ? renderBulkBar(this) : nothing} ${this.renderBody()}
      ${this.nextCursor ? html`<div class="more"><wa-button appearance="outlined" @click=${this.more}>${t('Load more')}</wa-button></div>` : nothing}`;
  }

  /** In a group's view: rename it, or delete it and go back to all devices. */
  renderGroupActions() {
    const { scope } = this;
    const group = scope.kind === 'group' ? this.groups.find((g) => g.id === scope.id) : undefined;
    if (!group || !can('groups.manage')) return nothing;
    return html`<devices-group-actions .group=${group} @outpost-group-changed=${(e: HTMLElementEventMap['outpost-group-changed']) => (e.detail.change === 'deleted' ? navigate('/devices') : this.reload())}></devices-group-actions>`;
  }

  /** What other plugins add (creating invites, say), then the view switch and the export. */
  renderToolbar(): TemplateResult {
    return html`<outpost-extensions point="devices.list.actions" .context=${this.listActionsContext()}></outpost-extensions>
      <div class="toolbar">
        <wa-radio-group label=${t('View')} orientation="horizontal" .value=${this.view} @change=${(e: Event) => this.setView((e.target as HTMLInputElement).value as View)}>
          <wa-radio appearance="button" value="lines"><wa-icon slot="start" name="list"></wa-icon>${t('Lines')}</wa-radio>
          <wa-radio appearance="button" value="tiles" data-testid="tiles-view"><wa-icon slot="start" name="layout-grid"></wa-icon>${t('Tiles')}</wa-radio>
        </wa-radio-group>
        <wa-button appearance="outlined" href=${`/api/v1/devices/export.csv?${this.query()}`} download><wa-icon slot="start" name="download"></wa-icon>${t('Export CSV')}</wa-button>
        ${this.renderViewOptions()}
      </div>`;
  }

  /** Columns, density and saved filters, per user (`table.devices`). */
  renderViewOptions(): TemplateResult {
    const { q, ...rest } = this.filters;
    return html`<outpost-table-options
      key="devices"
      label=${t('Devices')}
      .columns=${deviceColumns()}
      .current=${{ search: q, filters: rest }}
      @outpost-table-view=${(e: CustomEvent<TableViewChange>) => {
        this.hiddenColumns = new Set(e.detail.hidden);
        this.density = e.detail.density;
      }}
      @outpost-table-filter=${(e: CustomEvent<TableFilterSet>) => this.applyFilters(e.detail)}
    ></outpost-table-options>`;
  }

  /** A saved filter: its search and filters replace the current ones. */
  applyFilters(saved: { search: string; filters: Record<string, string> }): void {
    const next: Filters = { ...defaultFilters, q: saved.search };
    for (const key of Object.keys(defaultFilters) as Array<keyof Filters>)
      if (key !== 'q' && typeof saved.filters[key] === 'string') next[key] = saved.filters[key]!;
    this.filters = next;
    void this.reload();
  }

  /** A new object only when the scope or the request for Pending Invites changes, so the elements do not reload for nothing. */
  private listActionsContext(): DevicesListActionsContext {
    const context = this.actionsContext;
    if (context?.scope !== this.scope || context.showInvites !== this.showInvites)
      this.actionsContext = { scope: this.scope, showInvites: this.showInvites };
    return this.actionsContext!;
  }

  renderTrashBar(): TemplateResult {
    return html`<div class="toolbar">
      <p class="muted">${t('Devices in Trash are deleted for good after 30 days. Their agents cannot connect.')}</p>
      ${can('device.manage') ? html`<wa-button variant="danger" ?disabled=${this.total === 0} @click=${this.emptyTrash}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Empty Trash')}</wa-button>` : nothing}
    </div>`;
  }

  renderBody() {
    if (this.loading && this.devices.length === 0)
      return html`<div class="loading" role="status" aria-label=${t('Loading…')}>${[1, 2, 3].map(() => html`<wa-skeleton effect="sheen"></wa-skeleton>`)}</div>`;
    if (this.devices.length === 0) return this.renderEmpty();
    const tiles = this.view === 'tiles' && !this.trash;
    return [...sectionsOf(this.devices, this.groupBy)].map(
      ([key, devices]) => html`${key ? html`<h2>${key} <span class="muted">(${devices.length})</span></h2>` : nothing}
      ${tiles ? renderTiles(devices) : renderLines(this, devices)}`,
    );
  }

  renderEmpty(): TemplateResult {
    if (this.trash) return html`<div class="empty"><p>${t('Trash is empty.')}</p></div>`;
    if (filtering(this.filters)) return html`<div class="empty"><p>${t('No device matches these filters.')}</p></div>`;
    if (this.scope.kind === 'group') {
      return html`<div class="empty"><p>${t('No devices in this group yet. Move a device here with "+ Add group" on its row, or select several and use "Move to group".')}</p></div>`;
    }
    return html`<div class="empty">
      <p><strong>${t('No devices yet.')}</strong></p>
      <p>${t('A device shows here once the Outpost agent runs on it and enrolls.')}</p>
    </div>`;
  }
}
customElements.define('devices-list', DevicesList);
