// Wake on the devices pages: for an offline device whose MAC is known, `Wake` takes Web Connect's place on its row
// (`devices.row.actions`, also what tapping its card does on a phone) and in its page's heading
// (`devices.device.actions`). The answer names the device that sent the Wake-on-LAN packet, or says why none could.
import { ApiError, LitElement, api, css, html, nothing, t, toast, type TemplateResult } from '@outpost/ui-sdk';
import type { DeviceActionsContext } from '@outpost/plugin-devices';
import type { WakeAnswer } from '../api-types.js';

/** Whether Wake applies: the agent is not connected, and it reported a MAC address. */
function wakeable(context: DeviceActionsContext | undefined): boolean {
  return context?.device.status === 'offline' && context.device.macKnown;
}

/** What the server's refusal means, in the user's language. */
function refusal(error: unknown, name: string): string {
  if (!(error instanceof ApiError)) return t('Wake-on-LAN failed: {reason}', { reason: String(error) });
  switch (error.slug) {
    case 'wake-no-relay':
      return t(
        'No online device is on the network of {name} (the same public address or a shared IPv4 subnet), so none can send the Wake-on-LAN packet. Bring a device of that network online and try again.',
        { name },
      );
    case 'wake-no-mac':
      return t('No MAC address is known for {name}, so it cannot be woken.', { name });
    case 'device-online':
      return t('{name} is online: connect to it instead.', { name });
    case 'wake-relay-failed':
      return t('No device on the network of {name} could send the Wake-on-LAN packet: {reason}', {
        name,
        reason: error.message,
      });
    default:
      return t('Wake-on-LAN failed: {reason}', { reason: error.message });
  }
}

class WakeAction extends LitElement {
  static override properties = { context: { attribute: false }, busy: { state: true } };
  static override styles = css`
    :host { display: contents; }
  `;
  /** The device, from the devices page. */
  declare context: DeviceActionsContext | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  /** Asks the server to wake the device; says which device relayed the packet, or why none could. */
  async wake(): Promise<void> {
    if (!this.context || this.busy) return;
    const { id, name } = this.context.device;
    this.busy = true;
    try {
      const answer = await api<WakeAnswer>('POST', `/remote/devices/${encodeURIComponent(id)}/wake`);
      toast(
        t('Wake-on-LAN packet for {name} sent by {relay}. The device shows as online once its agent connects.', {
          name,
          relay: answer.relay.name,
        }),
      );
    } catch (error) {
      toast(refusal(error, name), 'error');
    } finally {
      this.busy = false;
    }
  }
}

/** `<remote-row-wake>`: Wake on an offline device's row. */
export class RemoteRowWake extends WakeAction {
  /** A tap on an offline device's card on a phone wakes it, when it can. */
  tap(): boolean {
    if (!wakeable(this.context)) return false;
    void this.wake();
    return true;
  }

  override render(): TemplateResult | typeof nothing {
    if (!wakeable(this.context)) return nothing;
    return html`<wa-button size="small" appearance="outlined" ?loading=${this.busy} @click=${this.wake} data-testid="wake"><wa-icon slot="start" name="power"></wa-icon>${t('Wake')}</wa-button>`;
  }
}
customElements.define('remote-row-wake', RemoteRowWake);

/** `<remote-device-wake>`: Wake in an offline device's page heading. */
export class RemoteDeviceWake extends WakeAction {
  override render(): TemplateResult | typeof nothing {
    if (!wakeable(this.context)) return nothing;
    return html`<wa-button size="small" variant="brand" ?loading=${this.busy} @click=${this.wake} data-testid="wake"><wa-icon slot="start" name="power"></wa-icon>${t('Wake')}</wa-button>`;
  }
}
customElements.define('remote-device-wake', RemoteDeviceWake);

declare global {
  interface HTMLElementTagNameMap {
    'remote-row-wake': RemoteRowWake;
    'remote-device-wake': RemoteDeviceWake;
  }
}
