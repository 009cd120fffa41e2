import { api, css, formatNumber, html, loadComponents, t } from '@outpost/ui-sdk';
import type { DeviceStatus, Summary } from '../api-types.js';
import { devicesCount, sharedStyles, statusLabels } from '../shared.js';
import { LiveDevicesCard, cardStyles } from './live-card.js';

/** The statuses in the legend's order. */
const statusOrder: DeviceStatus[] = ['online', 'not-installed', 'offline', 'limited', 'disabled'];

/** Devices online and offline: a ring filled by the share online, the figures by status beside it, live (`core.home.widgets`). */
export class HomeStatus extends LiveDevicesCard {
  static override properties = { summary: { state: true } };
  static override styles = [
    sharedStyles,
    cardStyles,
    css`
      .figures { display: flex; gap: var(--wa-space-l); align-items: center; flex-wrap: wrap; }
      wa-progress-ring { --size: calc(var(--wa-space-4xl) * 2.5); --track-width: var(--wa-space-s); --indicator-color: var(--outpost-status-live); --track-color: var(--wa-color-neutral-fill-quiet); flex: none; }
      wa-progress-ring::part(label) { display: flex; flex-direction: column; align-items: center; line-height: var(--wa-line-height-condensed); }
      .share { font-size: var(--wa-font-size-xl); font-weight: var(--wa-font-weight-bold); color: var(--wa-color-text-normal); }
      .unit { font-size: var(--wa-font-size-xs); color: var(--wa-color-text-quiet); }
      ul.legend { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--wa-space-2xs); }
      .headline { font-size: var(--wa-font-size-l); margin: 0 0 var(--wa-space-xs); }
      .headline strong { font-size: var(--wa-font-size-2xl); }
    `,
  ];
  declare summary: Summary | null;

  constructor() {
    super();
    this.summary = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadComponents('progress-ring');
  }

  async load(): Promise<void> {
    this.summary = await api<Summary>('GET', '/devices/summary');
  }

  override render() {
    return html`<section class="panel" aria-labelledby="devices-status" data-testid="home-devices">
      <h2 id="devices-status">${t('Devices')} <a href="/devices">${t('All devices')}</a></h2>
      ${this.summary ? this.renderFigures(this.summary) : html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`}
    </section>`;
  }

  renderFigures({ total, statuses }: Summary) {
    if (!total) {
      return html`<p>${t('No devices yet.')}</p>
        <p class="muted">${t('A device shows here once the Outpost agent runs on it and enrolls.')}</p>`;
    }
    const parts = statusOrder
      .map((status): [DeviceStatus, number] => [status, statuses[status] ?? 0])
      .filter(([, count]) => count > 0);
    const online = (statuses.online ?? 0) + (statuses['not-installed'] ?? 0);
    const offline = total - online;
    const summary = t('{online} online, {offline} offline', { online, offline });
    const share = online / total;
    return html`<p class="headline" data-testid="devices-online"><strong>${online}</strong> ${t('online')} · <strong>${offline}</strong> ${t('offline')}</p>
      <div class="figures">
        <wa-progress-ring value=${Math.round(share * 100)} label=${`${devicesCount(total)}: ${summary}`} data-testid="devices-ring"
          ><span class="share">${formatNumber(share, { style: 'percent', maximumFractionDigits: 0 })}</span><span class="unit">${t('online')}</span></wa-progress-ring
        >
        <ul class="legend" aria-label=${t('Devices by status')}>
          ${parts.map(([status, count]) => html`<li><span class="status ${status}">${t(statusLabels[status])}</span> <strong>${count}</strong></li>`)}
        </ul>
      </div>`;
  }
}
customElements.define('devices-home-status', HomeStatus);
