import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TestDatabaseKind = 'sqlite' | 'pg';

/** Which database this test run uses: `OUTPOST_TEST_DB=pg` with `OUTPOST_TEST_PG` set, else SQLite. */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.OUTPOST_TEST_DB === 'pg' ? 'pg' : 'sqlite';
}

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** The `database` config section for this database. */
  config: Record<string, unknown>;
  /** Removes the database (the SQLite folder or the PostgreSQL schema). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test server: a new SQLite file in a temporary
 * folder, or a new schema in the run's PostgreSQL database.
 */
export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'pg') {
    const connection = process.env.OUTPOST_TEST_PG;
    if (!connection) throw new Error('OUTPOST_TEST_DB=pg needs OUTPOST_TEST_PG, a PostgreSQL connection string');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await withClient(connection, (client) => client.query(`create schema ${schema}`));
    return {
      kind,
      config: { client: 'pg', connection, searchPath: schema, pool: { min: 0, max: 5 } },
      drop: () =>
        withClient(connection, (client) => client.query(`drop schema if exists ${schema} cascade`)).then(
          () => undefined,
        ),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'outpost-test-'));
  return {
    kind,
    config: { client: 'better-sqlite3', connection: { filename: join(dir, 'outpost.sqlite') } },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
