import { type IncomingMessage, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { AuthenticationError } from '../errors.js';
import type { EventBus, OutpostEvent } from '../events/bus.js';
import { topicMatches } from '../events/bus.js';
import { type AccessChange, accessChangedTopic, affects } from '../identity/access-changes.js';
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
  /** Reads an open connection's principal again from its credentials, recording no use of them. */
  reauthenticate(request: IncomingMessage): Promise<Principal | undefined>;
  canReceive: StreamAccess;
  /** How often clients are pinged and their access checked again. */
  heartbeatMs?: number;
}

/** Close codes of the stream (the 4000s are the application's own). */
export const streamCloseCodes = {
  /** The credentials no longer hold: signed out, session ended, key revoked, removed from the tenant. */
  accessEnded: 4401,
  /** Access could not be checked again (the database did not answer); the client may reconnect. */
  checkFailed: 1011,
};

const maxTopics = 100;
/** Events held for one client while its access is checked; past this the client is closed rather than buffered. */
const maxHeld = 1000;

interface Client {
  socket: WebSocket;
  /** The upgrade request: its cookie or bearer credentials are checked again when access changes. */
  request: IncomingMessage;
  principal: Principal;
  patterns: Set<string>;
  alive: boolean;
  /** Re-checks of this client's access run one after another, in the order they were asked for. */
  checks: Promise<void>;
  /** Re-checks asked for by an access change that have not finished yet. */
  holding: number;
  /** Events that arrived meanwhile; delivered, or not, with the principal the checks arrive at. */
  held: OutpostEvent[];
}

/**
 * `/api/v1/stream`: browsers subscribe to topics over one WebSocket and receive the
 * events they may see. Client messages: `{type: 'subscribe'|'unsubscribe', topics: [...]}`.
 * Server messages: `{type: 'ready'}`, `{type: 'event', event}`, `{type: 'error', message}`.
 *
 * Access is checked at connect, again for the clients an access change names (a session
 * ended, a key revoked, a membership or role changed: `core.access.changed`, from any
 * instance), and again for every client at each heartbeat (expiry, changes made by the
 * CLI on SQLite). Events that arrive while a change is being checked wait for the
 * check, so none reaches a client that just lost access. Clients whose credentials
 * no longer hold are closed with 4401.
 */
export function attachStream(server: Server, options: StreamOptions): { close(): void; clientCount(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
  const clients = new Set<Client>();
  /** Counts access changes, so a connection authenticated while one arrived is checked again once accepted. */
  let accessChangesSeen = 0;

  const unsubscribe = options.bus.subscribe(
    '*',
    (event) => {
      if (event.topic === accessChangedTopic) {
        accessChangesSeen += 1;
        const change = event.payload as AccessChange;
        for (const client of clients) if (affects(change, client.principal)) recheck(client, true);
        return;
      }
      let message: string | undefined;
      for (const client of clients) {
        if (client.holding > 0) hold(client, event);
        else if (mayReceive(client, event)) client.socket.send((message ??= JSON.stringify({ type: 'event', event })));
      }
    },
    { subscriberId: 'core.stream' },
  );

  function mayReceive(client: Client, event: OutpostEvent): boolean {
    if (client.socket.readyState !== WebSocket.OPEN) return false;
    if (![...client.patterns].some((pattern) => topicMatches(pattern, event.topic))) return false;
    return options.canReceive(client.principal, event);
  }

  function hold(client: Client, event: OutpostEvent): void {
    if (client.held.length < maxHeld) client.held.push(event);
    else end(client, streamCloseCodes.checkFailed, 'Access check took too long; reconnect.');
  }

  /**
   * Reads the client's principal again, after any check already under way. With `holdEvents`
   * (an access change), events wait until the check is done and are then filtered with the
   * new principal; the heartbeat's routine checks let events flow.
   */
  function recheck(client: Client, holdEvents: boolean): void {
    if (holdEvents) client.holding += 1;
    client.checks = client.checks
      .then(async () => {
        if (!clients.has(client)) return;
        let principal: Principal | undefined;
        try {
          principal = await options.reauthenticate(client.request);
        } catch (error) {
          if (!(error instanceof AuthenticationError)) {
            options.logger.warn({ err: error }, 'stream access could not be checked again; closing the connection');
            return end(client, streamCloseCodes.checkFailed, 'Access could not be checked; reconnect.');
          }
        }
        if (!principal) return end(client, streamCloseCodes.accessEnded, 'Access ended: sign in again.');
        client.principal = principal;
      })
      .finally(() => {
        if (!holdEvents) return;
        client.holding -= 1;
        if (client.holding > 0) return;
        const held = client.held.splice(0);
        for (const event of held) {
          if (mayReceive(client, event)) client.socket.send(JSON.stringify({ type: 'event', event }));
        }
      });
  }

  function end(client: Client, code: number, reason: string): void {
    clients.delete(client);
    client.held.length = 0;
    client.socket.close(code, reason);
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://x').pathname !== streamPath) return;
    void (async () => {
      const changesBefore = accessChangesSeen;
      const principal = await options.authenticate(request).catch(() => undefined);
      if (!principal) return refuse(socket, 401, 'Sign in to open the event stream.');
      if (principal.via === 'session' && !options.isOwnOrigin(request.headers.origin ?? '', request.headers.host)) {
        return refuse(socket, 403, 'Cross-site WebSocket refused.');
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const client = accept(ws, request, principal);
        if (accessChangesSeen !== changesBefore) recheck(client, true);
      });
    })();
  };
  server.on('upgrade', onUpgrade);

  function accept(socket: WebSocket, request: IncomingMessage, principal: Principal): Client {
    const client: Client = {
      socket,
      request,
      principal,
      patterns: new Set(),
      alive: true,
      checks: Promise.resolve(),
      holding: 0,
      held: [],
    };
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => clients.delete(client));
    socket.on('error', (error) => options.logger.debug({ err: error }, 'stream socket error'));
    socket.on('message', (data) => handleMessage(client, data.toString()));
    socket.send(JSON.stringify({ type: 'ready' }));
    return client;
  }

  function handleMessage(client: Client, text: string) {
    let message: { type?: unknown; topics?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return client.socket.send(JSON.stringify({ type: 'error', message: 'Messages must be JSON.' }));
    }
    const error = (text: string) => client.socket.send(JSON.stringify({ type: 'error', message: text }));
    const { topics } = message;
    if (!Array.isArray(topics) || !topics.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 200)) {
      return error('topics must be a list of topic patterns of 1 to 200 characters.');
    }
    if (message.type === 'subscribe') {
      const added = topics.filter((topic) => !client.patterns.has(topic));
      if (client.patterns.size + new Set(added).size > maxTopics) {
        return error(`A stream may subscribe to at most ${maxTopics} topic patterns; unsubscribe from some first.`);
      }
      for (const topic of added) client.patterns.add(topic);
    } else if (message.type === 'unsubscribe') {
      for (const topic of topics) client.patterns.delete(topic);
    } else {
      return error('Unknown message type; use subscribe or unsubscribe.');
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
      recheck(client, false);
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
  const body = JSON.stringify({
    type: problemType(status === 401 ? 'unauthenticated' : 'forbidden'),
    title,
    status,
    detail,
  });
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
