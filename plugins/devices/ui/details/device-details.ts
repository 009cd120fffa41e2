import {
  ApiError,
  LitElement,
  api,
  can,
  confirmDestructive,
  css,
  html,
  nothing,
  stream,
  t,
  toast,
  type PropertyValues,
  type TemplateResult,
} from '@outpost/ui-sdk';
import type {
  DeviceActionsContext,
  DeviceDetails,
  DeviceDetailsContext,
  Group,
  Items,
  Operation,
  SessionEntry,
  TeamMember,
} from '../api-types.js';
import '../groups/group-picker.js';
import { failure, formText } from '../groups/groups.js';
import { type OperationResult, operationResultStyles, renderOperationResult } from '../operation-result.js';
import { navigate, sharedStyles, statusLabels } from '../shared.js';
import { record, renderSystemInfo, systemInfoStyles } from '../system-info.js';
import {
  renderConnection,
  renderDisks,
  renderFileSystems,
  renderGeneral,
  renderScreen,
  renderSessionLog,
} from './device-panels.js';

/**
 * One device's page (/devices/d/<id>, /devices/l/<permalink>): what it is, its screen and disks, operations,
 * settings, sharing, its session log, and what other plugins add at `devices.device.details`
 * (context: `DeviceDetailsContext`) and in its heading at `devices.device.actions` (`DeviceActionsContext`). Live: it loads again when an event names the device.
 */
export class DeviceDetailsPage extends LitElement {
  static override properties = {
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
  };
  static override styles = [
    sharedStyles,
    systemInfoStyles,
    operationResultStyles,
    css`
      .grid { grid-template-columns: repeat(auto-fit, minmax(min(100%, 36ch), 1fr)); }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--wa-space-3xs) var(--wa-space-m); margin: 0; }
      dt { color: var(--wa-color-text-quiet); font-size: var(--wa-font-size-s); }
      dd { margin: 0; overflow-wrap: anywhere; }
      h2 { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: center; }
      .shot img { max-width: 100%; border-radius: var(--wa-border-radius-m); display: block; }
      form.settings { display: grid; gap: var(--wa-space-xs); }
      form.settings fieldset { display: grid; gap: var(--wa-space-xs); border: 0; padding: 0; margin: 0; min-width: 0; }
      form.settings wa-input, form.settings wa-textarea { margin-block: 0; }
      pre { max-height: 50vh; white-space: pre; }
      .file-system { margin-bottom: var(--wa-space-xs); }
      form.operation { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: end; }
      form.operation wa-select { margin-block: 0; flex: 1 1 30ch; min-width: 0; }
    `,
  ];

  /** The device by id. */
  declare deviceId: string | undefined;
  /** Or by its readable link. */
  declare permalink: string | undefined;
  /** The signed-in user's id (a device is not shared with oneself). */
  declare me: string | undefined;
  declare device: DeviceDetails | null;
  declare sessions: SessionEntry[];
  declare operations: Operation[];
  declare groups: Group[];
  declare members: TeamMember[];
  declare result: OperationResult | null;
  declare running: boolean;
  declare missing: boolean;
  private unsubscribe?: () => void;
  private watchTimer?: ReturnType<typeof setInterval>;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private context?: DeviceDetailsContext;
  private actionsContext?: DeviceActionsContext;

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
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = stream.subscribe('devices.*', (event) => {
      const payload = record(event.payload);
      const id = this.device?.id;
      if (id && (payload.id === id || (Array.isArray(payload.ids) && payload.ids.includes(id)))) {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.load(), 200);
      }
    });
    this.watchTimer = setInterval(() => this.watch(), 45_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearInterval(this.watchTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('deviceId') || changed.has('permalink')) void this.load(true);
  }

  async load(first = false): Promise<void> {
    let device: DeviceDetails;
    try {
      device = this.permalink
        ? await api<DeviceDetails>('GET', `/devices/by-link/${encodeURIComponent(this.permalink)}`)
        : await api<DeviceDetails>('GET', `/devices/${this.deviceId}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.missing = true;
      else throw error;
      return;
    }
    this.device = device;
    this.sessions = (await api<Items<SessionEntry>>('GET', `/devices/${device.id}/sessions?limit=20`)).items;
    if (first) {
      if (location.hash === '#notes') void this.focusNotes();
      this.watch();
      this.operations = (await api<Items<Operation>>('GET', '/devices/operations')).items;
      await this.loadGroups();
      // Listing the team needs team.manage; without it, sharing shows who has the device only.
      this.members = can('team.manage') ? (await api<Items<TeamMember>>('GET', '/team')).items : [];
    }
  }

  /** Opened from a row's "Notes": the notes field, once drawn. */
  async focusNotes(): Promise<void> {
    await this.updateComplete;
    const notes = this.renderRoot.querySelector<HTMLElement>('wa-textarea[name=notes]');
    notes?.scrollIntoView({ block: 'center' });
    notes?.focus();
  }

  async loadGroups(): Promise<void> {
    this.groups = (await api<Items<Group>>('GET', '/devices/groups')).items;
  }

  /** Moved from its group picker (perhaps into a group made there): the device and the groups again. */
  async moved(): Promise<void> {
    await Promise.all([this.load(), this.loadGroups()]);
  }

  watch(): void {
    if (this.device && document.visibilityState !== 'hidden')
      void api('POST', '/devices/watch', { ids: [this.device.id] }).catch(() => undefined);
  }

  async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.device) return;
    const form = new FormData(event.target as HTMLFormElement);
    const tags = this.renderRoot.querySelector<HTMLElement & { tags: string[] }>('outpost-tag-input')?.tags;
    const body = {
      name: formText(form, 'name'),
      tags: tags ?? this.device.tags,
      notes: formText(form, 'notes'),
      notifyEmail: formText(form, 'notifyEmail') || null,
      sound: form.get('sound') === 'on',
      permalink: formText(form, 'permalink') || null,
      settings: {
        allowNonAdminSetup: form.get('allowNonAdminSetup') === 'on',
        autoAuthorization: form.get('autoAuthorization') === 'on',
      },
    };
    try {
      this.device = await api<DeviceDetails>('PATCH', `/devices/${this.device.id}`, body);
      toast(t('Saved.'));
    } catch (error) {
      toast(failure(error), 'error');
    }
  }

  async run(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.device) return;
    const name = formText(new FormData(event.target as HTMLFormElement), 'operation');
    this.running = true;
    this.result = null;
    try {
      this.result = await api<OperationResult>('POST', `/devices/${this.device.id}/operations`, { name, args: {} });
    } catch (error) {
      this.result = { name, error: failure(error) };
    } finally {
      this.running = false;
    }
  }

  async share(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const userId = formText(new FormData(event.target as HTMLFormElement), 'userId');
    if (!userId || !this.device) return;
    await api('POST', `/devices/${this.device.id}/shares`, { userId });
    await this.load();
  }

  async unshare(userId: string): Promise<void> {
    if (!this.device) return;
    await api('DELETE', `/devices/${this.device.id}/shares/${userId}`);
    await this.load();
  }

  async favorite(): Promise<void> {
    if (!this.device) return;
    await api(this.device.favorite ? 'DELETE' : 'PUT', `/devices/${this.device.id}/favorite`);
    await this.load();
  }

  async trash(): Promise<void> {
    if (!this.device) return;
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

  override render(): TemplateResult {
    if (this.missing)
      return html`<div class="empty"><p>${t('This device does not exist, or it is not in this tenant.')}</p><a href="/devices">${t('Back to devices')}</a></div>`;
    const d = this.device;
    if (!d) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    const info = record(d.systemInfo);
    return html`<p><a href="/devices">← ${t('Devices')}</a></p>
      ${this.renderHeading(d)}
      ${d.deletedAt ? html`<wa-callout variant="warning"><wa-icon slot="icon" name="trash-2"></wa-icon>${t('This device is in Trash.')}</wa-callout>` : nothing}
      <div class="grid">${renderGeneral(d, this.renderGroup(d))} ${renderConnection(d)} ${renderScreen(d)}</div>
      ${renderDisks(info)} ${this.renderOperations(d)}
      <section class="panel">
        <details>
          <summary><strong>${t('Detailed system information')}</strong></summary>
          ${d.systemInfo ? renderSystemInfo(info, renderFileSystems) : html`<p class="muted">${t('The agent sends it when it connects.')}</p>`}
        </details>
      </section>
      <div class="grid">${this.renderSettings(d)} ${this.renderSharing(d)}</div>
      <div class="grid"><outpost-extensions point="devices.device.details" .context=${this.extensionContext(d)}></outpost-extensions></div>
      ${renderSessionLog(d, this.sessions)}`;
  }

  renderHeading(d: DeviceDetails): TemplateResult {
    return html`<h1>
      ${d.name} <span class="status ${d.status}" data-testid="device-status">${t(statusLabels[d.status])}</span>
      <wa-button size="small" appearance=${d.favorite ? 'filled' : 'outlined'} variant=${d.favorite ? 'warning' : 'neutral'} @click=${this.favorite}>${d.favorite ? t('★ Favorite') : t('☆ Add to favorites')}</wa-button>
      ${d.deletedAt ? nothing : html`<outpost-extensions point="devices.device.actions" .context=${this.deviceActionsContext(d)}></outpost-extensions>`}
    </h1>`;
  }

  /** Web Connect, Wake: a new context only when the device's answer changes (its status, say). */
  deviceActionsContext(d: DeviceDetails): DeviceActionsContext {
    if (this.actionsContext?.device !== d) this.actionsContext = { device: d };
    return this.actionsContext;
  }

  /** The device's group: a picker for those who may move it (not from Trash), its name for the others. */
  renderGroup(d: DeviceDetails) {
    if (!can('device.manage') || d.deletedAt) return d.groupName ?? '—';
    return html`<devices-group-picker .device=${d} .groups=${this.groups} @outpost-device-moved=${this.moved}></devices-group-picker>`;
  }

  /** What other plugins' panels on this page get (a new object only when it changes, so they do not reload for nothing). */
  extensionContext(d: DeviceDetails): DeviceDetailsContext {
    if (this.context?.deviceId !== d.id || this.context.deviceName !== d.name)
      this.context = { deviceId: d.id, deviceName: d.name };
    return this.context;
  }

  /** The operations this user may run on the device; none offered without their permissions. */
  renderOperations(d: DeviceDetails) {
    const allowed = this.operations.filter((op) => can(op.permission));
    if (!allowed.length) return nothing;
    const result = this.result;
    return html`<section class="panel" aria-labelledby="operations">
      <h2 id="operations">${t('Run an operation')}</h2>
      <form class="operation" @submit=${this.run}>
        <wa-select name="operation" label=${t('Operation')} class="sr-label" .value=${allowed[0]!.name}>
          ${allowed.map((op) => html`<wa-option value=${op.name} title=${op.name}>${t(op.description)}</wa-option>`)}
        </wa-select>
        <wa-button type="submit" variant="brand" ?disabled=${d.status === 'offline'} ?loading=${this.running}><wa-icon slot="start" name="play"></wa-icon>${t('Run')}</wa-button>
      </form>
      ${
        result
          ? renderOperationResult(
              result,
              this.operations.find((op) => op.name === result.name),
            )
          : nothing
      }
    </section>`;
  }

  renderSettings(d: DeviceDetails): TemplateResult {
    const manage = can('device.manage');
    return html`<section class="panel" aria-labelledby="settings">
      <h2 id="settings">${t('Settings')}</h2>
      ${manage ? nothing : html`<p class="muted" data-testid="read-only">${t('Changing these needs the device.manage permission.')}</p>`}
      <form class="settings" @submit=${this.save}><fieldset ?disabled=${!manage}>
        <wa-input label=${t('Name')} name="name" required maxlength="200" .value=${d.name} ?disabled=${!manage}></wa-input>
        ${
          manage
            ? html`<label>${t('Tags')}<outpost-tag-input .tags=${d.tags}></outpost-tag-input></label>`
            : html`<div>${t('Tags')}: ${d.tags.map((tag) => html`<wa-tag size="small" pill>${tag}</wa-tag>`)}</div>`
        }
        <wa-textarea label=${t('Notes')} name="notes" maxlength="10000" .value=${d.notes} ?disabled=${!manage}></wa-textarea>
        <wa-input label=${t('Notification e-mail')} name="notifyEmail" type="email" .value=${d.notifyEmail ?? ''} ?disabled=${!manage}></wa-input>
        <wa-switch name="sound" ?checked=${d.sound} ?disabled=${!manage}>${t('Play a sound when it goes online or offline')}</wa-switch>
        <wa-input label=${t('Permalink')} name="permalink" pattern="[a-z0-9]+(-[a-z0-9]+)*" maxlength="100" placeholder="reception-pc" .value=${d.permalink ?? ''} ?disabled=${!manage}></wa-input>
        <wa-switch name="allowNonAdminSetup" ?checked=${d.settings.allowNonAdminSetup} ?disabled=${!manage}>${t('Allow agent set-up for non-administrators')}</wa-switch>
        <wa-switch name="autoAuthorization" ?checked=${d.settings.autoAuthorization} ?disabled=${!manage}>${t('Automated authorization & account locking')}</wa-switch>
        ${manage ? html`<div class="actions"><wa-button type="submit" variant="brand">${t('Save')}</wa-button> <wa-button variant="danger" appearance="outlined" @click=${this.trash}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Move to Trash')}</wa-button></div>` : nothing}
      </fieldset></form>
    </section>`;
  }

  renderSharing(d: DeviceDetails): TemplateResult {
    const manage = can('device.manage');
    return html`<section class="panel" aria-labelledby="sharing">
      <h2 id="sharing">${t('Sharing')}</h2>
      ${
        d.shares.length
          ? html`<ul class="plain">${d.shares.map((s) => html`<li><wa-icon name="user"></wa-icon> ${s.name || s.email} ${manage ? html`<wa-button size="small" appearance="outlined" @click=${() => this.unshare(s.userId)}>${t('Stop sharing')}</wa-button>` : nothing}</li>`)}</ul>`
          : html`<p class="muted">${t('Not shared with anyone.')}</p>`
      }
      ${this.members.length && manage ? this.renderShareForm(d) : nothing}
    </section>`;
  }

  /** The members the device can still be shared with, or a line saying there is nobody. */
  renderShareForm(d: DeviceDetails): TemplateResult {
    const candidates = this.members.filter((m) => m.userId !== this.me && !d.shares.some((s) => s.userId === m.userId));
    if (!candidates.length) return html`<p class="muted">${t('No other members to share with.')}</p>`;
    return html`<form class="operation" @submit=${this.share}>
      <wa-select name="userId" label=${t('Team member')} class="sr-label" .value=${candidates[0]!.userId}>
        ${candidates.map((m) => html`<wa-option value=${m.userId}>${m.name || m.email}</wa-option>`)}
      </wa-select>
      <wa-button type="submit" appearance="outlined"><wa-icon slot="start" name="share-2"></wa-icon>${t('Share')}</wa-button>
    </form>`;
  }
}
customElements.define('devices-details', DeviceDetailsPage);
