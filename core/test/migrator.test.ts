import { expect } from 'chai';
import type { Knex } from 'knex';
import { coreMigrations } from '../migrations/index.js';
import { coreTenantsPermission } from '../migrations/202611291200_core_tenants_permission.js';
import { createDatabase } from '../src/db/database.js';
import { Migrator } from '../src/db/migrator.js';
import type { Migration } from '../src/plugins/types.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../src/testing/index.js';

const widgets: Migration[] = [
  {
    name: '0001_widgets',
    up: (knex) => knex.schema.createTable('widgets_items', (t) => t.string('id', 36).primary()),
    down: (knex) => knex.schema.dropTable('widgets_items'),
  },
  {
    name: '0002_widget_names',
    up: (knex) => knex.schema.alterTable('widgets_items', (t) => t.string('name', 50)),
    down: (knex) => knex.schema.alterTable('widgets_items', (t) => t.dropColumn('name')),
  },
];

describe('migrator', () => {
  let database: TestDatabase;
  let db: Knex;

  beforeEach(async () => {
    database = await createTestDatabase();
    db = createDatabase(database.config as never);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('applies pending migrations once, in order, and reports their status', async () => {
    const migrator = new Migrator(db, [
      { owner: 'core', migrations: coreMigrations },
      { owner: 'widgets', migrations: [widgets[1], widgets[0]] },
    ]);
    expect((await migrator.pending()).map((m) => `${m.owner}/${m.name}`)).to.deep.equal([
      ...coreMigrations.map((m) => `core/${m.name}`),
      'widgets/0001_widgets',
      'widgets/0002_widget_names',
    ]);
    expect(await migrator.latest()).to.have.length(coreMigrations.length + 2);
    expect(await migrator.latest()).to.deep.equal([]);
    expect(await migrator.pending()).to.deep.equal([]);
    expect(await db.schema.hasColumn('widgets_items', 'name')).to.equal(true);
  });

  it('rolls back a failed run whole, leaving nothing half-applied', async () => {
    const failing: Migration = {
      name: '0003_broken',
      up: async (knex) => {
        await knex.schema.createTable('widgets_half', (t) => t.increments('id'));
        throw new Error('boom');
      },
      down: async () => {},
    };
    const migrator = new Migrator(db, [{ owner: 'widgets', migrations: [...widgets, failing] }]);
    let message = '';
    await migrator.latest().catch((error: Error) => (message = error.message));
    expect(message).to.equal('migration widgets/0003_broken (up) failed: boom');
    expect(await db.schema.hasTable('widgets_items')).to.equal(false);
    expect(await db.schema.hasTable('widgets_half')).to.equal(false);
    expect(await migrator.pending()).to.have.length(3);
  });

  it('runs every core migration up and down', async () => {
    const migrator = new Migrator(db, [{ owner: 'core', migrations: coreMigrations }]);
    await migrator.latest();
    for (const table of ['core_tenants', 'core_users', 'core_memberships', 'core_jobs', 'core_schedules']) {
      expect(await db.schema.hasTable(table), table).to.equal(true);
    }
    expect(await migrator.rollback('core', coreMigrations.length)).to.have.length(coreMigrations.length);
    expect(await db.schema.hasTable('core_jobs')).to.equal(false);
    await migrator.latest();
    expect(await db.schema.hasTable('core_jobs')).to.equal(true);
  });

  it('gives custom roles and API keys that held enterprise.manage the core’s tenants.manage beside it', async () => {
    await new Migrator(db, [{ owner: 'core', migrations: coreMigrations }]).latest();
    const at = new Date().toISOString();
    await db('core_tenants').insert({ id: 't1', name: 'MSP', created_at: at });
    await db('core_users').insert({ id: 'u1', email: 'u1@example.test', created_at: at });
    await db('core_roles').insert([
      {
        id: 'r1',
        tenant_id: 't1',
        name: 'MSP staff',
        permissions: '["team.manage","enterprise.manage"]',
        created_at: at,
      },
      { id: 'r2', tenant_id: 't1', name: 'Helpdesk', permissions: '["team.manage"]', created_at: at },
    ]);
    const key = { user_id: 'u1', tenant_id: 't1', name: 'k', prefix: 'p', created_at: at };
    await db('core_api_keys').insert([
      { ...key, id: 'k1', key_hash: 'h1', scopes: '["enterprise.manage","write"]' },
      { ...key, id: 'k2', key_hash: 'h2', scopes: '["*"]' },
    ]);
    // Applied again over rows written after it ran: what an upgraded instance's data looks like.
    await coreTenantsPermission.up(db);
    const lists = async (table: string, column: string) =>
      (await db(table).orderBy('id').select(column)).map((row) => JSON.parse(row[column]));
    expect(await lists('core_roles', 'permissions')).to.deep.equal([
      ['team.manage', 'enterprise.manage', 'tenants.manage'],
      ['team.manage'],
    ]);
    expect(await lists('core_api_keys', 'scopes')).to.deep.equal([
      ['enterprise.manage', 'write', 'tenants.manage'],
      ['*'],
    ]);
    await coreTenantsPermission.down(db);
    expect((await lists('core_roles', 'permissions'))[0]).to.deep.equal(['team.manage', 'enterprise.manage']);
  });

  it('rolls back the last migration of one owner only', async () => {
    const migrator = new Migrator(db, [
      { owner: 'core', migrations: coreMigrations },
      { owner: 'widgets', migrations: widgets },
    ]);
    await migrator.latest();
    expect((await migrator.rollback('widgets')).map((m) => m.name)).to.deep.equal(['0002_widget_names']);
    expect(await db.schema.hasColumn('widgets_items', 'name')).to.equal(false);
    expect((await migrator.pending()).map((m) => m.name)).to.deep.equal(['0002_widget_names']);
  });

  // better-sqlite3 is synchronous, so two connections in one process cannot wait on
  // each other; on SQLite this is covered by the two-process tests in test/processes.
  if (testDatabaseKind() === 'pg')
    it('migrates once when two instances start together', async () => {
      const other = createDatabase(database.config as never);
      try {
        const sets = [
          { owner: 'core', migrations: coreMigrations },
          { owner: 'widgets', migrations: widgets },
        ];
        const [a, b] = await Promise.all([new Migrator(db, sets).latest(), new Migrator(other, sets).latest()]);
        expect(a.length + b.length).to.equal(coreMigrations.length + widgets.length);
      } finally {
        await other.destroy();
      }
    });
});
