import { randomUUID } from 'node:crypto';
import Bowser from 'bowser';
import type { Knex } from 'knex';
import type { CoreConfig } from '../config/schema.js';
import type { FastReads } from '../db/fast-reads.js';
import type { AccessChanges } from './access-changes.js';
import type { RequestClient } from './principal.js';
import { hashToken, isoIn, randomToken } from './tokens.js';

export interface ActiveSession {
  id: string;
  userId: string;
  tenantId: string | null;
  email: string;
  mustChangePassword: boolean;
}

/** A session as its owner sees it in the list. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string;
  device: string;
  software: string;
  current: boolean;
}

const resolveSql = `select s.id, s.user_id, s.tenant_id, s.last_seen_at, s.expires_at, u.email, u.must_change_password
  from core_sessions s
  join core_users u on u.id = s.user_id
  where s.token_hash = ? and s.ended_at is null`;

interface SessionRow {
  id: string;
  user_id: string;
  tenant_id: string | null;
  last_seen_at: string | Date;
  expires_at: string | Date;
  email: string;
  must_change_password: boolean | number;
}

/** Last-seen times are written at most this often, not on every request. */
const touchEveryMs = 60_000;

/**
 * Server-side sessions. The browser holds a random token in an http-only cookie; the
 * database holds its SHA-256. A session ends on sign-out, when ended from the list,
 * after `idleMinutes` without a request, or `absoluteHours` after sign-in.
 */
export class SessionStore {
  private readonly idleMs: number;
  private readonly absoluteMs: number;

  constructor(
    private readonly db: Knex,
    private readonly reads: FastReads,
    config: CoreConfig['auth']['sessions'],
    private readonly accessChanges: AccessChanges,
  ) {
    this.idleMs = config.idleMinutes * 60_000;
    this.absoluteMs = config.absoluteHours * 3_600_000;
  }

  get absoluteLifetimeMs(): number {
    return this.absoluteMs;
  }

  async create(
    userId: string,
    tenantId: string | null,
    client: RequestClient,
    db: Knex = this.db,
  ): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const token = randomToken();
    const now = new Date().toISOString();
    await db('core_sessions').insert({
      id,
      token_hash: hashToken(token),
      user_id: userId,
      tenant_id: tenantId,
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 512),
      created_at: now,
      last_seen_at: now,
      expires_at: isoIn(this.absoluteMs),
    });
    return { id, token };
  }

  /**
   * The live session a cookie token names, or undefined (and the session ends when it has
   * run out). `touch: false` checks without counting as activity (an open stream's re-check).
   */
  async resolve(token: string, { touch = true } = {}): Promise<ActiveSession | undefined> {
    const row = await this.reads.one<SessionRow>(resolveSql, [hashToken(token)]);
    if (!row) return undefined;
    const now = Date.now();
    const lastSeen = new Date(row.last_seen_at).getTime();
    if (now >= new Date(row.expires_at).getTime() || now - lastSeen >= this.idleMs) {
      await this.db('core_sessions')
        .where({ id: row.id })
        .whereNull('ended_at')
        .update({ ended_at: new Date(now).toISOString() });
      return undefined;
    }
    if (touch && now - lastSeen >= touchEveryMs) {
      await this.db('core_sessions')
        .where({ id: row.id })
        .update({ last_seen_at: new Date(now).toISOString() });
    }
    return {
      id: row.id,
      userId: row.user_id,
      tenantId: row.tenant_id,
      email: row.email,
      mustChangePassword: Boolean(row.must_change_password),
    };
  }

  /** The user's live sessions, newest first. */
  async list(userId: string, currentId?: string): Promise<SessionInfo[]> {
    const rows: Array<Record<string, any>> = await this.live(
      this.db('core_sessions').where({ user_id: userId }),
    ).orderBy('created_at', 'desc');
    return rows.map((row) => ({
      id: row.id,
      createdAt: new Date(row.created_at).toISOString(),
      lastSeenAt: new Date(row.last_seen_at).toISOString(),
      ip: row.ip,
      ...describeUserAgent(row.user_agent),
      current: row.id === currentId,
    }));
  }

  async count(userId: string, db: Knex = this.db): Promise<number> {
    const [{ n }] = await this.live(db('core_sessions').where({ user_id: userId })).count({ n: '*' });
    return Number(n);
  }

  /** Ends one of the user's sessions, closing its open streams; false when the user has no such live session. */
  async end(userId: string, sessionId: string, reason = 'session.ended'): Promise<boolean> {
    const ended = await this.db('core_sessions')
      .where({ id: sessionId, user_id: userId })
      .whereNull('ended_at')
      .update({ ended_at: new Date().toISOString() });
    if (ended > 0) await this.accessChanges.announce({ reason, sessionId });
    return ended > 0;
  }

  /** Ends every session of the user, except `keepId` when given, closing their open streams; returns how many ended. */
  async endAll(userId: string, reason: string, keepId?: string): Promise<number> {
    const query = this.db('core_sessions').where({ user_id: userId }).whereNull('ended_at');
    if (keepId) query.whereNot({ id: keepId });
    const ended = await query.update({ ended_at: new Date().toISOString() });
    if (ended > 0) await this.accessChanges.announce({ reason, userId });
    return ended;
  }

  async setTenant(sessionId: string, tenantId: string): Promise<void> {
    await this.db('core_sessions').where({ id: sessionId }).update({ tenant_id: tenantId });
    await this.accessChanges.announce({ reason: 'tenant.switched', sessionId });
  }

  private live(query: Knex.QueryBuilder): Knex.QueryBuilder {
    const now = Date.now();
    return query
      .whereNull('ended_at')
      .where('expires_at', '>', new Date(now).toISOString())
      .where('last_seen_at', '>', new Date(now - this.idleMs).toISOString());
  }
}

/** "Device" and "software" of a session, from its user agent. */
export function describeUserAgent(userAgent: string): { device: string; software: string } {
  if (!userAgent) return { device: 'Unknown device', software: 'Unknown software' };
  const parsed = Bowser.parse(userAgent);
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ');
  const platform = parsed.platform.type
    ? `${parsed.platform.type[0]!.toUpperCase()}${parsed.platform.type.slice(1)}`
    : '';
  const device = [platform, os].filter(Boolean).join(', ') || 'Unknown device';
  const software = parsed.browser.name
    ? [parsed.browser.name, parsed.browser.version].filter(Boolean).join(' ')
    : userAgent.slice(0, 60);
  return { device, software };
}
