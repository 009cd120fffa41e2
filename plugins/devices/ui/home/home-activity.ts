import { api, css, formatDateTime, html, nothing, t } from '@outpost/ui-sdk';
import type { DevicePage, DeviceSummary } from '../api-types.js';
import { deviceLink, sharedStyles, statusLabels } from '../shared.js';
import { LiveDevicesCard, cardStyles } from './live-card.js';

/** The devices seen most recently: online now, or when they were last there (`core.home.widgets`). */
export class HomeActivity extends LiveDevicesCard {
  static override properties = { devices: { state: true } };
  static override styles = [
    sharedStyles,
    cardStyles,
    css`
      li a { font-weight: var(--wa-font-weight-semibold); text-decoration: none; overflow-wrap: anywhere; }
      li .muted { margin-left: auto; }
    `,
  ];
  declare devices: DeviceSummary[] | null;

  constructor() {
    super();
    this.devices = null;
  }

  async load(): Promise<void> {
    this.devices = (await api<DevicePage>('GET', '/devices?sort=lastSeen&order=desc&limit=6')).items;
  }

  override render() {
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
