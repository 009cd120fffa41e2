import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { lockTransaction } from '../db/database.js';
import { generatePassword, hashPassword } from './passwords.js';

export interface FirstOwner {
  tenantName: string;
  email: string;
  /** Shown once; only its hash is stored, and it must be changed at the first sign-in. */
  password: string;
}

/**
 * On an empty instance, creates the root tenant and its first Owner. Returns their
 * credentials only on that first run; afterwards it does nothing and returns undefined.
 */
export async function bootstrapInstance(
  db: Knex,
  options: { tenantName: string; ownerEmail: string },
): Promise<FirstOwner | undefined> {
  if (await db('core_tenants').first('id')) return undefined;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (trx) => {
    await lockTransaction(trx, 7_007_002, 'core_tenants');
    const existing = await trx('core_tenants').first('id');
    if (existing) return undefined;
    const now = new Date().toISOString();
    const tenantId = randomUUID();
    const userId = randomUUID();
    const email = options.ownerEmail.toLowerCase();
    await trx('core_tenants').insert({ id: tenantId, name: options.tenantName, parent_id: null, created_at: now });
    await trx('core_users').insert({
      id: userId,
      email,
      name: '',
      password_hash: passwordHash,
      must_change_password: true,
      created_at: now,
    });
    await trx('core_memberships').insert({ user_id: userId, tenant_id: tenantId, role: 'owner', created_at: now });
    return { tenantName: options.tenantName, email, password };
  });
}
