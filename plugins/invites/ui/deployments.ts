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

/** The target group's choice of none (an option's value cannot be empty). */
const noGroup = 'none';

const statusVariants: Record<Deployment['status'], string> = {
  active: 'success',
  paused: 'warning',
  completed: 'neutral',
};

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
      .deployment h2 { margin: 0 0 var(--wa-space-2xs); display: flex; gap: var(--wa-space-s); align-items: center; flex-wrap: wrap; }
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
      groupId: form.get('groupId') === noGroup ? null : form.get('groupId') || null,
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
        <wa-input label=${t('Name')} name="name" required maxlength="100" placeholder=${t('Q1 2026 - Engineering Floor 3')}></wa-input>
        <wa-select label=${t('Target group')} name="groupId" value=${noGroup}>
          <wa-option value=${noGroup}>${t('No group')}</wa-option>
          ${this.groups.map((g) => html`<wa-option value=${g.id}>${g.name}</wa-option>`)}
        </wa-select>
        <wa-input label=${t('Expected devices')} name="expectedCount" type="number" min="1" max="1000000" required value="10"></wa-input>
        <wa-input label=${t('SSO invite code (optional)')} name="ssoCode" maxlength="64"></wa-input>
        <wa-button type="submit" variant="brand"><wa-icon slot="start" name="rocket"></wa-icon>${t('New deployment')}</wa-button>
      </form>
    </section>`;
  }

  renderDeployment(d: Deployment) {
    const group = this.groups.find((g) => g.id === d.groupId)?.name;
    return html`<section class="panel deployment" aria-label=${d.name} data-deployment=${d.id}>
      <h2>${d.name} <wa-badge variant=${statusVariants[d.status]} pill>${t(statusLabels[d.status])}</wa-badge></h2>
      <outpost-meter kind="progress" .value=${d.registeredCount} .max=${d.expectedCount} label=${t('Progress')}></outpost-meter>
      <p data-testid="progress">${t('{registered} of {expected, plural, one {# device} other {# devices}} registered', { registered: d.registeredCount, expected: d.expectedCount })}</p>
      <p class="muted">
        ${d.displayCode ? html`${t('Code')}: <code>${d.displayCode}</code> <wa-copy-button value=${d.displayCode} copy-label=${t('Copy code')}></wa-copy-button> · ` : nothing}${t('Group')}: ${group ?? t('none')} ${d.ssoCode ? html`· ${t('SSO code')}: ${d.ssoCode}` : nothing} · ${t('Created')}
        ${formatDateTime(d.createdAt)}
      </p>
      ${can('device.manage') ? this.renderDeploymentActions(d) : nothing}
    </section>`;
  }

  renderDeploymentActions(d: Deployment) {
    return html`<div class="actions">
      ${d.status === 'active' ? html`<wa-button size="small" appearance="outlined" @click=${() => this.setStatus(d, 'paused')}><wa-icon slot="start" name="pause"></wa-icon>${t('Pause')}</wa-button>` : nothing}
      ${d.status !== 'active' ? html`<wa-button size="small" appearance="outlined" @click=${() => this.setStatus(d, 'active')}><wa-icon slot="start" name="play"></wa-icon>${t('Resume')}</wa-button>` : nothing}
      ${d.status !== 'completed' ? html`<wa-button size="small" appearance="outlined" @click=${() => this.setStatus(d, 'completed')}><wa-icon slot="start" name="check"></wa-icon>${t('Mark completed')}</wa-button>` : nothing}
      <wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.deleteDeployment(d)}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Delete')}</wa-button>
    </div>`;
  }
}
customElements.define('invites-deployments', Deployments);

declare global {
  interface HTMLElementTagNameMap {
    'invites-deployments': Deployments;
  }
}
