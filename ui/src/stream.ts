export type StreamStatus = 'connecting' | 'live' | 'offline';
type Handler = (event: { topic: string; payload: unknown; tenantId: string | null; time: string }) => void;

/** The server closes a stream with this code when its session or key no longer grants access. */
const accessEnded = 4401;

/**
 * One WebSocket to /api/v1/stream per tab, reconnecting with jittered backoff.
 * Components subscribe to topic patterns (`devices.*`); subscriptions survive reconnects.
 * When the server ends the stream because access ended (sign-out elsewhere, removal,
 * a revoked session), it does not reconnect and dispatches `access-ended`.
 */
export class LiveStream extends EventTarget {
  private socket: WebSocket | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private attempt = 0;
  private stopped = false;
  status: StreamStatus = 'connecting';

  connect(): void {
    this.stopped = false;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.setStatus('connecting');
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data));
      if (data.type === 'ready') {
        this.attempt = 0;
        this.setStatus('live');
        if (this.handlers.size > 0)
          socket.send(JSON.stringify({ type: 'subscribe', topics: [...this.handlers.keys()] }));
      } else if (data.type === 'event') {
        for (const [pattern, handlers] of this.handlers) {
          if (matches(pattern, data.event.topic)) for (const handler of handlers) handler(data.event);
        }
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.setStatus('offline');
      if (event.code === accessEnded) {
        this.stopped = true;
        this.dispatchEvent(new Event('access-ended'));
      }
      if (this.stopped) return;
      const delay = Math.min(30_000, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
      this.attempt += 1;
      setTimeout(() => this.connect(), delay);
    };
  }

  subscribe(pattern: string, handler: Handler): () => void {
    const isNew = !this.handlers.has(pattern);
    const set = this.handlers.get(pattern) ?? new Set();
    set.add(handler);
    this.handlers.set(pattern, set);
    if (isNew && this.status === 'live') this.socket?.send(JSON.stringify({ type: 'subscribe', topics: [pattern] }));
    return () => {
      set.delete(handler);
      if (set.size === 0) {
        this.handlers.delete(pattern);
        if (this.status === 'live') this.socket?.send(JSON.stringify({ type: 'unsubscribe', topics: [pattern] }));
      }
    };
  }

  close(): void {
    this.stopped = true;
    this.socket?.close();
    this.socket = undefined;
  }

  private setStatus(status: StreamStatus): void {
    this.status = status;
    this.dispatchEvent(new Event('status'));
  }
}

function matches(pattern: string, topic: string): boolean {
  return pattern === '*' || pattern === topic || (pattern.endsWith('*') && topic.startsWith(pattern.slice(0, -1)));
}

/** The tab's one stream. */
export const liveStream = new LiveStream();
