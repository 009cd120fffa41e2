import type { Knex } from 'knex';
import { ConflictError, ValidationError } from '../errors.js';

/** A preference's name: dotted lower-case words, e.g. `table.devices` or `notifications.mail`. */
export const preferenceKeyPattern = '^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$';
export const preferenceKeyMaxLength = 100;
/** The largest value, as UTF-8 JSON. */
export const preferenceMaxBytes = 16 * 1024;
/** How many keys one user keeps in one tenant. */
export const preferencesPerUser = 100;

export interface Preference {
  key: string;
  /** Any JSON value; null when the key was never saved. */
  value: unknown;
  updatedAt: string | null;
}

interface PreferenceRow {
  key: string;
  value: string;
  updated_at: string | Date;
}

const toPreference = (row: PreferenceRow): Preference => ({
  key: row.key,
  value: JSON.parse(row.value) as unknown,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/**
 * Per-user UI preferences in a tenant (columns shown, density, saved filters,
 * notification choices): JSON values under a key, private to the user, never shared
 * with the tenant's other members and gone with the user or the tenant.
 */
export class PreferenceStore {
  constructor(private readonly db: Knex) {}

  async list(userId: string, tenantId: string): Promise<Preference[]> {
    const rows: PreferenceRow[] = await this.db('core_user_preferences')
      .where({ user_id: userId, tenant_id: tenantId })
      .orderBy('key')
      .select('key', 'value', 'updated_at');
    return rows.map(toPreference);
  }

  async get(userId: string, tenantId: string, key: string): Promise<Preference> {
    const row: PreferenceRow | undefined = await this.db('core_user_preferences')
      .where({ user_id: userId, tenant_id: tenantId, key })
      .first('key', 'value', 'updated_at');
    return row ? toPreference(row) : { key, value: null, updatedAt: null };
  }

  /** Saves the value (400 when larger than {@link preferenceMaxBytes}; 409 past {@link preferencesPerUser} keys). */
  async put(userId: string, tenantId: string, key: string, value: unknown): Promise<Preference> {
    const text = JSON.stringify(value);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > preferenceMaxBytes) {
      throw new ValidationError([
        { pointer: '/body/value', message: `The value takes ${bytes} bytes as JSON; at most ${preferenceMaxBytes}.` },
      ]);
    }
    const updatedAt = new Date().toISOString();
    await this.db.transaction(async (trx) => {
      const where = { user_id: userId, tenant_id: tenantId };
      const existing = await trx('core_user_preferences')
        .where({ ...where, key })
        .first('key');
      if (!existing) {
        const [{ count }] = await trx('core_user_preferences').where(where).count({ count: '*' });
        if (Number(count) >= preferencesPerUser) {
          throw new ConflictError(
            `You keep ${preferencesPerUser} preferences in this tenant already; delete one before saving another.`,
          );
        }
      }
      await trx('core_user_preferences')
        .insert({ ...where, key, value: text, updated_at: updatedAt })
        .onConflict(['user_id', 'tenant_id', 'key'])
        .merge(['value', 'updated_at']);
    });
    return { key, value, updatedAt };
  }

  /** Forgets the value; whether there was one. */
  async remove(userId: string, tenantId: string, key: string): Promise<boolean> {
    return (await this.db('core_user_preferences').where({ user_id: userId, tenant_id: tenantId, key }).delete()) > 0;
  }
}
