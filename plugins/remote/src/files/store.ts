import { type TenantScope, decodeCursor, encodeCursor } from '@outpost/core';
import type { Knex } from 'knex';

export interface TransferRow {
  id: string;
  tenant_id: string;
  session_id: string;
  device_id: string;
  user_id: string;
  path: string;
  name: string;
  size: number | string;
  bytes: number | string;
  direction: string;
  result: string;
  error: string | null;
  created_at: string | Date;
}

export interface TransferFilter {
  deviceId?: string;
  userId?: string;
  sessionId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const isPosition = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string');

/** The only module of the files part that touches the database. */
export class FilesStore {
  constructor(private readonly db: Knex) {}

  /** The files session a device's agent reports about: only one of that device. */
  async sessionOfDevice(
    sessionId: string,
    deviceId: string,
  ): Promise<{ tenant_id: string; user_id: string; kind: string } | undefined> {
    return (await this.db('remote_sessions')
      .where({ id: sessionId, device_id: deviceId })
      .first('tenant_id', 'user_id', 'kind')) as { tenant_id: string; user_id: string; kind: string } | undefined;
  }

  async insertTransfer(row: TransferRow): Promise<void> {
    await this.db('remote_file_transfers').insert(row);
  }

  /** Newest first, keyset pages on (created_at, id). */
  async transfers(
    tenant: TenantScope,
    filter: TransferFilter,
  ): Promise<{ rows: TransferRow[]; nextCursor: string | null }> {
    let query = tenant.table('remote_file_transfers');
    if (filter.deviceId) query = query.where('device_id', filter.deviceId);
    if (filter.userId) query = query.where('user_id', filter.userId);
    if (filter.sessionId) query = query.where('session_id', filter.sessionId);
    if (filter.from) query = query.where('created_at', '>=', new Date(filter.from).toISOString());
    if (filter.to) query = query.where('created_at', '<', new Date(filter.to).toISOString());
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor, isPosition);
      query = query.where((w) =>
        w.where('created_at', '<', at).orWhere((same) => same.where('created_at', at).andWhere('id', '<', id)),
      );
    }
    const found = (await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit + 1)) as TransferRow[];
    const rows = found.slice(0, filter.limit);
    const last = rows.at(-1);
    return {
      rows,
      nextCursor:
        found.length > filter.limit && last ? encodeCursor([new Date(last.created_at).toISOString(), last.id]) : null,
    };
  }

  async terminalUserOf(tenantId: string, deviceId: string): Promise<string | null> {
    const row = (await this.db('remote_device_settings')
      .where({ tenant_id: tenantId, device_id: deviceId })
      .first('terminal_user')) as { terminal_user: string | null } | undefined;
    return row?.terminal_user ?? null;
  }

  async terminalUser(tenant: TenantScope, deviceId: string): Promise<string | null> {
    const row = (await tenant.table('remote_device_settings').where({ device_id: deviceId }).first('terminal_user')) as
      { terminal_user: string | null } | undefined;
    return row?.terminal_user ?? null;
  }

  async setTerminalUser(tenant: TenantScope, deviceId: string, user: string | null, by: string | null): Promise<void> {
    const values = { terminal_user: user, updated_at: new Date().toISOString(), updated_by_user_id: by };
    const updated = await tenant.table('remote_device_settings').where({ device_id: deviceId }).update(values);
    if (updated === 0) await tenant.insert('remote_device_settings', { device_id: deviceId, ...values });
  }
}
