import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  AuthenticationError,
  type Directory,
  NotFoundError,
  type PluginSockets,
  type Principal,
  ConflictError,
  hashToken,
  randomToken,
} from '@outpost/core';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { RemoteSessions } from '../sessions/service.js';
import type { SessionRow, SessionStore } from '../sessions/store.js';
import { forward, holdMessages } from './pipe.js';

export const agentTunnelPrefix = '/agent/v1/tunnel/';
export const peerPrefix = '/agent/v1/remote-peer/';
export const browserSocketPattern = /^\/api\/v1\/remote\/sessions\/([0-9a-f-]{36})\/socket$/;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bearerToken = /^Bearer ([A-Za-z0-9_-]{43})$/;

/** Close codes between the server and the ends of a tunnel. */
export const tunnelCloseCodes = {
  /** Between instances: the session ended; the reason carries `{ r: reason, b: by }`. */
  ended: 4000,
  frameTooLarge: 1009,
  normal: 1000,
  shutdown: 1001,
};

export interface BrokerOptions {
  maxFrameBytes: number;
  idleMs: number;
  heartbeatMs: number;
  /** How long one end waits for the other before the session ends. */
  waitMs: number;
  /** How other instances reach this one; the listening URL when not configured. */
  internalUrl?: string;
}

type Role = 'browser' | 'agent' | 'peer';

interface End {
  socket: WebSocket;
  role: Role;
  alive: boolean;
  /** Why it is closing, when it knows before the close event (frame too large, no pong). */
  closing?: string;
  /** The browser's upgrade request, to check its credentials again. */
  request?: IncomingMessage;
}

/** One session's ends held by this instance. */
interface LocalSession {
  id: string;
  tenantId: string;
  deviceId: string;
  /** The agent's end is here: this instance counts bytes and watches idleness. */
  counting: boolean;
  ends: End[];
  held: Map<End, ReturnType<typeof holdMessages>>;
  paired: boolean;
  toDevice: number;
  fromDevice: number;
  savedTo: number;
  savedFrom: number;
  lastActivity: number;
  waitTimer?: NodeJS.Timeout;
  ending: boolean;
}

/**
 * Pairs the two ends of each remote session's tunnel: the agent's socket at
 * `/agent/v1/tunnel/<id>` (one-time token) and the technician's browser socket at
 * `/api/v1/remote/sessions/<id>/socket` (session or API key, Origin checked). When they
 * land on different instances, the one whose end arrived second connects to the other at
 * `/agent/v1/remote-peer/<id>` (a one-time peer secret, stored hashed), so bytes never go
 * through the database. Ends: either side closing, terminate (any instance), idle time,
 * a frame over the limit (that tunnel only), the device going offline, a missed ping.
 */
export class TunnelBroker {
  readonly instanceId = randomUUID();
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, LocalSession>();
  private readonly timers: NodeJS.Timeout[] = [];
  private registered: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly store: SessionStore,
    private readonly service: RemoteSessions,
    private readonly sockets: PluginSockets,
    private readonly directory: Directory,
    private readonly options: BrokerOptions,
    private readonly logger: Logger,
  ) {
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: options.maxFrameBytes });
    this.timers.push(setInterval(() => this.heartbeat(), options.heartbeatMs));
    this.timers.push(setInterval(() => this.sweep(), Math.max(250, Math.min(10_000, options.idleMs / 4))));
    for (const timer of this.timers) timer.unref();
  }

  /** How many sessions have an end on this instance. */
  get localCount(): number {
    return this.sessions.size;
  }

  // ---- the agent's end ----

  handleAgentUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    void (async () => {
      const id = idFrom(request, agentTunnelPrefix);
      if (!id) return this.sockets.refuse(socket, new NotFoundError('No such tunnel.'));
      if (this.closed) return this.sockets.refuse(socket, new ConflictError('The server is shutting down.'));
      const token = bearerToken.exec(request.headers.authorization ?? '')?.[1];
      if (!token)
        return this.sockets.refuse(socket, new AuthenticationError('Send the tunnel token as Authorization: Bearer.'));
      await this.registerInstance();
      const row = await this.store.claimAgentEnd(id, hashToken(token), this.instanceId);
      if (!row)
        return this.sockets.refuse(
          socket,
          new AuthenticationError('This tunnel token is not valid: used, expired, or for another session.'),
        );
      const local = this.local(row, true);
      this.accept(request, socket, head, local, 'agent', row.browser_instance_id);
    })().catch((error) => this.failedUpgrade(socket, error));
  }

  // ---- the browser's end ----

  handleBrowserUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const id = browserSocketPattern.exec(path)?.[1];
      if (!id || !idPattern.test(id)) return this.sockets.refuse(socket, new NotFoundError('No such session.'));
      const principal = await this.sockets.authenticate(request);
      if (!principal.tenantId || !principal.userId || !principal.permissions.has('device.connect'))
        return this.sockets.refuse(socket, new NotFoundError('No such session.'));
      if (this.closed) return this.sockets.refuse(socket, new ConflictError('The server is shutting down.'));
      await this.registerInstance();
      const row = await this.store.claimBrowserEnd(principal.tenantId, principal.userId, id, this.instanceId);
      if (!row) return this.sockets.refuse(socket, new NotFoundError('No such session.'));
      if (row === 'busy')
        return this.sockets.refuse(
          socket,
          new ConflictError('This session is already open in another window.', { type: 'session-in-use' }),
        );
      const local = this.local(row, false);
      this.accept(request, socket, head, local, 'browser', row.agent_instance_id, principal);
    })().catch((error) => this.failedUpgrade(socket, error));
  }

  // ---- the bridge between instances ----

  handlePeerUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    void (async () => {
      const id = idFrom(request, peerPrefix);
      const secret = bearerToken.exec(request.headers.authorization ?? '')?.[1];
      if (!id || !secret) return this.sockets.refuse(socket, new NotFoundError('No such tunnel.'));
      // The first end is registered right after its claim; allow for that instant.
      const local = await waitFor(() => this.sessions.get(id), 5000);
      if (!local || local.paired || local.ending)
        return this.sockets.refuse(socket, new NotFoundError('No such tunnel.'));
      if (!(await this.store.takePeerHash(id, hashToken(secret))))
        return this.sockets.refuse(socket, new AuthenticationError('This peer secret is not valid.'));
      this.wss.handleUpgrade(request, socket, head, (ws) => this.attach(local, ws, 'peer'));
    })().catch((error) => this.failedUpgrade(socket, error));
  }

  /** Ends the session's ends on this instance (terminate from any instance, the device gone). */
  async endLocal(id: string, reason: string, byUserId: string | null): Promise<void> {
    const local = this.sessions.get(id);
    if (local) await this.end(local, reason, byUserId);
  }

  /** Ends every session of these devices: those with ends here, and those that never got any. */
  async endDevices(deviceIds: string[], reason: string): Promise<void> {
    const ids = new Set(deviceIds);
    for (const local of [...this.sessions.values()]) if (ids.has(local.deviceId)) await this.end(local, reason, null);
    for (const id of await this.store.liveIdsOfDevices(deviceIds)) await this.service.finish(id, reason, null);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.sessions.values()].map((local) => this.end(local, 'server shut down', null)));
    this.wss.close();
  }

  // ---- internals ----

  private local(row: SessionRow, agentEnd: boolean): LocalSession {
    let local = this.sessions.get(row.id);
    if (!local) {
      local = {
        id: row.id,
        tenantId: row.tenant_id,
        deviceId: row.device_id,
        counting: false,
        ends: [],
        held: new Map(),
        paired: false,
        toDevice: Number(row.bytes_to_device),
        fromDevice: Number(row.bytes_from_device),
        savedTo: Number(row.bytes_to_device),
        savedFrom: Number(row.bytes_from_device),
        lastActivity: Date.now(),
        ending: false,
      };
      this.sessions.set(row.id, local);
      local.waitTimer = setTimeout(
        () => void this.end(local!, agentEnd ? 'the browser did not connect' : 'the agent did not connect', null),
        this.options.waitMs,
      );
      local.waitTimer.unref();
    }
    if (agentEnd) local.counting = true;
    return local;
  }

  private accept(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    local: LocalSession,
    role: 'agent' | 'browser',
    otherInstance: string | null,
    principal?: Principal,
  ): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const end = this.attach(local, ws, role);
      if (principal) end.request = request;
      // The other end came first: pair with it here, or bridge to the instance holding it.
      if (otherInstance && otherInstance !== this.instanceId && !local.paired)
        void this.bridge(local, otherInstance).catch((error) => {
          this.logger.warn({ err: error, sessionId: local.id }, 'bridging a tunnel to another instance failed');
          void this.end(local, 'the instance holding the other end could not be reached', null);
        });
    });
  }

  private attach(local: LocalSession, socket: WebSocket, role: Role): End {
    const end: End = { socket, role, alive: true };
    if (local.ending) {
      socket.close(tunnelCloseCodes.normal, 'session ended');
      return end;
    }
    local.ends.push(end);
    local.held.set(end, holdMessages(socket));
    socket.on('pong', () => (end.alive = true));
    socket.on('error', (error) => {
      end.closing ??= /max payload/i.test(error.message)
        ? `frame too large from the ${who(role)}`
        : `${who(role)} socket error`;
    });
    socket.on('close', (code, reason) => void this.onClose(local, end, code, reason.toString()));
    if (local.ends.length === 2) this.pair(local);
    return end;
  }

  private pair(local: LocalSession): void {
    const [a, b] = local.ends as [End, End];
    local.paired = true;
    clearTimeout(local.waitTimer);
    const heldA = local.held.get(a)!.take();
    const heldB = local.held.get(b)!.take();
    local.held.clear();
    // Bytes count where the agent's end is: towards it is "to the device".
    const traffic = (from: End) => (bytes: number) => {
      local.lastActivity = Date.now();
      if (!local.counting) return;
      if (from.role === 'agent') local.fromDevice += bytes;
      else local.toDevice += bytes;
    };
    forward(a.socket, b.socket, heldA, traffic(a));
    forward(b.socket, a.socket, heldB, traffic(b));
  }

  private async bridge(local: LocalSession, otherInstance: string): Promise<void> {
    const url = await this.store.instanceUrl(otherInstance);
    if (!url) throw new Error(`instance ${otherInstance} left no address`);
    const secret = randomToken();
    await this.store.setPeerHash(local.id, hashToken(secret));
    const target = new URL(`${peerPrefix}${local.id}`, url);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(target, {
      headers: { authorization: `Bearer ${secret}` },
      perMessageDeflate: false,
      maxPayload: this.options.maxFrameBytes,
      handshakeTimeout: 10_000,
    });
    await new Promise<void>((resolve, reject) => {
      // Attached at once: the other instance may send in the same packet as its handshake answer.
      socket.once('open', () => {
        this.attach(local, socket, 'peer');
        resolve();
      });
      socket.once('unexpected-response', (_request, response) => {
        socket.terminate();
        reject(new Error(`the other instance refused the bridge (${response.statusCode})`));
      });
      socket.once('error', reject);
    });
  }

  private async onClose(local: LocalSession, end: End, code: number, reason: string): Promise<void> {
    if (local.ending) return;
    let why = end.closing;
    let by: string | null = null;
    if (!why && end.role === 'peer' && code === tunnelCloseCodes.ended) {
      try {
        const ended = JSON.parse(reason) as { r?: string; b?: string | null };
        why = ended.r;
        by = ended.b ?? null;
      } catch {
        // an older peer's plain reason
      }
    }
    why ??=
      end.role === 'peer'
        ? 'the bridge to the other instance closed'
        : end.role === 'browser'
          ? 'browser closed'
          : code === 4500 && reason
            ? `the device could not open it: ${reason}`
            : 'agent closed';
    await this.end(local, why, by, end);
  }

  /**
   * Stores the bytes and the end (so the log and `remote.session.ended` have them when the
   * browser hears of it), then closes the session's ends here, telling the browser why.
   */
  private async end(local: LocalSession, reason: string, byUserId: string | null, closedEnd?: End): Promise<void> {
    if (local.ending) return;
    local.ending = true;
    clearTimeout(local.waitTimer);
    this.sessions.delete(local.id);
    let byName: string | null = null;
    try {
      if (local.counting)
        await this.store.saveBytes([{ id: local.id, toDevice: local.toDevice, fromDevice: local.fromDevice }]);
      await this.service.finish(local.id, reason, byUserId);
      if (byUserId) byName = (await this.directory.user(byUserId))?.displayName ?? null;
    } catch (error) {
      this.logger.error({ err: error, sessionId: local.id }, 'recording the end of a remote session failed');
    }
    for (const end of local.ends) {
      if (end === closedEnd) continue;
      const { socket } = end;
      if (socket.readyState !== WebSocket.OPEN) {
        socket.terminate();
        continue;
      }
      if (end.role === 'browser') {
        socket.send(JSON.stringify({ type: 'ended', reason, ...(byName ? { by: byName } : {}) }));
        socket.close(tunnelCloseCodes.normal, 'session ended');
      } else if (end.role === 'peer') {
        socket.close(tunnelCloseCodes.ended, closeReason(reason, byUserId));
      } else {
        socket.close(tunnelCloseCodes.normal, reason.slice(0, 120));
      }
      setTimeout(() => socket.terminate(), 2000).unref();
    }
  }

  private heartbeat(): void {
    for (const local of this.sessions.values()) {
      for (const end of local.ends) {
        if (!end.alive) {
          end.closing ??=
            end.role === 'agent' ? 'agent vanished (no answer to ping)' : `${who(end.role)} stopped answering`;
          end.socket.terminate();
          continue;
        }
        end.alive = false;
        if (end.socket.readyState === WebSocket.OPEN) end.socket.ping();
        if (end.request) void this.recheck(local, end);
      }
    }
  }

  /** A browser whose credentials no longer hold (signed out, key revoked, removed) loses its tunnel. */
  private async recheck(local: LocalSession, end: End): Promise<void> {
    const principal = await this.sockets.reauthenticate(end.request!).catch(() => 'unknown' as const);
    if (principal === 'unknown') return;
    if (!principal || !principal.permissions.has('device.connect') || principal.tenantId !== local.tenantId)
      await this.end(local, 'the technician lost access', null);
  }

  /** Idle sessions end; byte counts are stored now and then, so live lists show them. */
  private sweep(): void {
    const now = Date.now();
    const counts: Array<{ id: string; toDevice: number; fromDevice: number }> = [];
    for (const local of [...this.sessions.values()]) {
      if (!local.counting || !local.paired) continue;
      if (now - local.lastActivity > this.options.idleMs) {
        void this.end(local, 'idle', null);
        continue;
      }
      if (local.toDevice !== local.savedTo || local.fromDevice !== local.savedFrom) {
        counts.push({ id: local.id, toDevice: local.toDevice, fromDevice: local.fromDevice });
        local.savedTo = local.toDevice;
        local.savedFrom = local.fromDevice;
      }
    }
    if (counts.length > 0)
      void this.store
        .saveBytes(counts)
        .catch((error) => this.logger.warn({ err: error }, 'storing tunnel byte counts failed'));
  }

  private registerInstance(): Promise<void> {
    const url = this.options.internalUrl ?? this.sockets.listeningUrl();
    if (!url) return Promise.resolve();
    this.registered ??= this.store.recordInstance(this.instanceId, url).catch((error) => {
      this.registered = undefined;
      throw error;
    });
    return this.registered;
  }

  private failedUpgrade(socket: Duplex, error: unknown): void {
    if (!(error instanceof AuthenticationError) && !(error instanceof Error && 'status' in error))
      this.logger.error({ err: error }, 'a tunnel upgrade failed');
    this.sockets.refuse(socket, error);
  }
}

function idFrom(request: IncomingMessage, prefix: string): string | undefined {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const id = path.slice(prefix.length);
  return path.startsWith(prefix) && idPattern.test(id) ? id : undefined;
}

function who(role: Role): string {
  return role === 'peer' ? 'other instance' : role;
}

/** A close reason holds at most 123 bytes. */
function closeReason(reason: string, by: string | null): string {
  let r = reason;
  let text = JSON.stringify({ r, b: by });
  while (Buffer.byteLength(text) > 123 && r.length > 0) {
    r = r.slice(0, -8);
    text = JSON.stringify({ r, b: by });
  }
  return text;
}

async function waitFor<T>(get: () => T | undefined, ms: number): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
