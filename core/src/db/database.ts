import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { CoreConfig } from '../config/schema.js';

export type DatabaseConfig = CoreConfig['database'];

export function createDatabase(config: DatabaseConfig): Knex {
  if (config.client === 'pg') {
    return knexFactory.knex({
      client: 'pg',
      connection: config.connection as Knex.PgConnectionConfig | string,
      searchPath: config.searchPath ? [config.searchPath] : undefined,
      pool: config.pool ?? { min: 0, max: 10 },
    });
  }
  const filename = resolve((config.connection as { filename: string }).filename);
  mkdirSync(dirname(filename), { recursive: true });
  return knexFactory.knex({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: { pragma(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        connection.pragma('synchronous = NORMAL');
        done(null, connection);
      },
    },
  });
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/**
 * Serializes a transaction against others doing the same. PostgreSQL: an advisory
 * lock held until commit. SQLite: a write as the first statement takes the write
 * lock up front (waiting out the busy timeout), instead of upgrading a read lock
 * later, which fails at once when another process holds one.
 */
export async function lockTransaction(trx: Knex.Transaction, pgKey: number, sqliteTable: string): Promise<void> {
  if (isPostgres(trx)) await trx.raw('select pg_advisory_xact_lock(?)', [pgKey]);
  else await trx(sqliteTable).whereRaw('0 = 1').delete();
}
