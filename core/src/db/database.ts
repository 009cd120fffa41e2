import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { inspect } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import { createPrivateFolder, privateFileMode } from './data-folder.js';

export type DatabaseConfig = CoreConfig['database'];

export function createDatabase(config: DatabaseConfig, logger?: Logger): Knex {
  const log = logger ? knexLog(logger) : undefined;
  if (config.client === 'pg') {
    return knexFactory.knex({
      client: 'pg',
      connection: config.connection as Knex.PgConnectionConfig | string,
      searchPath: config.searchPath ? [config.searchPath] : undefined,
      pool: config.pool ?? { min: 0, max: 10 },
      log,
    });
  }
  const filename = resolve((config.connection as { filename: string }).filename);
  createPrivateFolder(dirname(filename));
  // SQLite gives its -wal and -shm files the mode of the database file.
  closeSync(openSync(filename, 'a', privateFileMode));
  return knexFactory.knex({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    log,
    pool: {
      min: 1,
      max: 1,
      afterCreate(
        connection: { pragma(sql: string): unknown },
        done: (error: Error | null, connection: unknown) => void,
      ) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        connection.pragma('synchronous = NORMAL');
        done(null, connection);
      },
    },
  });
}

/**
 * knex's messages in the process's log. A failed connection attempt is debug only: the
 * error reaches whoever asked for the connection, and start-up turns it into one line.
 */
function knexLog(logger: Logger): Knex.Config['log'] {
  const text = (message: unknown) => (typeof message === 'string' ? message : inspect(message));
  return {
    warn: (message) =>
      text(message).startsWith('Acquire connection error') ? logger.debug(text(message)) : logger.warn(text(message)),
    error: (message) => logger.error(text(message)),
    deprecate: (method, alternative) => logger.warn(`knex: ${method} is deprecated, use ${alternative}`),
    debug: (message) => logger.debug(text(message)),
  };
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
export async function lockTransaction(
  trx: Knex.Transaction,
  pgKey: number | string,
  sqliteTable: string,
): Promise<void> {
  if (isPostgres(trx))
    await trx.raw('select pg_advisory_xact_lock(cast(? as bigint))', [
      typeof pgKey === 'string' ? lockKeyOf(pgKey) : pgKey,
    ]);
  else await trx(sqliteTable).whereRaw('0 = 1').delete();
}

/** A 64-bit advisory lock key for a name (`devices.enroll:<code>`), the same in every process. */
function lockKeyOf(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
