import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AuditActor, AuditLog } from '../audit/audit.js';
import type { FastReads } from '../db/fast-reads.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { AccessChanges } from './access-changes.js';
import type { RequestClient } from './principal.js';
import { describeUserAgent } from './sessions.js';
import { hashToken, randomToken } from './tokens.js';

export const apiKeyPrefix = 'opk_';
/** Scope for every permission the creator holds. */
export const allScope = '*';
/** Scope that lets a key use unsafe methods; without it a key only reads. */
export const writeScope = 'write';

/** Where a key was created or used from: the IP address and the client's user agent, described. */
export interface KeyOrigin {
  ip: string;
  device: string;
  software: string;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  /** The start of the key, enough to recognize it. */
  prefix: string;
  scopes: string[];
  createdAt: string;
  /** Null for keys made before origins were recorded. */
  createdFrom: KeyOrigin | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedFrom: KeyOrigin | null;
  requests30d: number;
}

export interface KeyOwner {
  userId: string;
  email: string;
  tenantId: string;
  permissions: ReadonlySet<string>;
}

export interface ResolvedKey {
  id: string;
  name: string;
  userId: string;
  tenantId: string;
  scopes: string[];
}

const resolveSql =
  'select id, name, user_id, tenant_id, scopes, expires_at from core_api_keys where key_hash = ? and revoked_at is null';

/** Usage counts are written in batches, not on every request. */
const flushEveryMs = 5_000;

/**
 * API keys: `opk_` and 43 random characters, shown once, stored as a SHA-256 hash.
 * A key acts in its creator's tenant with the creator's permissions narrowed to its
 * scopes, so it never holds more than the creator does at the time of the request.
 */
export class ApiKeyService {
  private readonly usage = new Map<string, { requests: number; lastUsedAt: string; client: RequestClient }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Knex,
    private readonly reads: FastReads,
    private readonly audit: AuditLog,
    private readonly knownPermissions: readonly string[],
    private readonly logger: Logger,
    private readonly accessChanges: AccessChanges,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs).unref();
  }

  async create(
    owner: KeyOwner,
    input: { name: string; scopes: string[]; expiresAt?: string },
    client: RequestClient,
  ): Promise<{ key: string; info: ApiKeyInfo }> {
    const scopes = [...new Set(input.scopes)];
    const problems = scopes.flatMap((scope, index) => {
      if (scope === allScope || scope === writeScope) return [];
      if (!this.knownPermissions.includes(scope))
        return [{ pointer: `/body/scopes/${index}`, message: `"${scope}" is not a permission of this Outpost.` }];
      if (!owner.permissions.has(scope))
        return [{ pointer: `/body/scopes/${index}`, message: `You do not hold "${scope}" yourself.` }];
      return [];
    });
    if (problems.length > 0) throw new ValidationError(problems, 'A key can only have scopes that you hold.');
    if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) {
      throw new ValidationError([{ pointer: '/body/expiresAt', message: 'Choose a time in the future.' }]);
    }
    const key = `${apiKeyPrefix}${randomToken()}`;
    const row = {
      id: randomUUID(),
      key_hash: hashToken(key),
      prefix: key.slice(0, 12),
      user_id: owner.userId,
      tenant_id: owner.tenantId,
      name: input.name,
      scopes: JSON.stringify(scopes),
      created_at: new Date().toISOString(),
      created_ip: client.ip.slice(0, 64),
      created_user_agent: client.userAgent.slice(0, 512),
      expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    };
    await this.db('core_api_keys').insert(row);
    await this.audit.record({
      tenantId: owner.tenantId,
      actor: { kind: 'user', id: owner.userId, label: owner.email },
      action: 'api-key.created',
      resource: { type: 'api-key', id: row.id },
      client,
      details: { name: input.name, scopes },
    });
    return { key, info: toInfo(row, 0) };
  }

  /** The user's live keys in a tenant, with their use in the last 30 days. */
  async list(userId: string, tenantId: string): Promise<ApiKeyInfo[]> {
    await this.flush();
    const since = dayOf(Date.now() - 29 * 86_400_000);
    const rows = await this.db('core_api_keys')
      .where({ user_id: userId, tenant_id: tenantId })
      .whereNull('revoked_at')
      .orderBy('created_at', 'desc');
    const counts: Array<{ key_id: string; requests: string | number }> = await this.db('core_api_key_usage')
      .whereIn(
        'key_id',
        rows.map((r) => r.id),
      )
      .where('day', '>=', since)
      .groupBy('key_id')
      .select('key_id')
      .sum({ requests: 'requests' });
    const byKey = new Map(counts.map((c) => [c.key_id, Number(c.requests)]));
    return rows.map((row) => toInfo(row, byKey.get(row.id) ?? 0));
  }

  /** Revokes a key of the user at once; the next request with it is refused and its open streams close. */
  async revoke(owner: { userId: string; email: string }, keyId: string, client: RequestClient): Promise<void> {
    const key = await this.db('core_api_keys')
      .where({ id: keyId, user_id: owner.userId })
      .whereNull('revoked_at')
      .first('id', 'tenant_id', 'name');
    if (!key) throw new NotFoundError('There is no such API key.');
    await this.revokeKeys([key], { kind: 'user', id: owner.userId, label: owner.email }, client);
    await this.accessChanges.announce({ reason: 'api-key.revoked', apiKeyId: keyId });
  }

  /**
   * Revokes every live key of the user, in every tenant (recovering an account); each
   * revocation is audited with the reason. Answers how many were revoked.
   */
  async revokeAll(userId: string, actor: AuditActor, reason: string, client?: RequestClient): Promise<number> {
    const keys = await this.db('core_api_keys')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .select('id', 'tenant_id', 'name');
    if (keys.length === 0) return 0;
    await this.revokeKeys(keys, actor, client, reason);
    await this.accessChanges.announce({ reason: 'api-keys.revoked', userId });
    return keys.length;
  }

  /** How many live keys the user has, in every tenant. */
  async countLive(userId: string): Promise<number> {
    const [{ n }] = await this.db('core_api_keys').where({ user_id: userId }).whereNull('revoked_at').count({ n: '*' });
    return Number(n);
  }

  private async revokeKeys(
    keys: Array<{ id: string; tenant_id: string; name: string }>,
    actor: AuditActor,
    client?: RequestClient,
    reason?: string,
  ): Promise<void> {
    await this.db.transaction(async (trx) => {
      const ids = keys.map((key) => key.id);
      await trx('core_api_keys').whereIn('id', ids).update({ revoked_at: new Date().toISOString() });
      for (const key of keys) {
        await this.audit.record(
          {
            tenantId: key.tenant_id,
            actor,
            action: 'api-key.revoked',
            resource: { type: 'api-key', id: key.id },
            client,
            details: reason ? { name: key.name, reason } : { name: key.name },
          },
          trx,
        );
      }
    });
  }

  /**
   * The live key a bearer token names; undefined for unknown, revoked or expired keys.
   * With the request's client, the request counts as a use of the key (when and from where).
   */
  async resolve(token: string, usedBy?: RequestClient): Promise<ResolvedKey | undefined> {
    if (!token.startsWith(apiKeyPrefix)) return undefined;
    const row = await this.reads.one<Record<string, any>>(resolveSql, [hashToken(token)]);
    if (!row) return undefined;
    if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) return undefined;
    if (usedBy) {
      const count = this.usage.get(row.id) ?? { requests: 0, lastUsedAt: '', client: usedBy };
      count.requests += 1;
      count.lastUsedAt = new Date().toISOString();
      count.client = usedBy;
      this.usage.set(row.id, count);
    }
    return { id: row.id, name: row.name, userId: row.user_id, tenantId: row.tenant_id, scopes: JSON.parse(row.scopes) };
  }

  /** Writes the counted use to the database (every few seconds, before listing, and at stop). */
  async flush(): Promise<void> {
    if (this.usage.size === 0) return;
    const batch = [...this.usage];
    this.usage.clear();
    const day = dayOf(Date.now());
    try {
      for (const [keyId, { requests, lastUsedAt, client }] of batch) {
        await this.db('core_api_keys')
          .where({ id: keyId })
          .update({
            last_used_at: lastUsedAt,
            last_used_ip: client.ip.slice(0, 64),
            last_used_user_agent: client.userAgent.slice(0, 512),
          });
        await this.db('core_api_key_usage')
          .insert({ key_id: keyId, day, requests })
          .onConflict(['key_id', 'day'])
          .merge({ requests: this.db.raw('core_api_key_usage.requests + ?', [requests]) });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'API key usage could not be written');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** The permissions a key holds: its creator's, narrowed to its scopes. */
export function keyPermissions(scopes: string[], creatorPermissions: ReadonlySet<string>): Set<string> {
  if (scopes.includes(allScope)) return new Set(creatorPermissions);
  return new Set(scopes.filter((scope) => creatorPermissions.has(scope)));
}

export function keyOwnerFor(principal: {
  userId?: string;
  label?: string;
  tenantId: string | null;
  permissions: ReadonlySet<string>;
}): KeyOwner {
  if (!principal.tenantId)
    throw new ConflictError('You are not a member of any tenant yet, so a key would have nothing to act on.', {
      type: 'no-tenant',
    });
  if (!principal.userId) throw new ForbiddenError('Only a signed-in user can manage API keys.');
  return {
    userId: principal.userId,
    email: principal.label ?? '',
    tenantId: principal.tenantId,
    permissions: principal.permissions,
  };
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function toInfo(row: Record<string, any>, requests30d: number): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: typeof row.scopes === 'string' ? JSON.parse(row.scopes) : row.scopes,
    createdAt: new Date(row.created_at).toISOString(),
    createdFrom: originOf(row.created_ip, row.created_user_agent),
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
    lastUsedFrom: originOf(row.last_used_ip, row.last_used_user_agent),
    requests30d,
  };
}

function originOf(ip: string | null | undefined, userAgent: string | null | undefined): KeyOrigin | null {
  if (!ip) return null;
  return { ip, ...describeUserAgent(userAgent ?? '') };
}
