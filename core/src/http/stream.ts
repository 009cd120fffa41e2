import { type IncomingMessage, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { EventBus, OutpostEvent } from '../events/bus.js';
import { topicMatches } from '../events/bus.js';
import type { Principal } from '../identity/principal.js';
import { problemContentType, problemType } from './problem.js';

export const streamPath = '/api/v1/stream';

/** Whether a principal may receive an event. An MSP user acting in a child tenant has that tenant as `tenantId`. */
export type StreamAccess = (principal: Principal, event: OutpostEvent) => boolean;

export interface StreamOptions {
  bus: EventBus;
  logger: Logger;
  isOwnOrigin(requestOrigin: string, hostHeader: string | undefined): boolean;
  authenticate(request: IncomingMessage): Promise<Principal | undefined>;
  canReceive: StreamAccess;
  heartbeatMs?: number;
}

const maxTopics = 100;

interface Client {
  socket: WebSocket;
  principal: Principal;
  patterns: Set<string>;
  alive: boolean;
}

/**
 * `/api/v1/stream`: browsers subscribe to topics over one WebSocket and receive the
 * events they may see. Client messages: `{type: 'subscribe'|'unsubscribe', topics: [...]}`.
 * Server messages: `{type: 'ready'}`, `{type: 'event', event}`, `{type: 'error', message}`.
 */
export function attachStream(server: Server, options: StreamOptions): { close(): void; clientCount(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const clients = new Set<Client>();

  const unsubscribe = options.bus.subscribe('*', (event) => {
    const message = JSON.stringify({ type: 'event', event });
    for (const client of clients) {
      if (client.socket.readyState !== WebSocket.OPEN) continue;
      if (![...client.patterns].some((pattern) => topicMatches(pattern, event.topic))) continue;
      if (options.canReceive(client.principal, event)) client.socket.send(message);
    }
  }, { subscriberId: 'core.stream' });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://x').pathname !== streamPath) return;
    void (async () => {
      const principal = await options.authenticate(request).catch(() => undefined);
      if (!principal) return refuse(socket, 401, 'Sign in to open the event stream.');
      if (principal.via === 'session' && !options.isOwnOrigin(request.headers.origin ?? '', request.headers.host)) {
        return refuse(socket, 403, 'Cross-site WebSocket refused.');
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, principal));
    })();
  };
  server.on('upgrade', onUpgrade);

  function accept(socket: WebSocket, principal: Principal) {
    const client: Client = { socket, principal, patterns: new Set(), alive: true };
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => clients.delete(client));
    socket.on('error', (error) => options.logger.debug({ err: error }, 'stream socket error'));
    socket.on('message', (data) => handleMessage(client, data.toString()));
    socket.send(JSON.stringify({ type: 'ready' }));
  }

  function handleMessage(client: Client, text: string) {
    let message: { type?: unknown; topics?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return client.socket.send(JSON.stringify({ type: 'error', message: 'Messages must be JSON.' }));
    }
    const topics = Array.isArray(message.topics) ? message.topics.filter((t): t is string => typeof t === 'string' && t.length <= 200) : [];
    if (message.type === 'subscribe') {
      for (const topic of topics) if (client.patterns.size < maxTopics) client.patterns.add(topic);
    } else if (message.type === 'unsubscribe') {
      for (const topic of topics) client.patterns.delete(topic);
    } else {
      return client.socket.send(JSON.stringify({ type: 'error', message: 'Unknown message type; use subscribe or unsubscribe.' }));
    }
    client.socket.send(JSON.stringify({ type: 'subscribed', topics: [...client.patterns] }));
  }

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const client of clients) client.socket.close(1001, 'server shutting down');
      wss.close();
    },
    clientCount: () => clients.size,
  };
}

function refuse(socket: Duplex, status: 401 | 403, detail: string): void {
  const title = STATUS_CODES[status]!;
  const body = JSON.stringify({ type: problemType(status === 401 ? 'unauthenticated' : 'forbidden'), title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${problemContentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The default access rule: same tenant, and the topic's permission when it declares one. */
export function sameTenantAccess(permissionOf: (topic: string) => string | undefined): StreamAccess {
  return (principal, event) => {
    if (event.tenantId !== principal.tenantId) return false;
    const permission = permissionOf(event.topic);
    return !permission || principal.permissions.has(permission);
  };
}
