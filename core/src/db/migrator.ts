import type { Knex } from 'knex';
import type { Migration } from '../plugins/types.js';
import { lockTransaction } from './database.js';

/** The migrations of one owner (`core` or a plugin id), in the order they apply. */
export interface MigrationSet {
  owner: string;
  migrations: Migration[];
}

export interface MigrationStatus {
  owner: string;
  name: string;
  appliedAt: string | null;
}

const table = 'core_migrations';
// Any constant works; it only has to be the same in every Outpost process.
const advisoryLockKey = 7_007_001;

/**
 * Applies and reports migrations for the core and each enabled plugin. One
 * `core_migrations` row per applied migration. A run is one transaction, under
 * a PostgreSQL advisory lock, so instances starting together migrate once and a
 * failing migration leaves nothing half-applied.
 */
export class Migrator {
  constructor(
    private readonly db: Knex,
    private readonly sets: MigrationSet[],
  ) {
    for (const set of sets) {
      const names = set.migrations.map((m) => m.name);
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate) throw new Error(`${set.owner}: migration "${duplicate}" is declared twice`);
    }
  }

  async status(): Promise<MigrationStatus[]> {
    const applied = await this.applied(this.db);
    return this.sets.flatMap((set) =>
      [...set.migrations]
        .sort(byName)
        .map((m) => ({ owner: set.owner, name: m.name, appliedAt: applied.get(key(set.owner, m.name)) ?? null })),
    );
  }

  async pending(): Promise<MigrationStatus[]> {
    return (await this.status()).filter((m) => m.appliedAt === null);
  }

  /** Applies every pending migration; returns what it applied. */
  async latest(): Promise<MigrationStatus[]> {
    await this.ensureTable();
    return this.db.transaction(async (trx) => {
      await lockTransaction(trx, advisoryLockKey, table);
      const applied = await this.applied(trx);
      const done: MigrationStatus[] = [];
      for (const set of this.sets) {
        for (const migration of [...set.migrations].sort(byName)) {
          if (applied.has(key(set.owner, migration.name))) continue;
          await runStep(trx, set.owner, migration, 'up');
          const appliedAt = new Date().toISOString();
          await trx(table).insert({ owner: set.owner, name: migration.name, applied_at: appliedAt });
          done.push({ owner: set.owner, name: migration.name, appliedAt });
        }
      }
      return done;
    });
  }

  /** Reverts the last `steps` applied migrations of one owner. */
  async rollback(owner: string, steps = 1): Promise<MigrationStatus[]> {
    const set = this.sets.find((s) => s.owner === owner);
    if (!set) throw new Error(`no migrations are known for "${owner}"`);
    await this.ensureTable();
    return this.db.transaction(async (trx) => {
      await lockTransaction(trx, advisoryLockKey, table);
      const applied = await this.applied(trx);
      const toRevert = [...set.migrations]
        .sort(byName)
        .reverse()
        .filter((m) => applied.has(key(owner, m.name)))
        .slice(0, steps);
      for (const migration of toRevert) {
        await runStep(trx, owner, migration, 'down');
        await trx(table).where({ owner, name: migration.name }).delete();
      }
      return toRevert.map((m) => ({ owner, name: m.name, appliedAt: null }));
    });
  }

  private async ensureTable(): Promise<void> {
    if (await this.db.schema.hasTable(table)) return;
    try {
      await this.db.schema.createTable(table, (t) => {
        t.string('owner', 64).notNullable();
        t.string('name', 200).notNullable();
        t.string('applied_at', 32).notNullable();
        t.primary(['owner', 'name']);
      });
    } catch (error) {
      // Another instance created it in the meantime.
      if (!(await this.db.schema.hasTable(table))) throw error;
    }
  }

  private async applied(db: Knex): Promise<Map<string, string>> {
    if (!(await db.schema.hasTable(table))) return new Map();
    const rows: Array<{ owner: string; name: string; applied_at: string }> = await db(table).select();
    return new Map(rows.map((row) => [key(row.owner, row.name), row.applied_at]));
  }
}

async function runStep(
  trx: Knex.Transaction,
  owner: string,
  migration: Migration,
  direction: 'up' | 'down',
): Promise<void> {
  try {
    await migration[direction](trx);
  } catch (error) {
    throw new MigrationError(
      `migration ${owner}/${migration.name} (${direction}) failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** A migration's own statements failed; the run it belonged to was rolled back. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

const key = (owner: string, name: string) => `${owner}/${name}`;
const byName = (a: Migration, b: Migration) => a.name.localeCompare(b.name);
