// What the devices plugin adds to the web app's home page (the core's `core.home.*`
// extension points): devices online and offline with a chart, recent device activity,
// and the quick action to add a device. Counts follow the live stream.
const { LitElement, html, css, svg, nothing, pageStyles, api, t, can, stream, formatDateTime } = window.Outpost;
import { deviceLink, devicesCount, statusLabels, sharedStyles } from './shared.js';

const statusColors = {
  online: '#16a34a',
  'not-installed': '#f59e0b',
  offline: '#94a3b8',
  limited: '#f97316',
  disabled: '#dc2626',
};

const cardStyles = css`
  .panel { margin: 0; height: 100%; box-sizing: border-box; }
  h2 { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; flex-wrap: wrap; }
  h2 a { font-size: 0.85rem; font-weight: normal; color: #1d4ed8; }
  a.button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
`;

/** A home card that loads its figures, and loads them again (at most every 300 ms) when a device comes, goes, enrolls or changes. */
class LiveDevicesCard extends LitElement {
  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('devices.device.*', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.load(), 300);
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.unsubscribe?.();
  }
}

/** A ring cut into one arc per status, sized by its count. */
function donut(parts, total, label) {
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

/** Devices online and offline: a ring by status, the figures beside it, live. */
class HomeStatus extends LiveDevicesCard {
  static properties = { summary: { state: true } };
  static styles = [
    pageStyles,
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

  constructor() {
    super();
    this.summary = null;
  }

  async load() {
    this.summary = await api('GET', '/devices/summary');
  }

  render() {
    return html`<section class="panel" aria-labelledby="devices-status" data-testid="home-devices">
      <h2 id="devices-status">${t('Devices')} <a href="/devices">${t('All devices')}</a></h2>
      ${this.summary ? this.renderFigures(this.summary) : html`<p class="muted">${t('Loading…')}</p>`}
    </section>`;
  }

  renderFigures({ total, statuses }) {
    if (!total) {
      return html`<p>${t('No devices yet.')}</p>
        <p class="muted">${t('Create an invite, then run the Outpost agent with its code on each machine you want to manage.')}</p>
        ${can('device.manage') ? html`<a class="button primary" href="/devices/invites">+ ${t('Add a device')}</a>` : nothing}`;
    }
    const parts = Object.keys(statusColors)
      .map((status) => [status, statuses[status] ?? 0])
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

/** The devices seen most recently: online now, or when they were last there. */
class HomeActivity extends LiveDevicesCard {
  static properties = { devices: { state: true } };
  static styles = [
    pageStyles,
    sharedStyles,
    cardStyles,
    css`
      li a { color: #1d4ed8; font-weight: 600; text-decoration: none; overflow-wrap: anywhere; }
      li .muted { margin-left: auto; }
    `,
  ];

  constructor() {
    super();
    this.devices = null;
  }

  async load() {
    this.devices = (await api('GET', '/devices?sort=lastSeen&order=desc&limit=6')).items;
  }

  render() {
    if (this.devices && !this.devices.length) return nothing;
    return html`<section class="panel" aria-labelledby="devices-activity">
      <h2 id="devices-activity">${t('Recent device activity')}</h2>
      ${
        this.devices
          ? html`<ul class="plain">
            ${this.devices.map(
              (d) => html`<li>
                <span class="status ${d.status}" title=${t(statusLabels[d.status])}><span class="sr-only">${t(statusLabels[d.status])}</span></span>
                <a href=${deviceLink(d)}>${d.name}</a>
                <span class="muted">${d.status === 'online' || d.status === 'not-installed' ? t('online now') : t('last seen {time}', { time: formatDateTime(d.lastSeenAt) })}</span>
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('Loading…')}</p>`
      }
    </section>`;
  }
}
customElements.define('devices-home-activity', HomeActivity);

/** Quick action: add a device (the invite form on the Devices page). */
class HomeActions extends LitElement {
  static styles = [pageStyles, css`:host { display: contents; }`];

  render() {
    return can('device.manage') ? html`<a class="button" href="/devices/invites">+ ${t('Add a device')}</a>` : nothing;
  }
}
customElements.define('devices-home-actions', HomeActions);
