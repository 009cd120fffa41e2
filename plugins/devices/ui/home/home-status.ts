import { api, css, html, svg, t } from '@outpost/ui-sdk';
import type { DeviceStatus, Summary } from '../api-types.js';
import { devicesCount, sharedStyles, statusLabels } from '../shared.js';
import { LiveDevicesCard, cardStyles } from './live-card.js';

/** The statuses in the ring's order (each arc colored by its status's class, like the status dots). */
const statusOrder: DeviceStatus[] = ['online', 'not-installed', 'offline', 'limited', 'disabled'];

/** A ring cut into one arc per status, sized by its count. */
function donut(parts: Array<[DeviceStatus, number]>, total: number, label: string) {
  const radius = 40;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  const arcs = parts.map(([status, count]) => {
    const length = (count / total) * circumference;
    const arc = svg`<circle class=${`arc ${status}`} cx="50" cy="50" r=${radius} fill="none" stroke-width="14"
      stroke-dasharray=${`${length} ${circumference - length}`} stroke-dashoffset=${-offset} transform="rotate(-90 50 50)"></circle>`;
    offset += length;
    return arc;
  });
  return html`<svg viewBox="0 0 100 100" role="img" aria-label=${label}>
    <circle class="track" cx="50" cy="50" r=${radius} fill="none" stroke-width="14"></circle>
    ${arcs}
    <text class="total" x="50" y="48" text-anchor="middle" font-size="20" font-weight="700">${total}</text>
    <text class="unit" x="50" y="64" text-anchor="middle" font-size="9">${t('{count, plural, one {device} other {devices}}', { count: total })}</text>
  </svg>`;
}

/** Devices online and offline: a ring by status, the figures beside it, live (`core.home.widgets`). */
export class HomeStatus extends LiveDevicesCard {
  static override properties = { summary: { state: true } };
  static override styles = [
    sharedStyles,
    cardStyles,
    css`
      .figures { display: flex; gap: var(--wa-space-l); align-items: center; flex-wrap: wrap; }
      svg { width: calc(var(--wa-space-4xl) * 2.5); height: calc(var(--wa-space-4xl) * 2.5); flex: none; }
      .track { stroke: var(--wa-color-neutral-fill-quiet); }
      .arc { stroke: var(--wa-color-neutral-fill-loud); }
      .arc.online { stroke: var(--outpost-status-live); }
      .arc.not-installed { stroke: var(--outpost-status-pending); }
      .arc.limited { stroke: var(--wa-color-warning-fill-loud); }
      .arc.disabled { stroke: var(--wa-color-danger-fill-loud); }
      .total { fill: var(--wa-color-text-normal); }
      .unit { fill: var(--wa-color-text-quiet); }
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
    return html`<p class="headline" data-testid="devices-online"><strong>${online}</strong> ${t('online')} · <strong>${offline}</strong> ${t('offline')}</p>
      <div class="figures">
        ${donut(parts, total, `${devicesCount(total)}: ${summary}`)}
        <ul class="legend" aria-label=${t('Devices by status')}>
          ${parts.map(([status, count]) => html`<li><span class="status ${status}">${t(statusLabels[status])}</span> <strong>${count}</strong></li>`)}
        </ul>
      </div>`;
  }
}
customElements.define('devices-home-status', HomeStatus);
