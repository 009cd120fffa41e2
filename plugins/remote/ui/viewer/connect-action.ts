// Web Connect's buttons on the devices pages: a globe on each row of the devices list (`devices.row.actions`,
// also what tapping a device's card does on a phone) and a button in a device page's heading
// (`devices.device.actions`). Offered for devices whose agent is connected, to users holding device.connect.
import { LitElement, css, html, nothing, t, type TemplateResult } from '@outpost/ui-sdk';
import type { DeviceActionsContext } from '@outpost/plugin-devices';

/** The viewer's address for a device. */
export function webConnectPath(deviceId: string): string {
  return `/remote/web/${encodeURIComponent(deviceId)}`;
}

/** Whether the server will open a session: the device is online (an agent not installed as a service is not). */
function reachable(context: DeviceActionsContext | undefined): boolean {
  return context?.device.status === 'online';
}

function open(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

class ConnectAction extends LitElement {
  static override properties = { context: { attribute: false } };
  static override styles = css`
    :host { display: contents; }
  `;
  /** The device, from the devices page. */
  declare context: DeviceActionsContext | undefined;
}

/** `<remote-row-connect>`: the globe on a device's row. */
export class RemoteRowConnect extends ConnectAction {
  /** A tap on the device's card on a phone connects, when it can. */
  tap(): boolean {
    if (!this.context || !reachable(this.context)) return false;
    open(webConnectPath(this.context.device.id));
    return true;
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.context || !reachable(this.context)) return nothing;
    const { device } = this.context;
    return html`<wa-button size="small" appearance="plain" href=${webConnectPath(device.id)} data-testid="web-connect"><wa-icon name="globe" label=${t('Web Connect to {name}', { name: device.name })}></wa-icon></wa-button>`;
  }
}
customElements.define('remote-row-connect', RemoteRowConnect);

/** `<remote-device-connect>`: Web Connect in a device page's heading. */
export class RemoteDeviceConnect extends ConnectAction {
  override render(): TemplateResult | typeof nothing {
    if (!this.context || !reachable(this.context)) return nothing;
    return html`<wa-button size="small" variant="brand" href=${webConnectPath(this.context.device.id)} data-testid="web-connect"><wa-icon slot="start" name="globe"></wa-icon>${t('Web Connect')}</wa-button>`;
  }
}
customElements.define('remote-device-connect', RemoteDeviceConnect);
