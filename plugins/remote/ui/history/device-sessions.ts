// <remote-device-sessions>, a panel on a device's page (the devices plugin's `devices.device.details`): how many
// remote sessions the device had and the latest ones (who, what, when, how long, how it ended), with the CSV.
import { LitElement, api, html, nothing, pageStyles, t, type TemplateResult } from '@outpost/ui-sdk';
import type { DeviceDetailsContext } from '@outpost/plugin-devices';
import type { SessionList } from '../api-types.js';
import { sessionTable } from './session-table.js';

export class RemoteDeviceSessions extends LitElement {
  static override properties = { context: { attribute: false }, list: { state: true } };
  static override styles = [pageStyles];

  /** The device, from its page. */
  declare context: DeviceDetailsContext | undefined;
  declare list: SessionList | null;
  private loadedFor?: string;

  constructor() {
    super();
    this.list = null;
  }

  override updated(): void {
    const id = this.context?.deviceId;
    if (id && id !== this.loadedFor) {
      this.loadedFor = id;
      void api<SessionList>('GET', `/remote/sessions?state=all&withTotal=true&limit=10&deviceId=${id}`).then(
        (list) => (this.list = list),
      );
    }
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.context || !this.list) return nothing;
    const { items, total } = this.list;
    return html`<section class="panel" aria-labelledby="remote-sessions" data-testid="remote-device-sessions">
      <h2 id="remote-sessions">${t('Remote sessions')}</h2>
      <p class="muted" data-testid="remote-session-count">${t('{count, plural, =0 {No remote sessions yet.} one {# remote session} other {# remote sessions}}', { count: total ?? items.length })}</p>
      ${
        items.length
          ? html`${sessionTable(items, { label: t('Session log'), ended: true })}
            <wa-button size="small" appearance="outlined" href=${`/api/v1/remote/sessions.csv?deviceId=${this.context.deviceId}`} download="remote-sessions.csv"><wa-icon slot="start" name="download"></wa-icon>${t('Export CSV')}</wa-button>`
          : html`<p class="muted">${t('Sessions opened with Web Connect, Terminal or Files are logged here.')}</p>`
      }
    </section>`;
  }
}
customElements.define('remote-device-sessions', RemoteDeviceSessions);

declare global {
  interface HTMLElementTagNameMap {
    'remote-device-sessions': RemoteDeviceSessions;
  }
}
