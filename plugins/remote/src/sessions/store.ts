import { type TenantScope, lockTransaction } from '@outpost/core';
import type { Knex } from 'knex';

export interface SessionRow {
  id: string;
  tenant_id: string;
  device_id: string;
  user_id: string;
  kind: string;
  started_at: string | Date;
  ended_at: string | Date | null;
  end_reason: string | null;
  ended_by_user_id: string | null;
  bytes_to_device: number | string;
  bytes_from_device: number | string;
  unattended: boolean | number;
  browser_instance_id: string | null;
  agent_instance_id: string | null;
  token_hash: string | null;
  token_expires_at: string | Date | null;
  peer_hash: string | null;
}

export const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/** The one module of the sessions part that touches knex. */
/** Which sessions a list shows. */
export interface SessionFilter {
  live: boolean;
  deviceId?: string;
  /** Sessions on any of these devices (a contact's). */
  deviceIds?: string[];
  userId?: string;
  unattended?: boolean;
  /** ISO times: started at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

export class SessionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Runs `work` while holding the lock of one technician's sessions of a kind on a device,
   * so two requests at once cannot both find none open.
   */
  async withSessionLock<T>(key: string, work: (store: SessionStore) => Promise<T>): Promise<T> {
    return this.db.transaction(async (trx) => {
      await lockTransaction(trx, `remote.session:${key}`, 'remote_sessions');
      return work(new SessionStore(trx));
    });
  }

  async liveFor(tenantId: string, userId: string, deviceId: string, kind: string): Promise<SessionRow | undefined> {
    return this.db('remote_sessions')
      .where({ tenant_id: tenantId, user_id: userId, device_id: deviceId, kind })
      .whereNull('ended_at')
      .orderBy('started_at', 'desc')
      .first();
  }

  async insert(
    row: Omit<
      SessionRow,
      | 'ended_at'
      | 'end_reason'
      | 'ended_by_user_id'
      | 'browser_instance_id'
      | 'agent_instance_id'
      | 'peer_hash'
      | 'bytes_to_device'
      | 'bytes_from_device'
    >,
  ): Promise<void> {
    await this.db('remote_sessions').insert(row);
  }

  async get(tenant: TenantScope, id: string): Promise<SessionRow | undefined> {
    return tenant.table('remote_sessions').where({ id }).first();
  }

  async byId(id: string): Promise<SessionRow | undefined> {
    return this.db('remote_sessions').where({ id }).first();
  }

  async list(
    tenant: TenantScope,
    filter: SessionFilter & { before?: { startedAt: string; id: string } },
    limit: number,
  ): Promise<SessionRow[]> {
    const query = this.filtered(tenant, filter);
    if (filter.before) {
      const { startedAt, id } = filter.before;
      query.where((q) =>
        q
          .where('started_at', '<', startedAt)
          .orWhere((same) => same.where('started_at', '=', startedAt).andWhere('id', '<', id)),
      );
    }
    return query
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
  }

  /** How many sessions match the filter. */
  async count(tenant: TenantScope, filter: SessionFilter): Promise<number> {
    const [{ n }] = await this.filtered(tenant, filter).count({ n: '*' });
    return Number(n);
  }

  private filtered(tenant: TenantScope, filter: SessionFilter) {
    const query = tenant.table('remote_sessions');
    if (filter.live) query.whereNull('ended_at');
    if (filter.deviceId) query.where({ device_id: filter.deviceId });
    if (filter.deviceIds) query.whereIn('device_id', filter.deviceIds);
    if (filter.userId) query.where({ user_id: filter.userId });
    if (filter.unattended !== undefined) query.where({ unattended: filter.unattended });
    if (filter.from) query.where('started_at', '>=', filter.from);
    if (filter.to) query.where('started_at', '<', filter.to);
    return query;
  }

  /**
   * Uses a tunnel token: the agent's end of an unended session arrives at `instanceId`. The
   * token is cleared in the same statement, so it works once. Answers the row as it is
   * afterwards (with the browser's instance, when the browser's end came first), or
   * undefined for a token that is wrong, used, expired or for another session.
   */
  async claimAgentEnd(id: string, tokenHash: string, instanceId: string): Promise<SessionRow | undefined> {
    return this.db.transaction(async (trx) => {
      const changed = await trx('remote_sessions')
        .where({ id, token_hash: tokenHash })
        .where('token_expires_at', '>', new Date().toISOString())
        .whereNull('ended_at')
        .update({ token_hash: null, token_expires_at: null, agent_instance_id: instanceId });
      if (changed === 0) return undefined;
      return trx('remote_sessions').where({ id }).first();
    });
  }

  /**
   * The technician's browser end arrives at `instanceId`: answers the row afterwards (with
   * the agent's instance when its end came first), `'busy'` when another browser end holds
   * it, undefined when it is not this user's live session in this tenant.
   */
  async claimBrowserEnd(
    tenantId: string,
    userId: string,
    id: string,
    instanceId: string,
  ): Promise<SessionRow | 'busy' | undefined> {
    return this.db.transaction(async (trx) => {
      const changed = await trx('remote_sessions')
        .where({ id, tenant_id: tenantId, user_id: userId })
        .whereNull('ended_at')
        .whereNull('browser_instance_id')
        .update({ browser_instance_id: instanceId });
      const row: SessionRow | undefined = await trx('remote_sessions')
        .where({ id, tenant_id: tenantId, user_id: userId })
        .whereNull('ended_at')
        .first();
      if (!row) return undefined;
      return changed === 0 ? 'busy' : row;
    });
  }

  async setPeerHash(id: string, peerHash: string): Promise<void> {
    await this.db('remote_sessions').where({ id }).update({ peer_hash: peerHash });
  }

  /** Uses a bridge's peer secret once: true when it was this session's. */
  async takePeerHash(id: string, peerHash: string): Promise<boolean> {
    const changed = await this.db('remote_sessions')
      .where({ id, peer_hash: peerHash })
      .whereNull('ended_at')
      .update({ peer_hash: null });
    return changed === 1;
  }

  /** Ends a live session; answers its row when this call ended it, undefined when it had already ended. */
  async end(id: string, reason: string, byUserId: string | null): Promise<SessionRow | undefined> {
    const endedAt = new Date().toISOString();
    const changed = await this.db('remote_sessions')
      .where({ id })
      .whereNull('ended_at')
      .update({
        ended_at: endedAt,
        end_reason: reason.slice(0, 200),
        ended_by_user_id: byUserId,
        token_hash: null,
        token_expires_at: null,
        peer_hash: null,
      });
    return changed === 1 ? this.byId(id) : undefined;
  }

  /** Stores the bytes counted so far (the instance holding the agent's end counts them). */
  async saveBytes(counts: Array<{ id: string; toDevice: number; fromDevice: number }>): Promise<void> {
    if (counts.length === 0) return;
    await this.db.transaction(async (trx) => {
      for (const count of counts)
        await trx('remote_sessions')
          .where({ id: count.id })
          .update({ bytes_to_device: count.toDevice, bytes_from_device: count.fromDevice });
    });
  }

  async liveIdsOfDevices(deviceIds: string[]): Promise<string[]> {
    if (deviceIds.length === 0) return [];
    const rows = await this.db('remote_sessions').whereIn('device_id', deviceIds).whereNull('ended_at').select('id');
    return rows.map((row: { id: string }) => row.id);
  }

  async recordInstance(id: string, url: string): Promise<void> {
    await this.db('remote_instances')
      .insert({ id, url, started_at: new Date().toISOString() })
      .onConflict('id')
      .merge();
  }

  async instanceUrl(id: string): Promise<string | undefined> {
    const row = await this.db('remote_instances').where({ id }).first('url');
    return row?.url;
  }
}
