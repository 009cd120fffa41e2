import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type HelloParams,
  type HelloResult,
  type ScreenshotParams,
  agentProtocolVersion,
  rpcErrors,
} from '@outpost/agent/protocol';
import { RpcFailure, RpcPeer } from '@outpost/agent/rpc';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnavailableError,
  createAjv,
  describeAjvError,
  nestedTooDeeply,
  problemType,
} from '@outpost/core';
import type { ValidateFunction } from 'ajv';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { AgentOperations } from './api.js';
import type { DeviceRow } from './list.js';
import type { DeviceRegistry } from './registry/index.js';
import {
  HelloSchema,
  ScreenshotSchema,
  StatusSchema,
  type SystemInfo,
  SystemInfoSchema,
  systemInfoSizesFit,
} from './schemas.js';

export interface GatewayOptions {
  heartbeatMs: number;
  statusIntervalMs: number;
  screenshotIntervalMs: number;
  /** Frames per connection allowed in a 10-second window before it counts as a flood. */
  maxFramesPer10s: number;
  maxFrameBytes: number;
  operationTimeoutMs: number;
  /** How long one "I am looking at this device" from a dashboard lasts. */
  watchTtlMs: number;
}

interface Connection {
  device: DeviceRow;
  socket: WebSocket;
  peer: RpcPeer;
  ip: string | null;
  sessionId?: string;
  helloDone: boolean;
  alive: boolean;
  frames: number;
  windowStart: number;
  watching: boolean;
  closing?: string;
}

const closeCodes = { violation: 4400, flood: 4429, replaced: 4409, trashed: 4410, shutdown: 1001 } as const;

/**
 * The server side of the agent channel (`/agent/v1/ws`): authenticates each agent
 * with its device credential, speaks JSON-RPC with it, decides online/offline from
 * ping/pong, forwards operations, and asks for screenshots only while a dashboard
 * watches. A connection that breaks the protocol is closed with a logged reason.
 */
export class AgentGateway {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, Connection>();
  private readonly watchers = new Map<string, number>();
  private readonly validators: Record<'hello' | 'status' | 'screenshot' | 'systemInfo', ValidateFunction>;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly ajv = createAjv({ allErrors: false });
  private readonly argValidators = new Map<string, ValidateFunction>();
  private closed = false;

  constructor(
    private readonly registry: Pick<DeviceRegistry, 'enroller' | 'presence' | 'reports'>,
    private readonly operations: AgentOperations,
    private readonly options: GatewayOptions,
    private readonly logger: Logger,
  ) {
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: options.maxFrameBytes });
    this.validators = {
      hello: this.ajv.compile(HelloSchema),
      status: this.ajv.compile(StatusSchema),
      screenshot: this.ajv.compile(ScreenshotSchema),
      systemInfo: this.ajv.compile(SystemInfoSchema),
    };
    this.timers.push(setInterval(() => this.heartbeat(), options.heartbeatMs));
    this.timers.push(setInterval(() => this.expireWatchers(), Math.min(options.watchTtlMs, 10_000)));
    for (const timer of this.timers) timer.unref();
  }

  get connectedCount(): number {
    return this.connections.size;
  }

  isConnected(deviceId: string): boolean {
    return this.connections.has(deviceId);
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    void (async () => {
      if (this.closed) return refuse(socket, 503, 'The server is shutting down.');
      const credentials = parseCredentials(request.headers.authorization);
      if (!credentials)
        return refuse(socket, 401, 'Send the device credential as Authorization: Bearer <device id>.<secret>.');
      const verdict = await this.registry.enroller.authenticate(credentials).catch(() => undefined);
      if (!verdict) return refuse(socket, 503, 'The server cannot check credentials right now.');
      if ('refused' in verdict) {
        if (verdict.refused === 'trashed')
          return refuse(socket, 403, 'This device is in Trash: restore it in the dashboard to let it connect.');
        return refuse(socket, 401, 'Unknown device or wrong secret: enroll again.');
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, verdict.device, clientIp(request)));
    })();
  }

  /** Refuses an operation that cannot run: unknown name, bad arguments, a disabled device. */
  check(device: DeviceRow, name: string, args: Record<string, unknown>): void {
    const operation = this.operations.get(name);
    if (!operation) throw new NotFoundError(`No agent operation is named "${name}".`, { type: 'unknown-operation' });
    const validate = this.argValidators.get(name) ?? this.ajv.compile(operation.argsSchema);
    this.argValidators.set(name, validate);
    if (!validate(args)) {
      throw new InputError(
        `Arguments of ${name} are not valid: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${describeAjvError(e).message}`).join('; ')}`,
        { type: 'invalid-arguments' },
      );
    }
    if (device.admission === 'disabled')
      throw new ForbiddenError('This device is disabled by the plan: upgrade the plan to use it.', {
        type: 'device-disabled',
      });
  }

  /** Runs a named operation on a device connected to this instance and resolves with its result. */
  async run(device: DeviceRow, name: string, args: Record<string, unknown>): Promise<unknown> {
    this.check(device, name, args);
    const connection = this.connections.get(device.id);
    if (!connection || !connection.helloDone)
      throw new ConflictError('The device is offline.', { type: 'device-offline' });
    try {
      return await connection.peer.request('op.run', { name, args }, this.options.operationTimeoutMs);
    } catch (error) {
      if (error instanceof RpcFailure) {
        if (error.code === rpcErrors.unknownOperation)
          throw new ConflictError(`This device's agent does not know ${name}; update the agent.`, {
            type: 'operation-unsupported',
          });
        if (error.code === rpcErrors.invalidParams) throw new InputError(error.message, { type: 'invalid-arguments' });
        throw new UnavailableError(`The operation failed on the device: ${error.message}`, {
          type: 'operation-failed',
        });
      }
      throw error;
    }
  }

  /** A dashboard looks at these devices: they send screenshots for the next little while. */
  watch(deviceIds: string[]): void {
    const until = Date.now() + this.options.watchTtlMs;
    for (const id of deviceIds) {
      this.watchers.set(id, until);
      const connection = this.connections.get(id);
      if (connection && connection.helloDone && !connection.watching) this.setWatching(connection, true);
    }
  }

  /** Closes the channels of devices that may no longer connect (moved to Trash). */
  disconnect(deviceIds: string[], reason: keyof typeof closeCodes, message: string): void {
    for (const id of deviceIds) this.connections.get(id)?.socket.close(closeCodes[reason], message);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    const open = [...this.connections.values()];
    for (const connection of open) this.end(connection, closeCodes.shutdown, 'server shutting down');
    await Promise.all(
      open.map((c) =>
        c.sessionId
          ? this.registry.presence.disconnected(c.device.id, c.sessionId, 'server shut down').catch(() => undefined)
          : undefined,
      ),
    );
    this.connections.clear();
    this.wss.close();
  }

  private accept(socket: WebSocket, device: DeviceRow, ip: string | null): void {
    const previous = this.connections.get(device.id);
    if (previous) this.end(previous, closeCodes.replaced, 'another connection of this device took over');
    const connection: Connection = {
      device,
      socket,
      ip,
      helloDone: false,
      alive: true,
      frames: 0,
      windowStart: Date.now(),
      watching: false,
      peer: new RpcPeer(
        (text) => socket.send(text),
        {
          request: (method, params) => this.onRequest(connection, method, params),
          notification: (method, params) => this.onNotification(connection, method, params),
        },
        {
          onViolation: (reason) => this.violation(connection, reason),
          requestTimeoutMs: this.options.operationTimeoutMs,
        },
      ),
    };
    this.connections.set(device.id, connection);
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => {
      if (this.flooding(connection)) return;
      if (isBinary) return this.violation(connection, 'binary frame');
      connection.peer.receive(data.toString());
    });
    socket.on('error', (error) => {
      connection.closing ??= error.message.includes('Max payload')
        ? 'frame too large'
        : `socket error: ${error.message}`;
      this.logger.warn({ deviceId: device.id, reason: connection.closing }, 'agent connection closed');
    });
    socket.on('close', (code) => void this.onClose(connection, code));
  }

  private async onClose(connection: Connection, code: number): Promise<void> {
    connection.peer.close('the agent disconnected');
    if (this.connections.get(connection.device.id) !== connection) return;
    this.connections.delete(connection.device.id);
    // On shutdown close() records every disconnection itself, before the database goes.
    if (!connection.sessionId || this.closed) return;
    const reason =
      connection.closing ?? (code === 1000 || code === 1001 ? 'agent disconnected' : `connection lost (${code})`);
    await this.registry.presence
      .disconnected(connection.device.id, connection.sessionId, reason)
      .catch((error) => this.logger.error({ err: error }, 'marking a device offline failed'));
  }

  private async onRequest(connection: Connection, method: string, params: unknown): Promise<unknown> {
    if (method !== 'hello') {
      if (!connection.helloDone) throw this.protocolError(connection, `"${method}" before hello`);
      throw new RpcFailure(rpcErrors.methodNotFound, `unknown method ${method}`);
    }
    if (!this.validators.hello(params))
      throw this.protocolError(
        connection,
        `hello is not valid: ${this.ajv.errorsText(this.validators.hello.errors)}`,
        rpcErrors.invalidParams,
      );
    const hello = params as HelloParams;
    if (hello.protocol > agentProtocolVersion)
      throw this.protocolError(
        connection,
        `protocol ${hello.protocol} is newer than this server's ${agentProtocolVersion}`,
        rpcErrors.invalidParams,
      );
    const { sessionId, device } = await this.registry.presence.connected(connection.device, {
      ip: connection.ip,
      agentVersion: hello.agentVersion,
      service: hello.service,
      display: hello.display,
      facts: hello.facts,
    });
    connection.sessionId = sessionId;
    connection.device = device;
    connection.helloDone = true;
    if (connection.socket.readyState !== WebSocket.OPEN) {
      await this.registry.presence.disconnected(device.id, sessionId, 'closed during hello');
      return null;
    }
    connection.watching = (this.watchers.get(device.id) ?? 0) > Date.now();
    const result: HelloResult = {
      deviceId: device.id,
      name: device.name,
      statusIntervalMs: this.options.statusIntervalMs,
      settings: { allowNonAdminSetup: false, autoAuthorization: false, ...(JSON.parse(device.settings) as object) },
      watching: connection.watching,
    };
    return result;
  }

  private onNotification(connection: Connection, method: string, params: unknown): void {
    if (!connection.helloDone) throw this.protocolError(connection, `"${method}" before hello`);
    const deviceId = connection.device.id;
    const log = (error: unknown) => this.logger.error({ err: error, deviceId }, `storing ${method} failed`);
    switch (method) {
      case 'status':
        if (!this.validators.status(params)) throw this.protocolError(connection, 'status is not valid');
        void this.registry.reports.saveStatus(deviceId, params as Record<string, unknown>).catch(log);
        return;
      case 'system_info':
        if (nestedTooDeeply(params)) throw this.protocolError(connection, 'system_info is nested too deeply');
        if (!this.validators.systemInfo(params))
          throw this.protocolError(
            connection,
            `system_info is not valid: ${this.firstError(this.validators.systemInfo)}`,
          );
        if (!systemInfoSizesFit(params as SystemInfo))
          throw this.protocolError(connection, 'system_info reports more in use than a size');
        void this.registry.reports.saveSystemInfo(deviceId, params as SystemInfo).catch(log);
        return;
      case 'screenshot': {
        if (!this.validators.screenshot(params)) throw this.protocolError(connection, 'screenshot is not valid');
        const shot = params as ScreenshotParams;
        if ('unavailable' in shot) return;
        if (!connection.watching) return;
        const content = Buffer.from(shot.data, 'base64');
        void this.registry.reports
          .saveScreenshot(connection.device, { mime: shot.mime, content, width: shot.width, height: shot.height })
          .catch(log);
        return;
      }
      default:
        throw this.protocolError(connection, `unknown method ${JSON.stringify(method.slice(0, 64))}`);
    }
  }

  private firstError(validate: ValidateFunction): string {
    const error = validate.errors?.[0];
    return error ? `${error.instancePath || '/'} ${describeAjvError(error).message}` : 'unknown';
  }

  private protocolError(connection: Connection, reason: string, code: number = rpcErrors.invalidRequest): RpcFailure {
    this.violation(connection, reason);
    return new RpcFailure(code, reason);
  }

  private violation(connection: Connection, reason: string): void {
    if (connection.closing) return;
    connection.closing = `protocol violation: ${reason}`;
    this.logger.warn({ deviceId: connection.device.id, reason: connection.closing }, 'agent connection closed');
    // Let the JSON-RPC error reach the agent first.
    setImmediate(() => this.end(connection, closeCodes.violation, reason.slice(0, 120)));
  }

  private flooding(connection: Connection): boolean {
    const now = Date.now();
    if (now - connection.windowStart > 10_000) {
      connection.windowStart = now;
      connection.frames = 0;
    }
    connection.frames += 1;
    if (connection.frames <= this.options.maxFramesPer10s) return false;
    if (!connection.closing) {
      connection.closing = `flood: more than ${this.options.maxFramesPer10s} frames in 10 s`;
      this.logger.warn({ deviceId: connection.device.id, reason: connection.closing }, 'agent connection closed');
      this.end(connection, closeCodes.flood, 'too many frames');
    }
    return true;
  }

  private end(connection: Connection, code: number, reason: string): void {
    if (connection.socket.readyState === WebSocket.OPEN || connection.socket.readyState === WebSocket.CONNECTING)
      connection.socket.close(code, reason);
    // A peer that does not finish the closing handshake is cut off.
    setTimeout(() => connection.socket.terminate(), 2000).unref();
  }

  private heartbeat(): void {
    const vouched: string[] = [];
    for (const connection of this.connections.values()) {
      if (!connection.alive) {
        connection.closing ??= 'no answer to ping';
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      if (connection.helloDone) vouched.push(connection.device.id);
    }
    if (vouched.length > 0)
      void this.registry.presence
        .touch(vouched)
        .catch((error) => this.logger.error({ err: error }, 'refreshing last seen failed'));
  }

  private expireWatchers(): void {
    const now = Date.now();
    for (const [id, until] of this.watchers) {
      if (until > now) continue;
      this.watchers.delete(id);
      const connection = this.connections.get(id);
      if (connection?.watching) this.setWatching(connection, false);
    }
  }

  private setWatching(connection: Connection, watching: boolean): void {
    connection.watching = watching;
    connection.peer.notify('screenshots.watch', { watching, intervalMs: this.options.screenshotIntervalMs });
  }
}

/** `Authorization: Bearer <device id>.<secret>`, the agent's credential. */
export function parseCredentials(header: string | undefined): { deviceId: string; secret: string } | undefined {
  const match = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return match ? { deviceId: match[1]!, secret: match[2]! } : undefined;
}

function clientIp(request: IncomingMessage): string | null {
  const ip = request.socket.remoteAddress ?? null;
  return ip?.startsWith('::ffff:') ? ip.slice(7) : ip;
}

function refuse(socket: Duplex, status: 401 | 403 | 503, detail: string): void {
  const titles = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' };
  const body = JSON.stringify({
    type: problemType(status === 401 ? 'unauthenticated' : status === 403 ? 'device-in-trash' : 'unavailable'),
    title: titles[status],
    status,
    detail,
  });
  socket.end(
    `HTTP/1.1 ${status} ${titles[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
