// <remote-quick-connect>, on the devices list (the devices plugin's `devices.list.actions` extension point): a field
// that takes a device's 9-digit ID and offers Web Connect, Terminal and Files for it, without adding it anywhere.
// IDs of other tenants' devices are unknown (the server answers 404).
import { ApiError, LitElement, api, css, html, nothing, pageStyles, t, type TemplateResult } from '@outpost/ui-sdk';
import type { DevicesListActionsContext } from '@outpost/plugin-devices';
import type { QuickConnectDevice } from '../api-types.js';

/** The pages that open a session with a device, by kind. */
export const sessionPaths = {
  web: (id: string) => `/remote/web/${encodeURIComponent(id)}`,
  terminal: (id: string) => `/remote/terminal/${encodeURIComponent(id)}`,
  files: (id: string) => `/remote/files/${encodeURIComponent(id)}`,
};

/** `123 456 789` or `123-456-789` as the 9 digits, or undefined. */
export function normalizeDeviceNumber(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits) ? digits : undefined;
}

const grouped = (number: string) => number.replace(/(\d{3})(?=\d)/g, '$1 ');

export class RemoteQuickConnect extends LitElement {
  static override properties = {
    context: { attribute: false },
    device: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  static override styles = [
    pageStyles,
    css`
      :host { display: block; }
      form.toolbar { margin-bottom: var(--wa-space-s); }
      form.toolbar wa-input { min-width: min(20ch, 100%); }
      .found { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs) var(--wa-space-m); align-items: center; margin-bottom: var(--wa-space-m); }
      .found strong { overflow-wrap: anywhere; }
    `,
  ];

  /** From the devices list: its scope (nothing is offered in Trash). */
  declare context: DevicesListActionsContext | undefined;
  /** The device the ID found. */
  declare device: QuickConnectDevice | null;
  /** Why nothing was found. */
  declare problem: string;
  declare busy: boolean;

  constructor() {
    super();
    this.device = null;
    this.problem = '';
    this.busy = false;
  }

  async find(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('number');
    const typed = typeof value === 'string' ? value.trim() : '';
    const number = normalizeDeviceNumber(typed);
    this.device = null;
    if (!number) {
      this.problem = t('A device ID has 9 digits.');
      return;
    }
    this.busy = true;
    try {
      this.device = await api<QuickConnectDevice>('GET', `/remote/quick-connect/${number}`);
      this.problem = '';
    } catch (error) {
      this.problem =
        error instanceof ApiError && error.status === 404
          ? t('No device of yours has the ID {number}. Check the digits with the person at the device.', {
              number: grouped(number),
            })
          : t('The device could not be looked up: {reason}', { reason: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult | typeof nothing {
    if (this.context?.scope.kind === 'trash') return nothing;
    return html`<form class="toolbar" @submit=${this.find} aria-label=${t('Quick Connect')}>
        <wa-input name="number" label=${t('Quick Connect')} placeholder=${t('9-digit device ID')} inputmode="numeric" autocomplete="off" maxlength="15" hint=${t('Connect to a device by its ID without adding it to the list.')}></wa-input>
        <wa-button type="submit" ?loading=${this.busy} data-testid="quick-connect-find"><wa-icon slot="start" name="search"></wa-icon>${t('Find')}</wa-button>
      </form>
      ${this.problem ? html`<p class="error" role="alert" data-testid="quick-connect-problem">${this.problem}</p>` : nothing}
      ${this.device ? this.renderDevice(this.device) : nothing}`;
  }

  renderDevice(device: QuickConnectDevice): TemplateResult {
    const connected = device.status === 'online' || device.status === 'not-installed';
    return html`<div class="found" data-testid="quick-connect-device">
      <span><strong>${device.name}</strong> <span class="muted">${grouped(device.shortId)}</span></span>
      ${
        connected
          ? html`<span class="actions">
            <wa-button size="small" variant="brand" href=${sessionPaths.web(device.id)} data-testid="quick-connect-web"><wa-icon slot="start" name="globe"></wa-icon>${t('Web')}</wa-button>
            <wa-button size="small" appearance="outlined" href=${sessionPaths.terminal(device.id)} data-testid="quick-connect-terminal"><wa-icon slot="start" name="square-terminal"></wa-icon>${t('Terminal')}</wa-button>
            <wa-button size="small" appearance="outlined" href=${sessionPaths.files(device.id)} data-testid="quick-connect-files"><wa-icon slot="start" name="folder"></wa-icon>${t('Files')}</wa-button>
          </span>`
          : html`<span class="muted">${t('{name} is offline: it can be reached when its agent connects again.', { name: device.name })}</span>`
      }
      <wa-button size="small" appearance="plain" @click=${() => (this.device = null)}>${t('Close')}</wa-button>
    </div>`;
  }
}
customElements.define('remote-quick-connect', RemoteQuickConnect);

declare global {
  interface HTMLElementTagNameMap {
    'remote-quick-connect': RemoteQuickConnect;
  }
}
