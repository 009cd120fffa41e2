import type { Knex } from 'knex';
import type { RequestClient } from '../identity/principal.js';

export interface AuditActor {
  kind: 'user' | 'api-key' | 'device' | 'system' | 'anonymous';
  id: string | null;
  /** What a reader recognizes: an e-mail address, a key name. */
  label: string;
}

export interface AuditEntry {
  tenantId: string | null;
  actor: AuditActor;
  /** `<area>.<what happened>`, e.g. `auth.sign-in.failed`. */
  action: string;
  resource?: { type: string; id: string };
  /** Where the request came from: IP and user agent. */
  client?: RequestClient;
  /** Never secrets: no passwords, tokens or keys. */
  details?: Record<string, unknown>;
}

/** The append-only log of security-relevant actions. Nothing updates or deletes entries except retention. */
export interface AuditLog {
  record(entry: AuditEntry, db?: Knex): Promise<void>;
}

export function createAuditLog(db: Knex): AuditLog {
  return {
    async record(entry, on = db) {
      await on('core_audit').insert({
        tenant_id: entry.tenantId,
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id,
        actor_label: entry.actor.label.slice(0, 254),
        action: entry.action,
        resource_type: entry.resource?.type ?? null,
        resource_id: entry.resource?.id ?? null,
        ip: entry.client?.ip ?? null,
        user_agent: entry.client?.userAgent.slice(0, 512) ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
        created_at: new Date().toISOString(),
      });
    },
  };
}

/** The audit actor for whoever made a request. */
export function actorOf(principal: { kind: string; id: string; label?: string }): AuditActor {
  const kind = (['user', 'api-key', 'device', 'system'] as const).find((k) => k === principal.kind) ?? 'system';
  return { kind, id: principal.id, label: principal.label ?? principal.id };
}
