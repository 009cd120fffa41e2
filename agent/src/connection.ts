import { WebSocket } from 'ws';
import {
  type HelloParams,
  type HelloResult,
  type MachineFacts,
  type ScreenshotParams,
  type StatusParams,
  type WatchParams,
  agentProtocolVersion,
  rpcErrors,
} from './protocol.js';
import type { OperationContext } from './operations.js';
import { RpcFailure, RpcPeer } from './rpc.js';
import type { AgentState } from './state.js';

/** What the connection asks of the machine; the real agent and the simulator provide their own. */
export interface Machine {
  facts(): Promise<MachineFacts>;
  systemInfo(): Promise<Record<string, unknown>>;
  status(): Promise<StatusParams>;
  screenshot(): Promise<ScreenshotParams>;
  hasDisplay: boolean;
  runOperation(name: unknown, args: unknown, context: OperationContext): Promise<unknown>;
}

export interface ConnectionOptions {
  state: AgentState;
  machine: Machine;
  agentVersion: string;
  /** Running as an installed service. */
  service: boolean;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log?(line: string): void;
  /** Called when the server says the credential is not valid any more. */
  onRejected?(reason: string): void;
  /** Called after each accepted hello. */
  onReady?(result: HelloResult): void;
}

/**
 * Keeps the agent's WebSocket to the server open: says hello, reports status,
 * answers operations, sends screenshots while asked to, and reconnects with jittered
 * exponential backoff until stopped.
 */
export class AgentConnection {
  private socket: WebSocket | undefined;
  private peer: RpcPeer | undefined;
  private attempt = 0;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private screenshotTimer: NodeJS.Timeout | undefined;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: ConnectionOptions) {
    this.minBackoffMs = options.minBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes the channel cleanly; resolves once it is closed. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.clearTimers();
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'agent stopping');
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 3000).unref();
    });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private connect(): void {
    const { state } = this.options;
    const url = new URL('/agent/v1/ws', state.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${state.deviceId}.${state.secret}` },
      perMessageDeflate: false,
      handshakeTimeout: 15_000,
    });
    this.socket = socket;
    const peer = new RpcPeer(
      (text) => socket.send(text),
      {
        request: (method, params) => this.onRequest(method, params),
        notification: (method, params) => this.onNotification(method, params),
      },
      { onViolation: (reason) => this.log(`server sent something odd: ${reason}`) },
    );
    this.peer = peer;

    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        const detail = (() => {
          try {
            return (JSON.parse(body) as { detail?: string }).detail ?? body;
          } catch {
            return body;
          }
        })();
        this.log(`server refused the connection (${response.statusCode}): ${detail}`);
        if (response.statusCode === 401) {
          this.stopped = true;
          this.options.onRejected?.(detail);
        }
        socket.terminate();
      });
    });
    socket.on('open', () => void this.hello(peer));
    socket.on('message', (data) => peer.receive(data.toString()));
    socket.on('error', (error) => this.log(`connection error: ${error.message}`));
    socket.on('close', (code, reason) => {
      peer.close('connection closed');
      this.clearTimers();
      if (code !== 1006 || reason.length > 0)
        this.log(`connection closed (${code}${reason.length ? `: ${reason.toString()}` : ''})`);
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  private async hello(peer: RpcPeer): Promise<void> {
    const { machine } = this.options;
    try {
      const params: HelloParams = {
        protocol: agentProtocolVersion,
        agentVersion: this.options.agentVersion,
        service: this.options.service,
        display: machine.hasDisplay,
        facts: await machine.facts(),
      };
      const result = await peer.request<HelloResult>('hello', params);
      this.attempt = 0;
      this.log(`connected as "${result.name}" (${result.deviceId})`);
      this.options.onReady?.(result);
      this.statusTimer = setInterval(() => void this.sendStatus(), result.statusIntervalMs);
      this.statusTimer.unref();
      void this.sendStatus();
      void machine
        .systemInfo()
        .then((info) => peer.notify('system_info', info))
        .catch((error) => this.log(`system info failed: ${(error as Error).message}`));
      if (result.watching) this.setWatching({ watching: true, intervalMs: 60_000 });
    } catch (error) {
      this.log(`hello failed: ${(error as Error).message}`);
      this.socket?.close(1000, 'hello failed');
    }
  }

  private async sendStatus(): Promise<void> {
    if (!this.connected) return;
    try {
      this.peer?.notify('status', await this.options.machine.status());
    } catch (error) {
      this.log(`status failed: ${(error as Error).message}`);
    }
  }

  private async onRequest(method: string, params: unknown): Promise<unknown> {
    if (method === 'op.run') {
      const { name, args } = (params ?? {}) as { name?: unknown; args?: unknown };
      return this.options.machine.runOperation(name, args, {
        server: this.options.state.server,
        log: (line) => this.log(line),
      });
    }
    throw new RpcFailure(rpcErrors.methodNotFound, `unknown method ${method}`);
  }

  private onNotification(method: string, params: unknown): void {
    if (method === 'screenshots.watch') return this.setWatching(params as WatchParams);
    this.log(`ignored notification ${method}`);
  }

  private setWatching(watch: WatchParams): void {
    clearInterval(this.screenshotTimer);
    this.screenshotTimer = undefined;
    if (!watch.watching) return;
    const send = async () => {
      if (!this.connected) return;
      this.peer?.notify('screenshot', await this.options.machine.screenshot());
    };
    void send();
    this.screenshotTimer = setInterval(() => void send(), Math.max(60_000, watch.intervalMs));
    this.screenshotTimer.unref();
  }

  private clearTimers(): void {
    clearInterval(this.statusTimer);
    clearInterval(this.screenshotTimer);
    this.statusTimer = undefined;
    this.screenshotTimer = undefined;
  }

  private scheduleReconnect(): void {
    const ceiling = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.attempt = Math.min(this.attempt + 1, 30);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
