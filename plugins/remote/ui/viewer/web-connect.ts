import RFB from '@novnc/novnc';
import {
  ApiError,
  LitElement,
  api,
  copyText,
  html,
  nothing,
  styleMap,
  t,
  toast,
  type PropertyValues,
  type TemplateResult,
} from '@outpost/ui-sdk';
import { combinations, press } from './keys.js';
import { type ControlMessage, TunnelChannel } from './tunnel-channel.js';
import { viewerStyles } from './viewer-styles.js';

/** POST /remote/sessions's answer. */
interface RemoteSession {
  id: string;
  kind: string;
  deviceId: string;
  socketPath: string;
}

interface DeviceHeading {
  id: string;
  name: string;
  status: string;
}

type Quality = 'low' | 'medium' | 'high' | 'best';
const qualities: Record<Quality, { quality: number; compression: number }> = {
  low: { quality: 2, compression: 9 },
  medium: { quality: 5, compression: 6 },
  high: { quality: 8, compression: 2 },
  best: { quality: 9, compression: 0 },
};

interface ViewerSettings {
  fit: boolean;
  viewOnly: boolean;
  quality: Quality;
}

const settingsKey = 'outpost.remote.viewer';

function savedSettings(): ViewerSettings {
  const fallback: ViewerSettings = { fit: true, viewOnly: false, quality: 'high' };
  try {
    const saved = JSON.parse(localStorage.getItem(settingsKey) ?? '{}') as Partial<ViewerSettings>;
    return {
      fit: typeof saved.fit === 'boolean' ? saved.fit : fallback.fit,
      viewOnly: typeof saved.viewOnly === 'boolean' ? saved.viewOnly : fallback.viewOnly,
      quality: saved.quality && saved.quality in qualities ? saved.quality : fallback.quality,
    };
  } catch {
    return fallback;
  }
}

type State =
  | { kind: 'starting' }
  | { kind: 'connecting' }
  | { kind: 'password'; failed: boolean }
  | { kind: 'connected' }
  | { kind: 'busy'; detail: string }
  | { kind: 'failed'; message: string }
  | { kind: 'ended'; message: string };

/**
 * Web Connect (/remote/web/<device id>): the device's screen in the browser through a remote session's tunnel,
 * with noVNC's RFB client. Scaling to the window, full screen, Ctrl+Alt+Del and other key combinations, the
 * clipboard both ways, view-only and a quality setting; the choices are kept in this browser.
 */
export class RemoteWebConnect extends LitElement {
  static override properties = {
    deviceId: {},
    device: { state: true },
    state: { state: true },
    settings: { state: true },
    clipboardOpen: { state: true },
    deviceClipboard: { state: true },
    fullscreen: { state: true },
    aspect: { state: true },
  };
  static override styles = viewerStyles;

  /** The device to connect to. */
  declare deviceId: string;
  declare device: DeviceHeading | null;
  declare state: State;
  declare settings: ViewerSettings;
  declare clipboardOpen: boolean;
  /** The last text the device put on its clipboard. */
  declare deviceClipboard: string;
  declare fullscreen: boolean;
  /** The remote screen's width / height, so the screen's box fits it when scaled. */
  declare aspect: string;
  private session?: RemoteSession;
  private rfb?: RFB;
  private channel?: TunnelChannel;
  private password?: string;
  private passwordWanted = false;
  private passwordTimer?: ReturnType<typeof setTimeout>;
  /**
   * How the clipboard crosses: `rfb` through the VNC protocol (a system VNC service), `control` through the
   * tunnel's control messages (the agent's own x11vnc session), `none` when the device cannot.
   */
  private clipboardMode: 'rfb' | 'control' | 'none' = 'rfb';
  /** Disconnect was pressed: the server's `ended` message is this technician's own doing. */
  private leaving = false;
  // document.fullscreenElement names the outermost shadow host, not this element inside the shell's shadow roots.
  private readonly onFullscreen = () => (this.fullscreen = this.matches(':fullscreen'));

  constructor() {
    super();
    this.deviceId = '';
    this.device = null;
    this.state = { kind: 'starting' };
    this.settings = savedSettings();
    this.clipboardOpen = false;
    this.deviceClipboard = '';
    this.fullscreen = false;
    this.aspect = '16 / 10';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.onFullscreen);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    this.stop();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('deviceId') && this.deviceId) void this.start();
  }

  /** Opens a session (a second one on purpose with `another`) and its tunnel. */
  async start(another = false): Promise<void> {
    this.stop();
    this.state = { kind: 'starting' };
    try {
      this.device ??= await api<DeviceHeading>('GET', `/devices/${encodeURIComponent(this.deviceId)}`);
      this.session = await api<RemoteSession>('POST', '/remote/sessions', {
        deviceId: this.deviceId,
        kind: 'vnc',
        ...(another ? { another: true } : {}),
      });
    } catch (error) {
      // 409 session-open: this technician has one open already; others (device-offline, target-failed) say why.
      if (error instanceof ApiError && error.slug === 'session-open') {
        this.state = { kind: 'busy', detail: error.problem.detail ?? '' };
        return;
      }
      this.state = { kind: 'failed', message: this.problemText(error) };
      return;
    }
    this.state = { kind: 'connecting' };
    await this.updateComplete;
    this.open(this.session);
  }

  private problemText(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.status === 404) return t('This device does not exist, or it is not in this tenant.');
      if (error.status === 403) return t('Connecting to devices needs the device.connect permission.');
      return error.problem.detail ?? error.problem.title ?? error.message;
    }
    return String(error);
  }

  private open(session: RemoteSession): void {
    const screen = this.renderRoot.querySelector<HTMLElement>('.screen')!;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}${session.socketPath}`);
    const channel = new TunnelChannel(socket, (message) => this.control(message));
    this.channel = channel;
    const rfb = new RFB(screen, channel, { shared: false });
    this.rfb = rfb;
    this.apply();
    rfb.addEventListener('connect', () => {
      this.state = { kind: 'connected' };
      const canvas = screen.querySelector('canvas');
      if (canvas?.width && canvas.height) this.aspect = `${canvas.width} / ${canvas.height}`;
      rfb.focus();
    });
    rfb.addEventListener('credentialsrequired', () => this.credentialsRequired());
    rfb.addEventListener('securityfailure', (event) => {
      if (this.state.kind === 'password' || !this.password) this.state = { kind: 'password', failed: true };
      else this.fail(event.detail.reason || t('The device refused the session’s password.'));
    });
    rfb.addEventListener('clipboard', (event) => this.clipboardFromDevice(event.detail.text));
    rfb.addEventListener('disconnect', () => {
      if (this.rfb !== rfb) return;
      this.rfb = undefined;
      if (this.state.kind === 'connected' || this.state.kind === 'connecting')
        this.state = { kind: 'ended', message: t('The connection to the device closed.') };
    });
  }

  /** Text messages on the tunnel: the one-time password, the agent's plain errors, the server's end. */
  private control(message: ControlMessage): void {
    if (message.type === 'auth' && typeof message.password === 'string') {
      this.password = message.password;
      if (this.passwordWanted) this.sendPassword(message.password);
    } else if (message.type === 'features') {
      if (message.clipboard === 'control' || message.clipboard === 'none') this.clipboardMode = message.clipboard;
      this.requestUpdate();
    } else if (message.type === 'clipboard' && typeof message.text === 'string') {
      this.clipboardFromDevice(message.text);
    } else if (message.type === 'error') {
      this.fail(typeof message.message === 'string' ? message.message : t('The device could not open its screen.'));
    } else if (message.type === 'ended') {
      if (this.leaving) return this.stop();
      const by = typeof message.by === 'string' && message.by ? message.by : '';
      this.state = {
        kind: 'ended',
        message: by ? t('{name} ended this session.', { name: by }) : t('The session ended.'),
      };
      this.stop();
    }
  }

  private credentialsRequired(): void {
    if (this.password) return this.sendPassword(this.password);
    this.passwordWanted = true;
    // A VNC service of the device's own (macOS, Windows) may have no password the agent knows: ask for it.
    this.passwordTimer = setTimeout(() => {
      if (!this.password) this.state = { kind: 'password', failed: false };
    }, 5000);
  }

  private sendPassword(password: string): void {
    clearTimeout(this.passwordTimer);
    this.passwordWanted = false;
    this.rfb?.sendCredentials({ password });
  }

  private submitPassword(event: SubmitEvent): void {
    event.preventDefault();
    const password = String(new FormData(event.target as HTMLFormElement).get('password') ?? '');
    if (!password) return;
    this.password = password;
    this.state = { kind: 'connecting' };
    this.sendPassword(password);
  }

  private fail(message: string): void {
    this.state = { kind: 'failed', message };
    this.stop();
  }

  /** Closes the tunnel; the server ends the session when its browser end closes. */
  private stop(): void {
    clearTimeout(this.passwordTimer);
    const rfb = this.rfb;
    this.rfb = undefined;
    rfb?.disconnect();
    this.channel?.close();
    this.channel = undefined;
    this.password = undefined;
    this.passwordWanted = false;
    this.clipboardMode = 'rfb';
  }

  /** Disconnect: ends the session first, so its log says who ended it, then closes what is left of the tunnel. */
  async disconnect(): Promise<void> {
    const session = this.session;
    this.leaving = true;
    this.state = { kind: 'ended', message: t('You ended this session.') };
    try {
      if (session) await api('DELETE', `/remote/sessions/${session.id}`).catch(() => undefined);
    } finally {
      this.stop();
      this.leaving = false;
    }
  }

  /** The viewer's choices onto the RFB client. */
  private apply(): void {
    const rfb = this.rfb;
    if (!rfb) return;
    rfb.scaleViewport = this.settings.fit;
    rfb.clipViewport = false;
    rfb.viewOnly = this.settings.viewOnly;
    rfb.qualityLevel = qualities[this.settings.quality].quality;
    rfb.compressionLevel = qualities[this.settings.quality].compression;
  }

  private change(settings: Partial<ViewerSettings>): void {
    this.settings = { ...this.settings, ...settings };
    localStorage.setItem(settingsKey, JSON.stringify(this.settings));
    this.apply();
  }

  private clipboardFromDevice(text: string): void {
    this.deviceClipboard = text;
    // Straight onto the technician's clipboard when the browser allows it (focused page); the panel shows it anyway.
    if (document.hasFocus()) void navigator.clipboard?.writeText(text).catch(() => undefined);
  }

  private sendClipboard(text: string): void {
    if (!this.rfb || this.state.kind !== 'connected') return;
    if (this.clipboardMode === 'control') this.channel?.sendControl({ type: 'clipboard', text });
    else this.rfb.clipboardPasteFrom(text);
    toast(t('Sent to the device’s clipboard.'));
  }

  private async pasteFromBrowser(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      const field = this.renderRoot.querySelector<HTMLTextAreaElement>('wa-textarea[name=to-device]');
      if (field) field.value = text;
      this.sendClipboard(text);
    } catch {
      toast(t('The browser did not allow reading your clipboard: paste into the field instead.'), 'error');
    }
  }

  private async toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await this.requestFullscreen().catch(() => toast(t('This browser refused full screen.'), 'error'));
    this.rfb?.focus();
  }

  private sendKeys(id: string): void {
    const rfb = this.rfb;
    if (!rfb) return;
    if (id === 'ctrl-alt-del') rfb.sendCtrlAltDel();
    else {
      const combination = combinations.find((c) => c.id === id);
      if (combination) press((keysym, code, down) => rfb.sendKey(keysym, code, down), combination.keys);
    }
    rfb.focus();
  }

  override render(): TemplateResult {
    const name = this.device?.name ?? '';
    return html`<header class="bar">
        <a href=${`/devices/d/${encodeURIComponent(this.deviceId)}`} class="device">← ${name || t('Device')}</a>
        <span class="state" data-testid="viewer-state" role="status">${this.stateText()}</span>
        ${this.renderTools()}
      </header>
      ${this.clipboardOpen ? this.renderClipboard() : nothing} ${this.renderMessage()}
      <div class="screen ${this.settings.fit ? 'fit' : ''}" data-testid="screen" style=${styleMap({ '--remote-aspect': this.aspect })}></div>`;
  }

  private stateText(): string {
    switch (this.state.kind) {
      case 'starting':
        return t('Opening a session…');
      case 'connecting':
        return t('Connecting…');
      case 'password':
        return t('Password needed');
      case 'connected':
        return this.settings.viewOnly ? t('Connected, view only') : t('Connected');
      default:
        return t('Not connected');
    }
  }

  private renderTools(): TemplateResult {
    const live = this.state.kind === 'connected';
    return html`<div class="tools">
      <wa-button size="small" appearance="outlined" ?disabled=${!live || this.settings.viewOnly} @click=${() => this.sendKeys('ctrl-alt-del')}>${t('Ctrl+Alt+Del')}</wa-button>
      <wa-dropdown @wa-select=${(e: CustomEvent<{ item: { value: string } }>) => this.sendKeys(e.detail.item.value)}>
        <wa-button slot="trigger" size="small" appearance="outlined" with-caret ?disabled=${!live || this.settings.viewOnly}><wa-icon slot="start" name="keyboard"></wa-icon>${t('Keys')}</wa-button>
        ${combinations.map((c) => html`<wa-dropdown-item value=${c.id}>${c.label()}</wa-dropdown-item>`)}
      </wa-dropdown>
      <wa-button size="small" appearance=${this.clipboardOpen ? 'filled' : 'outlined'} @click=${() => (this.clipboardOpen = !this.clipboardOpen)} aria-pressed=${this.clipboardOpen ? 'true' : 'false'}><wa-icon slot="start" name="clipboard"></wa-icon>${t('Clipboard')}</wa-button>
      <wa-switch size="small" ?checked=${this.settings.fit} @change=${(e: Event) => this.change({ fit: (e.target as HTMLInputElement).checked })}>${t('Fit to window')}</wa-switch>
      <wa-switch size="small" ?checked=${this.settings.viewOnly} @change=${(e: Event) => this.change({ viewOnly: (e.target as HTMLInputElement).checked })}>${t('View only')}</wa-switch>
      <wa-select size="small" class="quality sr-label" label=${t('Quality')} .value=${this.settings.quality} @change=${(e: Event) => this.change({ quality: (e.target as HTMLSelectElement).value as Quality })}>
        <wa-option value="low">${t('Low (fastest)')}</wa-option>
        <wa-option value="medium">${t('Medium')}</wa-option>
        <wa-option value="high">${t('High')}</wa-option>
        <wa-option value="best">${t('Best')}</wa-option>
      </wa-select>
      <wa-button size="small" appearance="outlined" @click=${this.toggleFullscreen}><wa-icon slot="start" name=${this.fullscreen ? 'minimize' : 'maximize'}></wa-icon>${this.fullscreen ? t('Leave full screen') : t('Full screen')}</wa-button>
      ${
        this.state.kind === 'connected' || this.state.kind === 'connecting' || this.state.kind === 'password'
          ? html`<wa-button size="small" variant="danger" appearance="outlined" @click=${this.disconnect}><wa-icon slot="start" name="unplug"></wa-icon>${t('Disconnect')}</wa-button>`
          : nothing
      }
    </div>`;
  }

  private renderClipboard(): TemplateResult {
    if (this.clipboardMode === 'none')
      return html`<p class="muted">${t('The device cannot share its clipboard: install xclip on it (apt-get install xclip).')}</p>`;
    return html`<section class="clipboard" aria-label=${t('Clipboard')}>
      <div>
        <wa-textarea label=${t('From the device')} readonly rows="3" .value=${this.deviceClipboard} data-testid="device-clipboard" placeholder=${t('Text copied on the device shows here.')}></wa-textarea>
        <wa-button size="small" appearance="outlined" ?disabled=${!this.deviceClipboard} @click=${() => copyText(this.deviceClipboard)}><wa-icon slot="start" name="copy"></wa-icon>${t('Copy')}</wa-button>
      </div>
      <form @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.sendClipboard(String(new FormData(e.target as HTMLFormElement).get('to-device') ?? ''));
      }}>
        <wa-textarea label=${t('To the device')} name="to-device" rows="3" placeholder=${t('Paste text here, then send it to the device’s clipboard.')}></wa-textarea>
        <span class="actions">
          <wa-button size="small" type="submit" variant="brand" ?disabled=${this.state.kind !== 'connected'}>${t('Send to the device')}</wa-button>
          <wa-button size="small" appearance="outlined" ?disabled=${this.state.kind !== 'connected'} @click=${this.pasteFromBrowser}>${t('Paste from my clipboard')}</wa-button>
        </span>
      </form>
    </section>`;
  }

  private renderMessage() {
    const state = this.state;
    switch (state.kind) {
      case 'starting':
      case 'connecting':
        return html`<p class="waiting"><wa-spinner></wa-spinner> ${this.stateText()}</p>`;
      case 'password':
        return html`<form class="message panel" @submit=${this.submitPassword}>
          <p>${state.failed ? t('The device refused the password. Try again.') : t('The device’s VNC service asks for its password.')}</p>
          <wa-input type="password" name="password" label=${t('VNC password')} password-toggle required autofocus></wa-input>
          <wa-button type="submit" variant="brand">${t('Connect')}</wa-button>
        </form>`;
      case 'busy':
        return html`<wa-callout variant="warning" class="message">
          <wa-icon slot="icon" name="triangle-alert"></wa-icon>
          <p>${t('You already have a Web Connect session open on this device.')} ${state.detail}</p>
          <wa-button variant="brand" @click=${() => this.start(true)}>${t('Open another session')}</wa-button>
        </wa-callout>`;
      case 'failed':
        return html`<wa-callout variant="danger" class="message" data-testid="viewer-error">
          <wa-icon slot="icon" name="circle-alert"></wa-icon>
          <p>${state.message}</p>
          <wa-button appearance="outlined" @click=${() => this.start()}>${t('Try again')}</wa-button>
        </wa-callout>`;
      case 'ended':
        return html`<wa-callout variant="neutral" class="message" data-testid="viewer-ended">
          <wa-icon slot="icon" name="unplug"></wa-icon>
          <p>${state.message}</p>
          <wa-button variant="brand" @click=${() => this.start()}>${t('Connect again')}</wa-button>
        </wa-callout>`;
      default:
        return nothing;
    }
  }
}
customElements.define('remote-web-connect', RemoteWebConnect);
