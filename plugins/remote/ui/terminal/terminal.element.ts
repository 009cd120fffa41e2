import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { LitElement, api, copyText, html, t, toast, type PropertyValues, type TemplateResult } from '@outpost/ui-sdk';
import { type ControlMessage, controlMessage, endedText, openSession, sessionSocket } from '../session.js';
import { terminalStyles } from './terminal.styles.js';
import { adoptCreatedStyles } from './xterm-styles.js';

type State =
  | { kind: 'starting' }
  | { kind: 'connected'; user: string }
  | { kind: 'busy'; detail: string }
  | { kind: 'ended'; message: string }
  | { kind: 'failed'; message: string };

/**
 * @summary The terminal of a device (xterm.js): a login shell in a pty on the device, through the
 * session's tunnel. Resizes with the page; Ctrl+Shift+C / Ctrl+Shift+V (and the buttons) copy and paste.
 */
export class RemoteTerminal extends LitElement {
  static override styles = terminalStyles;
  static override properties = { deviceId: {}, state: { state: true }, deviceName: { state: true } };

  /** The device to open the terminal of. */
  declare deviceId: string;
  declare state: State;
  declare deviceName: string;
  private socket: WebSocket | undefined;
  private terminal: Terminal | undefined;
  private fit: FitAddon | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private restoreStyles: (() => void) | undefined;
  private readonly encoder = new TextEncoder();

  constructor() {
    super();
    this.deviceId = '';
    this.deviceName = '';
    this.state = { kind: 'starting' };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('deviceId') && this.deviceId) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  async start(another = false): Promise<void> {
    this.stop();
    this.state = { kind: 'starting' };
    if (!this.deviceName)
      this.deviceName = await api<{ name: string }>('GET', `/devices/${encodeURIComponent(this.deviceId)}`).then(
        (d) => d.name,
        () => '',
      );
    await this.updateComplete;
    const terminal = this.createTerminal();
    const opened = await openSession(this.deviceId, 'terminal', { cols: terminal.cols, rows: terminal.rows }, another);
    if ('busy' in opened) return void (this.state = { kind: 'busy', detail: opened.busy });
    if ('failed' in opened) return void (this.state = { kind: 'failed', message: opened.failed });
    const socket = sessionSocket(opened.session);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data === 'string') {
        const message = controlMessage(event.data);
        if (message) this.control(message);
      } else terminal.write(new Uint8Array(event.data as ArrayBuffer));
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      if (this.state.kind === 'connected' || this.state.kind === 'starting')
        this.state = { kind: 'ended', message: t('The connection to the device closed.') };
    });
    socket.addEventListener('open', () => this.sendSize());
  }

  private createTerminal(): Terminal {
    const host = this.renderRoot.querySelector<HTMLElement>('.screen')!;
    const style = getComputedStyle(this);
    const terminal = new Terminal({
      cursorBlink: true,
      fontFamily: style.getPropertyValue('--wa-font-family-code').trim() || 'monospace',
      scrollback: 5000,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    this.restoreStyles = adoptCreatedStyles(this.renderRoot as ShadowRoot);
    terminal.open(host);
    fit.fit();
    terminal.onData((data) => this.send(this.encoder.encode(data)));
    terminal.onBinary((data) => this.send(Uint8Array.from(data, (c) => c.charCodeAt(0))));
    terminal.onResize(() => this.sendSize());
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
      if (event.code === 'KeyC') return (void this.copy(), false);
      if (event.code === 'KeyV') return (void this.paste(), false);
      return true;
    });
    this.resizeObserver = new ResizeObserver(() => fit.fit());
    this.resizeObserver.observe(host);
    this.terminal = terminal;
    this.fit = fit;
    terminal.focus();
    return terminal;
  }

  private send(bytes: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.state.kind === 'connected') this.socket.send(bytes);
  }

  private sendSize(): void {
    const terminal = this.terminal;
    if (terminal && this.socket?.readyState === WebSocket.OPEN)
      this.socket.send(JSON.stringify({ type: 'resize', cols: terminal.cols, rows: terminal.rows }));
  }

  private control(message: ControlMessage): void {
    if (message.type === 'ready') {
      this.state = { kind: 'connected', user: typeof message.user === 'string' ? message.user : '' };
      this.terminal?.focus();
    } else if (message.type === 'exit') this.state = { kind: 'ended', message: t('The shell exited.') };
    else if (message.type === 'ended' && this.state.kind !== 'ended')
      this.state = { kind: 'ended', message: endedText(message) };
    else if (message.type === 'error')
      this.state = {
        kind: 'failed',
        message: typeof message.message === 'string' ? message.message : t('The device could not open a terminal.'),
      };
  }

  private async copy(): Promise<void> {
    const text = this.terminal?.getSelection() ?? '';
    if (!text) return toast(t('Select text in the terminal first.'));
    await copyText(text);
    toast(t('Copied.'));
  }

  private async paste(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      if (text) this.terminal?.paste(text);
    } catch {
      toast(
        t('The browser did not allow reading the clipboard: paste with Ctrl+Shift+V or the browser menu.'),
        'error',
      );
    }
    this.terminal?.focus();
  }

  stop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    this.resizeObserver?.disconnect();
    this.terminal?.dispose();
    this.terminal = undefined;
    this.restoreStyles?.();
    this.restoreStyles = undefined;
    this.fit = undefined;
  }

  private renderStatus(): TemplateResult {
    const state = this.state;
    switch (state.kind) {
      case 'starting':
        return html`<span class="status"><wa-spinner></wa-spinner> ${t('Opening the terminal…')}</span>`;
      case 'connected':
        return html`<span class="status" data-state="connected"
          >${state.user ? t('Signed in as {user}', { user: state.user }) : t('Connected')}</span
        >`;
      case 'busy':
        return html`<wa-callout variant="warning" class="status">
          ${state.detail}
          <wa-button size="small" @click=${() => this.start(true)}>${t('Open another session')}</wa-button>
        </wa-callout>`;
      case 'ended':
      case 'failed':
        return html`<wa-callout variant=${state.kind === 'failed' ? 'danger' : 'neutral'} class="status" role="status">
          ${state.message}
          <wa-button size="small" @click=${() => this.start()}>${t('Connect again')}</wa-button>
        </wa-callout>`;
    }
  }

  override render(): TemplateResult {
    return html`
      <header>
        <h1>${this.deviceName ? t('Terminal: {name}', { name: this.deviceName }) : t('Terminal')}</h1>
        <div class="actions">
          <wa-button size="small" appearance="outlined" @click=${() => this.copy()}>${t('Copy')}</wa-button>
          <wa-button size="small" appearance="outlined" @click=${() => this.paste()}>${t('Paste')}</wa-button>
        </div>
      </header>
      ${this.renderStatus()}
      <div class="screen" data-testid="terminal"></div>
    `;
  }
}
