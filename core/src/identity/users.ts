import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit.js';
import type { RequestClient } from './principal.js';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  surname: string;
  password_hash: string | null;
  must_change_password: boolean | number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Knex, email: string): Promise<UserRow | undefined> {
  return db('core_users')
    .where({ email: normalizeEmail(email) })
    .first();
}

export function findUser(db: Knex, id: string): Promise<UserRow | undefined> {
  return db('core_users').where({ id }).first();
}

/** The tenant a user's account-level events are filed under: the oldest membership. */
export async function homeTenant(db: Knex, userId: string): Promise<string | null> {
  const row = await db('core_memberships').where({ user_id: userId }).orderBy('created_at').first('tenant_id');
  return row?.tenant_id ?? null;
}

/** Records a security-relevant action a user took on their own account. */
export async function auditUserAction(
  db: Knex,
  audit: AuditLog,
  action: string,
  user: { id: string; email: string },
  client: RequestClient,
  options: {
    tenantId?: string | null;
    details?: Record<string, unknown>;
    resource?: { type: string; id: string };
  } = {},
): Promise<void> {
  await audit.record({
    tenantId: options.tenantId !== undefined ? options.tenantId : await homeTenant(db, user.id),
    actor: { kind: 'user', id: user.id, label: user.email },
    action,
    resource: options.resource ?? { type: 'user', id: user.id },
    client,
    details: options.details,
  });
}
