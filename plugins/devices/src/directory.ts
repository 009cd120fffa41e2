import { pageLimit } from '@outpost/core';
import type { Knex } from 'knex';
import type { ConnectionEntry, DeviceDirectory, DeviceSummary } from './api.js';
import { parseCredentials } from './gateway.js';
import type { DeviceList } from './list.js';
import type { DeviceRegistry } from './registry/index.js';
import { type StatusFields, statusOf } from './status.js';

const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/** The devices plugin's answers to other plugins (deviceDirectoryRef). */
export function createDeviceDirectory(
  db: Knex,
  registry: Pick<DeviceRegistry, 'counts' | 'enroller'>,
  list: DeviceList,
): DeviceDirectory {
  return {
    countEnrolled: (source, references) => registry.counts.enrolled(source, references),
    hasGroup: async (tenantId, groupId) =>
      Boolean(await db('devices_groups').where({ tenant_id: tenantId, id: groupId }).first('id')),
    async enrollmentOf(deviceId) {
      const row = await db('devices_devices').where({ id: deviceId }).first('enrollment_source', 'enrollment_ref');
      return row ? { source: row.enrollment_source, reference: row.enrollment_ref } : undefined;
    },
    async describe(tenantId, ids): Promise<DeviceSummary[]> {
      if (ids.length === 0) return [];
      const rows = (await db('devices_devices')
        .where({ tenant_id: tenantId })
        .whereIn('id', ids)
        .whereNull('deleted_at')
        .orderBy('name')
        .select(
          'id',
          'name',
          'os',
          'admission',
          'limited_until',
          'online',
          'service',
          'last_seen_at',
          'status_info',
        )) as Array<StatusFields & { id: string; name: string; os: string; status_info: string | null }>;
      const now = Date.now();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        os: row.os,
        status: statusOf(row, now, list.staleAfterMs),
        lastSeenAt: iso(row.last_seen_at)!,
        signedInUser: signedInUser(row.status_info),
      }));
    },
    async connectionsOf(tenantId, ids, limit): Promise<ConnectionEntry[]> {
      if (ids.length === 0) return [];
      const rows = await db('devices_sessions')
        .where({ tenant_id: tenantId })
        .whereIn('device_id', ids)
        .orderBy('connected_at', 'desc')
        .limit(pageLimit(limit));
      return rows.map((row: Record<string, any>) => ({
        deviceId: row.device_id,
        connectedAt: iso(row.connected_at)!,
        disconnectedAt: iso(row.disconnected_at),
        ip: row.ip,
      }));
    },
    async authenticateAgent(authorization) {
      const credentials = parseCredentials(authorization);
      if (!credentials) return undefined;
      const verdict = await registry.enroller.authenticate(credentials);
      return 'device' in verdict
        ? { deviceId: verdict.device.id, tenantId: verdict.device.tenant_id, name: verdict.device.name }
        : undefined;
    },
  };
}

function signedInUser(statusInfo: string | null): string | null {
  if (!statusInfo) return null;
  try {
    const user = (JSON.parse(statusInfo) as { user?: unknown }).user;
    return typeof user === 'string' && user.length > 0 ? user : null;
  } catch {
    return null;
  }
}
