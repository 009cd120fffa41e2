// <invites-deployments>, /deployments: planned rollouts with a code each, their progress live as devices enroll.
import {
  LitElement,
  api,
  can,
  confirmDestructive,
  css,
  formatDateTime,
  html,
  nothing,
  stream,
  t,
  toast,
} from '@outpost/ui-sdk';
import type { Deployment, DeviceGroup } from './api-types.js';
import { pageStyles } from './shared.js';

const statusLabels: Record<Deployment['status'], string> = {
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
};

export class Deployments extends LitElement {
  static override properties = { deployments: { state: true }, groups: { state: true }, loaded: { state: true } };

  static override styles = [
    pageStyles,
    css`
      .deployment h2 { font-size: 1.1rem; margin: 0 0 0.25rem; display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }
      .badge { font-size: 0.75rem; border-radius: 999px; padding: 0.1rem 0.6rem; background: #dcfce7; color: #166534; }
      .badge.paused { background: #fef3c7; color: #92400e; }
      .badge.completed { background: #e2e8f0; color: #334155; }
    `,
  ];

  declare deployments: Deployment[];
  declare groups: DeviceGroup[];
  declare loaded: boolean;
  private unsubscribe?: () => void;
  private timer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.deployments = [];
    this.groups = [];
    this.loaded = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    // Progress is live: every enrolled or removed device may move a deployment's count.
    this.unsubscribe = stream.subscribe('devices.device.*', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.load(), 500);
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  async load() {
    const [deployments, groups] = await Promise.all([
      api<{ items: Deployment[] }>('GET', '/invites/deployments'),
      api<{ items: DeviceGroup[] }>('GET', '/devices/groups'),
    ]);
    this.deployments = deployments.items;
    this.groups = groups.items;
    this.loaded = true;
  }

  async create(event: SubmitEvent) {
    event.preventDefault();
    // Read the form now: once the event is dispatched, its target is gone (shadow DOM).
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    await api<Deployment>('POST', '/invites/deployments', {
      name: form.get('name'),
      groupId: form.get('groupId') || null,
      expectedCount: Number(form.get('expectedCount')),
      ssoCode: form.get('ssoCode') || null,
    });
    element.reset();
    toast(t('Deployment created.'));
    await this.load();
  }

  async setStatus(deployment: Deployment, status: Deployment['status']) {
    await api<Deployment>('PATCH', `/invites/deployments/${deployment.id}`, { status });
    await this.load();
  }

  async deleteDeployment(deployment: Deployment) {
    const ok = await confirmDestructive({
      title: t('Delete deployment'),
      message: t('Delete {name}? Its code stops working; enrolled devices stay.', { name: deployment.name }),
      action: t('Delete'),
    });
    if (!ok) return;
    await api('DELETE', `/invites/deployments/${deployment.id}`);
    await this.load();
  }

  override render() {
    return html`<h1>${t('Deployments')}</h1>
      ${
        can('device.manage')
          ? nothing
          : html`<p class="muted" data-testid="read-only">${t('Planning or changing a deployment needs the device.manage permission.')}</p>`
      }
      ${this.renderNewDeployment()}
      ${
        this.loaded && this.deployments.length === 0
          ? html`<div class="empty"><p>${t('No deployments yet. Plan a rollout above, then run the agent with its code on each machine.')}</p></div>`
          : this.deployments.map((d) => this.renderDeployment(d))
      }`;
  }

  renderNewDeployment() {
    return html`<section class="panel" aria-label=${t('New deployment')} ?hidden=${!can('device.manage')}>
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
    </section>`;
  }

  renderDeployment(d: Deployment) {
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

  renderDeploymentActions(d: Deployment) {
    return html`${d.status === 'active' ? html`<button @click=${() => this.setStatus(d, 'paused')}>${t('Pause')}</button>` : nothing}
      ${d.status !== 'active' ? html`<button @click=${() => this.setStatus(d, 'active')}>${t('Resume')}</button>` : nothing}
      ${d.status !== 'completed' ? html`<button @click=${() => this.setStatus(d, 'completed')}>${t('Mark completed')}</button>` : nothing}
      <button class="danger" @click=${() => this.deleteDeployment(d)}>${t('Delete')}</button>`;
  }
}
customElements.define('invites-deployments', Deployments);

declare global {
  interface HTMLElementTagNameMap {
    'invites-deployments': Deployments;
  }
}
