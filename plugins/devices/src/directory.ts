import { pageLimit } from '@outpost/core';
import type { Knex } from 'knex';
import type { ConnectionEntry, DeviceDirectory, DeviceNetwork, DeviceSummary } from './api.js';
import { parseCredentials } from './gateway.js';
import type { DeviceList } from './list.js';
import type { DeviceRegistry } from './registry/index.js';
import { type StatusFields, statusOf } from './status.js';

const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

type SummaryRow = StatusFields & { id: string; short_id: string; name: string; os: string; status_info: string | null };
const summaryColumns = [
  'id',
  'short_id',
  'name',
  'os',
  'admission',
  'limited_until',
  'online',
  'service',
  'last_seen_at',
  'status_info',
];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function parseFacts(text: string): Record<string, unknown> {
  try {
    const facts: unknown = JSON.parse(text);
    return facts && typeof facts === 'object' ? (facts as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The devices plugin's answers to other plugins (deviceDirectoryRef). */
export function createDeviceDirectory(
  db: Knex,
  registry: Pick<DeviceRegistry, 'counts' | 'enroller'>,
  list: DeviceList,
): DeviceDirectory {
  const summarize = (row: SummaryRow): DeviceSummary => ({
    id: row.id,
    shortId: row.short_id,
    name: row.name,
    os: row.os,
    status: statusOf(row, Date.now(), list.staleAfterMs),
    lastSeenAt: iso(row.last_seen_at)!,
    signedInUser: signedInUser(row.status_info),
  });
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
        .select(summaryColumns)) as SummaryRow[];
      return rows.map((row) => summarize(row));
    },
    async byShortId(tenantId, shortId) {
      const row = (await db('devices_devices')
        .where({ tenant_id: tenantId, short_id: shortId })
        .whereNull('deleted_at')
        .first(summaryColumns)) as SummaryRow | undefined;
      return row ? summarize(row) : undefined;
    },
    async networks(tenantId, which): Promise<DeviceNetwork[]> {
      const query = db('devices_devices').where({ tenant_id: tenantId }).whereNull('deleted_at');
      if ('ids' in which) {
        if (which.ids.length === 0) return [];
        query.whereIn('id', which.ids);
      } else {
        // Connected: the same test as statusOf's, in SQL, so a large tenant's offline devices are not read.
        query
          .where({ online: true, admission: 'active' })
          .where('last_seen_at', '>', new Date(Date.now() - list.staleAfterMs).toISOString())
          .orderBy('last_seen_at', 'desc')
          .limit(which.limit);
      }
      const rows = (await query.select([...summaryColumns, 'facts', 'ip'])) as Array<
        SummaryRow & { facts: string; ip: string | null }
      >;
      return rows.map((row) => {
        const facts = parseFacts(row.facts);
        return {
          ...summarize(row),
          macs: [...new Set(strings(facts.macs).map((mac) => mac.toLowerCase().replace(/-/g, ':')))],
          networks: strings(facts.networks),
          publicIp: row.ip,
        };
      });
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
