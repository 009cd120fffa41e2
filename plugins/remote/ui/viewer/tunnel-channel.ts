import type { RfbChannel } from '@novnc/novnc';

/** A text message on the tunnel: `auth` and `error` from the agent, `ended` from the server. */
export interface ControlMessage {
  type: string;
  [key: string]: unknown;
}

/**
 * The session's WebSocket as noVNC sees it: binary messages (the RFB stream) go to noVNC, text messages
 * (JSON control messages) to `onControl`. noVNC takes any object with a WebSocket's members.
 */
export class TunnelChannel implements RfbChannel {
  binaryType: string;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;

  constructor(
    private readonly socket: WebSocket,
    onControl: (message: ControlMessage) => void,
  ) {
    this.binaryType = 'arraybuffer';
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('open', (event) => this.onopen?.(event));
    socket.addEventListener('close', (event) => this.onclose?.(event));
    socket.addEventListener('error', (event) => this.onerror?.(event));
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return this.onmessage?.(event);
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message && typeof message === 'object' && typeof (message as ControlMessage).type === 'string')
        onControl(message as ControlMessage);
    });
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: ArrayBuffer | ArrayBufferView): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  /** Sends a control message to the agent's end. */
  sendControl(message: ControlMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    this.socket.close();
  }
}
