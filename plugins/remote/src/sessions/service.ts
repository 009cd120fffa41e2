import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  type Directory,
  type EventBus,
  ForbiddenError,
  NotFoundError,
  type Principal,
  type TenantScope,
  decodeCursor,
  encodeCursor,
  hashToken,
  randomToken,
} from '@outpost/core';
import type { DeviceCommands, DeviceDirectory } from '@outpost/plugin-devices';
import type { Static } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { RemoteSessionEndedEvent, RemoteSessionStartedEvent } from '../events.js';
import type { CreateSessionBody, CreatedSession, Session } from '../schemas.js';
import { type SessionFilter, type SessionRow, type SessionStore, iso } from './store.js';

/** How long the one-time tunnel token is good for: the agent uses it at once. */
export const tunnelTokenTtlMs = 30_000;

export type SessionView = Static<typeof Session>;

/** The sessions' domain: create, end, list. The tunnels themselves are the broker's. */
export class RemoteSessions {
  constructor(
    private readonly store: SessionStore,
    private readonly events: EventBus,
    private readonly commands: DeviceCommands,
    private readonly devices: DeviceDirectory,
    private readonly directory: Directory,
    private readonly logger: Logger,
    /** What the server adds to a kind's target options, over anything the browser sent. */
    private readonly targetOptions: (
      tenantId: string,
      deviceId: string,
      kind: string,
      sessionId: string,
    ) => Promise<Record<string, unknown>> = async () => ({}),
  ) {}

  /**
   * Opens a session for the caller: a row, a one-time token, and the device's agent asked
   * (through the devices relay, wherever its channel is held) to open its tunnel. Resolves
   * once the agent's end is connected.
   */
  async create(principal: Principal, input: Static<typeof CreateSessionBody>): Promise<Static<typeof CreatedSession>> {
    const tenantId = principal.tenantId!;
    const userId = principal.userId;
    if (!userId) throw new ForbiddenError('A remote session belongs to a person; this credential has none.');
    const [device] = await this.devices.describe(tenantId, [input.deviceId]);
    if (!device) throw new NotFoundError('No such device.');
    // A device whose agent runs by hand (not installed as a service) is connected all the same.
    if (device.status === 'offline') throw new ConflictError(`${device.name} is offline.`, { type: 'device-offline' });
    const token = randomToken();
    const id = randomUUID();
    const startedAt = new Date().toISOString();
    await this.store.withSessionLock(`${userId}:${input.deviceId}:${input.kind}`, async (store) => {
      if (!input.another) {
        const open = await store.liveFor(tenantId, userId, input.deviceId, input.kind);
        if (open)
          throw new ConflictError(
            `You already have a ${input.kind} session open on ${device.name}; close it first, or open another on purpose.`,
            { type: 'session-open', extensions: { sessionId: open.id } },
          );
      }
      await store.insert({
        id,
        tenant_id: tenantId,
        device_id: input.deviceId,
        user_id: userId,
        kind: input.kind,
        started_at: startedAt,
        unattended: device.signedInUser === null,
        token_hash: hashToken(token),
        token_expires_at: new Date(Date.now() + tunnelTokenTtlMs).toISOString(),
      });
    });
    const started: RemoteSessionStartedEvent = { id, deviceId: input.deviceId, userId, kind: input.kind, startedAt };
    await this.events.publish('remote.session.started', started, { tenantId });
    const technician = (await this.directory.user(userId))?.displayName ?? principal.label ?? 'a technician';
    let result: { opened?: boolean; error?: string } | null;
    try {
      result = (await this.commands.run(tenantId, input.deviceId, 'remote:open_tunnel', {
        sessionId: id,
        token,
        kind: input.kind,
        options: {
          ...input.options,
          ...(await this.targetOptions(tenantId, input.deviceId, input.kind, id)),
          technician,
        },
      })) as typeof result;
    } catch (error) {
      await this.finish(id, `the agent could not open the tunnel: ${(error as Error).message}`, null);
      throw error;
    }
    if (result?.opened === false) {
      await this.finish(id, `the device could not open it: ${result.error ?? 'unknown error'}`, null);
      throw new ConflictError(
        `The device could not open the ${input.kind} session: ${result.error ?? 'unknown error'}`,
        {
          type: 'target-failed',
        },
      );
    }
    return { id, kind: input.kind, deviceId: input.deviceId, socketPath: `/api/v1/remote/sessions/${id}/socket` };
  }

  /**
   * Ends a session by hand. Its technician may always; anyone else needs
   * `remote.session.manage`. Every instance holding one of its ends closes it.
   */
  async terminate(principal: Principal, tenant: TenantScope, id: string): Promise<void> {
    const row = await this.store.get(tenant, id);
    if (!row) throw new NotFoundError('No such session.');
    const own = principal.userId !== undefined && row.user_id === principal.userId;
    if (!own && !principal.permissions.has('remote.session.manage'))
      throw new ForbiddenError("Ending another technician's session needs the remote.session.manage permission.", {
        extensions: { permission: 'remote.session.manage' },
      });
    if (row.ended_at) return;
    const by = principal.userId ?? null;
    await this.finish(id, 'terminated', by);
    await this.events.publish(
      'remote.session.closing',
      { id, reason: 'terminated', byUserId: by },
      {
        tenantId: row.tenant_id,
      },
    );
  }

  /** Ends the session if it is live: stores why and by whom, and publishes `remote.session.ended`. */
  async finish(id: string, reason: string, byUserId: string | null): Promise<boolean> {
    const row = await this.store.end(id, reason, byUserId);
    if (!row) return false;
    this.logger.info({ sessionId: id, deviceId: row.device_id, reason }, 'remote session ended');
    const ended: RemoteSessionEndedEvent = {
      id,
      deviceId: row.device_id,
      userId: row.user_id,
      kind: row.kind,
      startedAt: iso(row.started_at)!,
      endedAt: iso(row.ended_at)!,
      reason: row.end_reason ?? reason,
      endedByUserId: row.ended_by_user_id,
      bytesToDevice: Number(row.bytes_to_device),
      bytesFromDevice: Number(row.bytes_from_device),
    };
    await this.events.publish('remote.session.ended', ended, { tenantId: row.tenant_id });
    return true;
  }

  async get(tenant: TenantScope, id: string): Promise<SessionView> {
    const row = await this.store.get(tenant, id);
    if (!row) throw new NotFoundError('No such session.');
    return (await this.views(tenant.tenantId, [row]))[0]!;
  }

  async list(
    tenant: TenantScope,
    query: SessionQuery & { limit: number; cursor?: string; withTotal?: boolean },
  ): Promise<{ items: SessionView[]; nextCursor: string | null; total?: number }> {
    const before = query.cursor ? decodeCursor(query.cursor, isPosition) : undefined;
    const filter = this.filterOf(query);
    const [rows, total] = await Promise.all([
      this.store.list(tenant, { ...filter, before }, query.limit + 1),
      query.withTotal ? this.store.count(tenant, filter) : undefined,
    ]);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.views(tenant.tenantId, page),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ startedAt: iso(last.started_at)!, id: last.id }) : null,
      ...(total === undefined ? {} : { total }),
    };
  }

  /** The history's filters as the store takes them: a list of device ids, times as ISO UTC. */
  private filterOf(query: SessionQuery): SessionFilter {
    const time = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);
    return {
      live: query.state === 'live',
      deviceId: query.deviceId,
      deviceIds: query.deviceIds?.split(','),
      userId: query.userId,
      unattended: query.unattended,
      from: time(query.from),
      to: time(query.to),
    };
  }

  private async views(tenantId: string, rows: SessionRow[]): Promise<SessionView[]> {
    const devices = new Map(
      (await this.devices.describe(tenantId, [...new Set(rows.map((r) => r.device_id))])).map((d) => [d.id, d.name]),
    );
    const users = await this.directory.users([
      ...new Set(rows.flatMap((r) => [r.user_id, ...(r.ended_by_user_id ? [r.ended_by_user_id] : [])])),
    ]);
    return rows.map((row) => ({
      id: row.id,
      deviceId: row.device_id,
      deviceName: devices.get(row.device_id) ?? '',
      userId: row.user_id,
      technician: users.get(row.user_id)?.displayName ?? '',
      kind: row.kind,
      startedAt: iso(row.started_at)!,
      endedAt: iso(row.ended_at),
      endReason: row.end_reason,
      endedByUserId: row.ended_by_user_id,
      endedBy: row.ended_by_user_id ? (users.get(row.ended_by_user_id)?.displayName ?? '') : null,
      bytesToDevice: Number(row.bytes_to_device),
      bytesFromDevice: Number(row.bytes_from_device),
      unattended: Boolean(row.unattended),
      live: row.ended_at === null,
    }));
  }
}

function isPosition(value: unknown): value is { startedAt: string; id: string } {
  const position = value as { startedAt?: unknown; id?: unknown };
  return typeof position?.startedAt === 'string' && typeof position.id === 'string';
}

/** A list's filters, as the API takes them. */
export interface SessionQuery {
  state: 'live' | 'all';
  deviceId?: string;
  userId?: string;
  /** Device ids joined by commas. */
  deviceIds?: string;
  unattended?: boolean;
  from?: string;
  to?: string;
}
