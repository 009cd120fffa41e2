import { InputError, type TenantScope, decodeCursor, encodeCursor, pageLimit } from '@outpost/core';
import type { Knex } from 'knex';
import type { DeviceStatus, DeviceSummary, ListQuery, SortKey } from './schemas.js';
import { deviceStatuses } from './schemas.js';
import { statusOf } from './status.js';

export interface DeviceRow {
  id: string;
  tenant_id: string;
  short_id: string;
  secret_hash: string;
  name: string;
  name_lower: string;
  group_id: string | null;
  tags: string;
  notes: string;
  notify_email: string | null;
  sound: boolean | number;
  permalink: string | null;
  contact_id: string | null;
  settings: string;
  hostname: string;
  os: string;
  os_name: string;
  os_version: string;
  agent_version: string;
  facts: string;
  system_info: string | null;
  status_info: string | null;
  ip: string | null;
  country: string | null;
  city: string | null;
  admission: string;
  limited_until: string | Date | null;
  online: boolean | number;
  service: boolean | number;
  display: boolean | number;
  instance_id: string | null;
  session_count: number;
  enrollment_source: string;
  enrollment_ref: string;
  created_at: string | Date;
  first_connected_at: string | Date | null;
  last_seen_at: string | Date;
  deleted_at: string | Date | null;
}

const sortColumns: Record<SortKey, string> = {
  name: 'd.name_lower',
  lastSeen: 'd.last_seen_at',
  enrolled: 'd.created_at',
};
const summaryColumns = [
  'd.id',
  'd.tenant_id',
  'd.short_id',
  'd.name',
  'd.name_lower',
  'd.group_id',
  'd.tags',
  'd.hostname',
  'd.os',
  'd.os_name',
  'd.os_version',
  'd.agent_version',
  'd.ip',
  'd.facts',
  'd.country',
  'd.city',
  'd.admission',
  'd.limited_until',
  'd.online',
  'd.service',
  'd.session_count',
  'd.permalink',
  'd.created_at',
  'd.first_connected_at',
  'd.last_seen_at',
  'd.deleted_at',
];

interface Cursor {
  /** Phase: favorites first, then the rest, or all at once. */
  p: 'fav' | 'rest' | 'all';
  k: string;
  id: string;
}

/** Up to this many devices with a tag, a tag filter is an id list; above, a correlated test. */
const rareTagLimit = 500;

const iso = (value: string | Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

/** Whether the agent reported a MAC address (Wake-on-LAN can reach the device). */
function macKnown(facts: string | undefined): boolean {
  try {
    const macs = (JSON.parse(facts ?? '{}') as { macs?: unknown }).macs;
    return Array.isArray(macs) && macs.some((mac) => typeof mac === 'string' && mac.length > 0);
  } catch {
    return false;
  }
}

/**
 * Device lists: filters, sorting and keyset pagination that stay fast at 100,000
 * devices a tenant. Favorites come first as their own phase, so each phase is one
 * indexed range scan instead of a sort over the whole tenant.
 */
export class DeviceList {
  private readonly pg: boolean;

  constructor(
    private readonly db: Knex,
    /** A device whose instance has not vouched for it for this long counts as offline. */
    readonly staleAfterMs: number,
  ) {
    this.pg = db.client.config.client === 'pg';
  }

  async page(
    tenant: TenantScope,
    userId: string | undefined,
    query: ListQuery,
  ): Promise<{ items: DeviceSummary[]; nextCursor: string | null; total?: number }> {
    const cursor = query.cursor ? decodeCursor(query.cursor, isCursor) : undefined;
    const limit = pageLimit(query.limit);
    // The caller's favorites as a list of ids: an explicit list lets the database use the
    // primary key, where a subquery would make it test every device of the tenant.
    const favorites = query.favoritesFirst && userId ? await this.favoriteIds(tenant, userId) : [];
    const tagged = await this.taggedIds(tenant, query);
    let phase: Cursor['p'] = cursor?.p ?? (favorites.length > 0 ? 'fav' : 'all');
    let after = cursor;
    const rows: DeviceRow[] = [];
    let nextCursor: string | null = null;
    while (rows.length < limit) {
      const want = limit - rows.length;
      const batch = await this.fetch(tenant, userId, query, phase, favorites, tagged, after, want + 1);
      rows.push(...batch.slice(0, want));
      if (batch.length > want) {
        const last = rows[rows.length - 1]!;
        nextCursor = encodeCursor({ p: phase, k: keyOf(last, query.sort), id: last.id });
        break;
      }
      if (phase !== 'fav') break;
      phase = 'rest';
      after = undefined;
    }
    const items = await this.summaries(rows, userId);
    const total = query.withTotal ? await this.count(tenant, userId, query, tagged) : undefined;
    return { items, nextCursor, ...(total === undefined ? {} : { total }) };
  }

  private async favoriteIds(tenant: TenantScope, userId: string): Promise<string[]> {
    return this.db('devices_favorites as f')
      .join('devices_devices as d', 'd.id', 'f.device_id')
      .where({ 'f.user_id': userId, 'd.tenant_id': tenant.tenantId })
      .pluck('f.device_id');
  }

  private async count(
    tenant: TenantScope,
    userId: string | undefined,
    query: ListQuery,
    tagged: string[] | undefined,
  ): Promise<number> {
    const [{ n }] = await this.filtered(tenant, userId, query, tagged).count({ n: '*' });
    return Number(n);
  }

  /** How many devices (not in Trash) are in each status. */
  async statusCounts(tenant: TenantScope): Promise<Record<DeviceStatus, number>> {
    const counts = {} as Record<DeviceStatus, number>;
    for (const status of deviceStatuses) {
      const [{ n }] = await this.whereStatus(
        this.db('devices_devices as d').where('d.tenant_id', tenant.tenantId).whereNull('d.deleted_at'),
        status,
      ).count({ n: '*' });
      counts[status] = Number(n);
    }
    return counts;
  }

  /** The API shape of rows, with their group names, screenshot times and the caller's favorites and shares. */
  async summaries(rows: DeviceRow[], userId: string | undefined): Promise<DeviceSummary[]> {
    const ids = rows.map((r) => r.id);
    const [favorites, shares, groups, shots] = await Promise.all([
      userId && ids.length
        ? this.db('devices_favorites').where({ user_id: userId }).whereIn('device_id', ids).pluck('device_id')
        : [],
      userId && ids.length
        ? this.db('devices_shares').where({ user_id: userId }).whereIn('device_id', ids).pluck('device_id')
        : [],
      this.groupNames(rows),
      ids.length ? this.db('devices_screenshots').whereIn('device_id', ids).select('device_id', 'taken_at') : [],
    ]);
    const favorite = new Set(favorites as string[]);
    const shared = new Set(shares as string[]);
    const shotAt = new Map(shots.map((s: { device_id: string; taken_at: string }) => [s.device_id, s.taken_at]));
    const now = Date.now();
    return rows.map((row) => {
      const screenshotAt = iso(shotAt.get(row.id));
      return {
        id: row.id,
        shortId: row.short_id,
        name: row.name,
        status: statusOf(row, now, this.staleAfterMs),
        groupId: row.group_id,
        groupName: groups.get(row.group_id ?? '') ?? null,
        tags: JSON.parse(row.tags) as string[],
        os: row.os,
        osName: row.os_name,
        osVersion: row.os_version,
        hostname: row.hostname,
        agentVersion: row.agent_version,
        ip: row.ip,
        country: row.country,
        city: row.city,
        favorite: favorite.has(row.id),
        shared: shared.has(row.id),
        hasScreenshot: screenshotAt !== null,
        screenshotAt,
        permalink: row.permalink,
        createdAt: iso(row.created_at)!,
        firstConnectedAt: iso(row.first_connected_at),
        lastSeenAt: iso(row.last_seen_at)!,
        limitedUntil: iso(row.limited_until),
        macKnown: macKnown(row.facts),
        deletedAt: iso(row.deleted_at),
        sessionCount: Number(row.session_count),
      };
    });
  }

  private async groupNames(rows: DeviceRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.group_id).filter((id): id is string => Boolean(id)))];
    if (ids.length === 0) return new Map();
    return new Map(
      (await this.db('devices_groups').whereIn('id', ids).select('id', 'name')).map((g) => [g.id, g.name]),
    );
  }

  private fetch(
    tenant: TenantScope,
    userId: string | undefined,
    query: ListQuery,
    phase: Cursor['p'],
    favorites: string[],
    tagged: string[] | undefined,
    after: Cursor | undefined,
    limit: number,
  ): Promise<DeviceRow[]> {
    // No joins here: the page is one range scan of an index; group names and screenshot
    // times of the 50 rows are read afterwards (see summaries()).
    const q = this.filtered(tenant, userId, query, tagged).select(summaryColumns);
    if (phase === 'fav') q.whereIn('d.id', favorites);
    else if (phase === 'rest' && favorites.length > 0) q.whereNotIn('d.id', favorites);
    const column = sortColumns[query.sort];
    const direction = query.order;
    if (after) {
      const op = direction === 'asc' ? '>' : '<';
      q.where((w) =>
        w.where(column, op, after.k).orWhere((x) => x.where(column, after.k).andWhere('d.id', op, after.id)),
      );
    }
    return q
      .orderBy([
        { column, order: direction },
        { column: 'd.id', order: direction },
      ])
      .limit(limit) as Promise<DeviceRow[]>;
  }

  /** The devices with the filter's tag when they are few (an id list is then the fastest filter); undefined when many. */
  private async taggedIds(tenant: TenantScope, query: Pick<ListQuery, 'tag'>): Promise<string[] | undefined> {
    if (!query.tag) return undefined;
    const ids = await this.db('devices_tags')
      .where({ tenant_id: tenant.tenantId, tag: query.tag.toLowerCase() })
      .limit(rareTagLimit + 1)
      .pluck('device_id');
    return ids.length <= rareTagLimit ? ids : undefined;
  }

  private filtered(
    tenant: TenantScope,
    userId: string | undefined,
    query: ListQuery,
    tagged: string[] | undefined,
  ): Knex.QueryBuilder {
    const q = this.db('devices_devices as d').where('d.tenant_id', tenant.tenantId);
    if (query.trash) q.whereNotNull('d.deleted_at');
    else q.whereNull('d.deleted_at');
    if (query.q?.trim()) this.whereMatches(q, query.q);
    if (query.status) this.whereStatus(q, query.status);
    if (query.groupId === 'none') q.whereNull('d.group_id');
    else if (query.groupId) q.where('d.group_id', query.groupId);
    if (query.tag) {
      const tag = query.tag.toLowerCase();
      if (tagged) q.whereIn('d.id', tagged);
      // A common tag: walk the sorted index and test each device (the subquery is kept
      // correlated on purpose; PostgreSQL would otherwise join every tagged row and sort).
      else
        q.whereRaw(
          `exists (select 1 from devices_tags t where t.device_id = d.id and t.tag = ? ${this.pg ? 'offset 0' : ''})`,
          [tag],
        );
    }
    if (query.os) q.where('d.os', query.os);
    if (query.shared) {
      if (!userId) throw new InputError('Only a user has devices shared with them.');
      q.whereIn('d.id', this.db('devices_shares').where({ user_id: userId }).select('device_id'));
    }
    return q;
  }

  /** The SQL form of statusOf(). */
  /**
   * `q` finds a device by a part of its name, by its 9-digit ID (spaces or dashes allowed, as people
   * read it out: "123 456 789"; from 3 digits, the IDs starting with them) or by the start of its IP address.
   */
  private whereMatches(q: Knex.QueryBuilder, text: string): void {
    const needle = text.trim().toLowerCase();
    const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    const digits = needle.replace(/[\s-]+/g, '');
    q.where((w) => {
      w.whereRaw("d.name_lower like ? escape '\\'", [`%${escaped}%`]);
      if (/^\d{9}$/.test(digits)) w.orWhere('d.short_id', digits);
      else if (/^\d{3,8}$/.test(digits)) w.orWhere('d.short_id', 'like', `${digits}%`);
      if (/^[0-9a-f]*[.:][0-9a-f.:]*$/.test(needle)) w.orWhereRaw("d.ip like ? escape '\\'", [`${escaped}%`]);
    });
  }

  private whereStatus(q: Knex.QueryBuilder, status: DeviceStatus): Knex.QueryBuilder {
    const now = new Date().toISOString();
    const fresh = new Date(Date.now() - this.staleAfterMs).toISOString();
    switch (status) {
      case 'disabled':
        return q.where((w) =>
          w
            .where('d.admission', 'disabled')
            .orWhere((x) => x.where('d.admission', 'limited').andWhere('d.limited_until', '<=', now)),
        );
      case 'limited':
        return q.where('d.admission', 'limited').andWhere('d.limited_until', '>', now);
      case 'offline':
        return q
          .where('d.admission', 'active')
          .andWhere((w) => w.where('d.online', false).orWhere('d.last_seen_at', '<=', fresh));
      case 'online':
      case 'not-installed':
        return q
          .where({ 'd.admission': 'active', 'd.online': true, 'd.service': status === 'online' })
          .andWhere('d.last_seen_at', '>', fresh);
    }
  }
}

function keyOf(row: DeviceRow, sort: SortKey): string {
  if (sort === 'name') return row.name_lower;
  return iso(sort === 'lastSeen' ? row.last_seen_at : row.created_at)!;
}

function isCursor(value: unknown): value is Cursor {
  const cursor = value as Partial<Cursor> | null;
  if (typeof cursor !== 'object' || cursor === null) return false;
  return ['fav', 'rest', 'all'].includes(cursor.p!) && typeof cursor.k === 'string' && typeof cursor.id === 'string';
}
