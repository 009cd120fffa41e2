import { api, css, html, svg, t } from '@outpost/ui-sdk';
import type { DeviceStatus, Summary } from '../api-types.js';
import { devicesCount, sharedStyles, statusLabels } from '../shared.js';
import { LiveDevicesCard, cardStyles } from './live-card.js';

const statusColors: Record<DeviceStatus, string> = {
  online: '#16a34a',
  'not-installed': '#f59e0b',
  offline: '#94a3b8',
  limited: '#f97316',
  disabled: '#dc2626',
};

/** A ring cut into one arc per status, sized by its count. */
function donut(parts: Array<[DeviceStatus, number]>, total: number, label: string) {
  const radius = 40;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  const arcs = parts.map(([status, count]) => {
    const length = (count / total) * circumference;
    const arc = svg`<circle cx="50" cy="50" r=${radius} fill="none" stroke=${statusColors[status]} stroke-width="14"
      stroke-dasharray=${`${length} ${circumference - length}`} stroke-dashoffset=${-offset} transform="rotate(-90 50 50)"></circle>`;
    offset += length;
    return arc;
  });
  return html`<svg viewBox="0 0 100 100" role="img" aria-label=${label}>
    <circle cx="50" cy="50" r=${radius} fill="none" stroke="#e2e8f0" stroke-width="14"></circle>
    ${arcs}
    <text x="50" y="48" text-anchor="middle" font-size="20" font-weight="700" fill="#0f172a">${total}</text>
    <text x="50" y="64" text-anchor="middle" font-size="9" fill="#475569">${t('{count, plural, one {device} other {devices}}', { count: total })}</text>
  </svg>`;
}

/** Devices online and offline: a ring by status, the figures beside it, live (`core.home.widgets`). */
export class HomeStatus extends LiveDevicesCard {
  static override properties = { summary: { state: true } };
  static override styles = [
    sharedStyles,
    cardStyles,
    css`
      .figures { display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
      svg { width: 8rem; height: 8rem; flex: none; }
      ul.legend { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.3rem; }
      .headline { font-size: 1.1rem; margin: 0 0 0.5rem; }
      .headline strong { font-size: 1.6rem; }
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
      ${this.summary ? this.renderFigures(this.summary) : html`<p class="muted">${t('Loading…')}</p>`}
    </section>`;
  }

  renderFigures({ total, statuses }: Summary) {
    if (!total) {
      return html`<p>${t('No devices yet.')}</p>
        <p class="muted">${t('A device shows here once the Outpost agent runs on it and enrolls.')}</p>`;
    }
    const parts = (Object.keys(statusColors) as DeviceStatus[])
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
