import { toCsv } from '../http/csv.js';
import { decodeCursor, encodeCursor, isPositiveInteger, pageLimit } from '../schema/paging.js';
import type { Knex } from 'knex';

export interface AuditFilters {
  /** A user id, or part of the actor's label (an e-mail address, a key name). */
  actor?: string;
  /** An action, or a prefix ending in `*` (`auth.*`). */
  action?: string;
  /** `type` or `type:id`. */
  resource?: string;
  from?: string;
  to?: string;
}

export interface AuditItem {
  id: number;
  time: string;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  resource: { type: string; id: string } | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
}

const exportLimit = 100_000;

/** Reads one tenant's audit log. There is no way to change an entry; only retention deletes them. */
export class AuditQuery {
  constructor(private readonly db: Knex) {}

  async list(
    tenantId: string,
    filters: AuditFilters,
    limit: number,
    cursor?: string,
  ): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
    const size = pageLimit(limit);
    const query = this.filtered(tenantId, filters)
      .orderBy('id', 'desc')
      .limit(size + 1);
    if (cursor) query.where('id', '<', decodeCursor(cursor, isPositiveInteger));
    const rows = await query;
    const items = rows.slice(0, size).map(toItem);
    return { items, nextCursor: rows.length > size ? encodeCursor(items.at(-1)!.id) : null };
  }

  async csv(tenantId: string, filters: AuditFilters): Promise<string> {
    const rows = (
      (await this.filtered(tenantId, filters).orderBy('id', 'desc').limit(exportLimit)) as Array<Record<string, any>>
    ).map(toItem);
    return toCsv([
      [
        'time',
        'actor_kind',
        'actor',
        'actor_id',
        'action',
        'resource_type',
        'resource_id',
        'ip',
        'user_agent',
        'details',
      ],
      ...rows.map((r) => [
        r.time,
        r.actor.kind,
        r.actor.label,
        r.actor.id ?? '',
        r.action,
        r.resource?.type ?? '',
        r.resource?.id ?? '',
        r.ip ?? '',
        r.userAgent ?? '',
        r.details ? JSON.stringify(r.details) : '',
      ]),
    ]);
  }

  /** Retention: deletes entries older than `days`; returns how many. */
  async purgeOlderThan(days: number): Promise<number> {
    return this.db('core_audit')
      .where('created_at', '<', new Date(Date.now() - days * 86_400_000).toISOString())
      .delete();
  }

  private filtered(tenantId: string, filters: AuditFilters): Knex.QueryBuilder {
    const query = this.db('core_audit').where({ tenant_id: tenantId });
    if (filters.actor) {
      const actor = filters.actor;
      query.where((q) =>
        q
          .where('actor_id', actor)
          .orWhereRaw(`lower(actor_label) like ? escape '\\'`, [`%${escapeLike(actor.toLowerCase())}%`]),
      );
    }
    if (filters.action?.endsWith('*'))
      query.whereRaw(`action like ? escape '\\'`, [`${escapeLike(filters.action.slice(0, -1))}%`]);
    else if (filters.action) query.where('action', filters.action);
    if (filters.resource) {
      const [type, id] = filters.resource.split(':', 2);
      query.where('resource_type', type);
      if (id) query.where('resource_id', id);
    }
    if (filters.from) query.where('created_at', '>=', new Date(filters.from).toISOString());
    if (filters.to) query.where('created_at', '<', new Date(filters.to).toISOString());
    return query;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toItem(row: Record<string, any>): AuditItem {
  return {
    id: Number(row.id),
    time: new Date(row.created_at).toISOString(),
    actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
    action: row.action,
    resource: row.resource_type ? { type: row.resource_type, id: row.resource_id } : null,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details ? JSON.parse(row.details) : null,
  };
}
