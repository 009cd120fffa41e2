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
 * (context: `DeviceDetailsContext`). Live: it loads again when an event names the device.
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
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: 1rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
      dt { color: #64748b; font-size: 0.85rem; }
      dd { margin: 0; overflow-wrap: anywhere; }
      h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
      .shot img { max-width: 100%; border-radius: 8px; display: block; }
      form.settings { display: grid; gap: 0.6rem; }
      form.settings label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      form.settings label.check { display: flex; flex-direction: row; gap: 0.5rem; align-items: center; }
      form.settings fieldset { display: grid; gap: 0.6rem; border: 0; padding: 0; margin: 0; min-width: 0; }
      pre { background: #0f172a; color: #e2e8f0; padding: 0.75rem; border-radius: 8px; overflow: auto; max-height: 24rem; font-size: 0.8rem; }
      h2 .button { font-size: 0.9rem; font-weight: normal; }
      .file-system { margin-bottom: 0.5rem; }
      h1 .star { font-size: 0.9rem; }
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
      this.watch();
      this.operations = (await api<Items<Operation>>('GET', '/devices/operations')).items;
      await this.loadGroups();
      // Listing the team needs team.manage; without it, sharing shows who has the device only.
      this.members = can('team.manage') ? (await api<Items<TeamMember>>('GET', '/team')).items : [];
    }
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
    if (!d) return html`<p>${t('Loading…')}</p>`;
    const info = record(d.systemInfo);
    return html`<p><a href="/devices">← ${t('Devices')}</a></p>
      ${this.renderHeading(d)}
      ${d.deletedAt ? html`<p class="panel">${t('This device is in Trash.')}</p>` : nothing}
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
      <button class="star" aria-pressed=${d.favorite} @click=${this.favorite}>${d.favorite ? t('★ Favorite') : t('☆ Add to favorites')}</button>
    </h1>`;
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
      <form @submit=${this.run}>
        <select name="operation" aria-label=${t('Operation')}>
          ${allowed.map((op) => html`<option value=${op.name} title=${op.name}>${op.description}</option>`)}
        </select>
        <button class="primary" ?disabled=${this.running || d.status === 'offline'}>${this.running ? t('Running…') : t('Run')}</button>
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
    </section>`;
  }

  renderSharing(d: DeviceDetails): TemplateResult {
    const manage = can('device.manage');
    return html`<section class="panel" aria-labelledby="sharing">
      <h2 id="sharing">${t('Sharing')}</h2>
      ${
        d.shares.length
          ? html`<ul>${d.shares.map((s) => html`<li>${s.name || s.email} ${manage ? html`<button @click=${() => this.unshare(s.userId)}>${t('Stop sharing')}</button>` : nothing}</li>`)}</ul>`
          : html`<p class="muted">${t('Not shared with anyone.')}</p>`
      }
      ${this.members.length && manage ? this.renderShareForm(d) : nothing}
    </section>`;
  }

  /** The members the device can still be shared with, or a line saying there is nobody. */
  renderShareForm(d: DeviceDetails): TemplateResult {
    const candidates = this.members.filter((m) => m.userId !== this.me && !d.shares.some((s) => s.userId === m.userId));
    if (!candidates.length) return html`<p class="muted">${t('No other members to share with.')}</p>`;
    return html`<form @submit=${this.share}>
      <select name="userId" aria-label=${t('Team member')}>
        ${candidates.map((m) => html`<option value=${m.userId}>${m.name || m.email}</option>`)}
      </select>
      <button>${t('Share')}</button>
    </form>`;
  }
}
customElements.define('devices-details', DeviceDetailsPage);
