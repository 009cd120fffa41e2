import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { coreMigrations } from '../migrations/index.js';
import { createDatabase } from '../src/db/database.js';
import { createFastReads, type FastReads } from '../src/db/fast-reads.js';
import { Migrator } from '../src/db/migrator.js';
import { Directory } from '../src/directory/directory.js';
import { TenantAccess } from '../src/tenancy/access.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('directory: the core read service over users, memberships and tenants', () => {
  let database: TestDatabase;
  let db: Knex;
  let reads: FastReads;
  let directory: Directory;
  const now = () => new Date().toISOString();

  const tenant = async (name: string, parentId: string | null, createdAt = now()) => {
    const id = randomUUID();
    await db('core_tenants').insert({ id, name, parent_id: parentId, created_at: createdAt });
    return id;
  };
  const user = async (email: string, name = '') => {
    const id = randomUUID();
    await db('core_users').insert({ id, email, name, created_at: now() });
    return id;
  };
  const member = (tenantId: string, userId: string, role: string) =>
    db('core_memberships').insert({ tenant_id: tenantId, user_id: userId, role, created_at: now() });
  const customRole = async (tenantId: string, name: string, permissions: string[]) => {
    const id = randomUUID();
    await db('core_roles').insert({
      id,
      tenant_id: tenantId,
      name,
      permissions: JSON.stringify(permissions),
      created_at: now(),
    });
    return id;
  };
  /** Runs `work` and answers how many queries it sent. */
  const queriesOf = async (work: () => Promise<unknown>) => {
    let count = 0;
    const listener = () => count++;
    db.on('query', listener);
    try {
      await work();
    } finally {
      db.off('query', listener);
    }
    return count;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    db = createDatabase(database.config as never);
    await new Migrator(db, [{ owner: 'core', migrations: coreMigrations }]).latest();
    reads = createFastReads(db, database.config as never);
    const access = new TenantAccess(reads, [
      { id: 'ticket.view', description: '', roles: ['admin', 'member', 'viewer'] },
      { id: 'ticket.manage', description: '', roles: ['admin', 'member'] },
      { id: 'team.manage', description: '', roles: ['admin'] },
    ]);
    directory = new Directory(db, (role, custom) => access.permissionsOf(role, custom));
  });
  afterEach(async () => {
    reads.close();
    await db.destroy();
    await database.drop();
  });

  it('finds users by id in one query, with the e-mail as display name when they gave no name', async () => {
    const ada = await user('ada@example.test', 'Ada');
    const bob = await user('bob@example.test');
    let found = new Map();
    const queries = await queriesOf(async () => (found = await directory.users([ada, bob, ada, randomUUID()])));
    expect(queries).to.equal(1);
    expect([...found.keys()].sort()).to.deep.equal([ada, bob].sort());
    expect(found.get(ada)).to.deep.equal({ id: ada, name: 'Ada', email: 'ada@example.test', displayName: 'Ada' });
    expect(found.get(bob)).to.include({ name: '', displayName: 'bob@example.test' });
    expect(await directory.user(randomUUID())).to.equal(undefined);
    expect(await queriesOf(() => directory.users([]))).to.equal(0);
  });

  it("answers membership of one tenant only: another tenant's member, or an MSP user of the parent, is none", async () => {
    const root = await tenant('MSP', null);
    const child = await tenant('Customer', root);
    const mspUser = await user('msp@example.test');
    const customer = await user('customer@example.test');
    await member(root, mspUser, 'owner');
    await member(child, customer, 'member');
    expect(await directory.isMember(child, customer)).to.equal(true);
    expect(await directory.isMember(child, mspUser)).to.equal(false);
    expect(await directory.isMember(root, customer)).to.equal(false);
  });

  it('lists the members of a tenant by e-mail, and those whose role holds a permission, in one query each', async () => {
    const alpha = await tenant('Alpha', null);
    const beta = await tenant('Beta', alpha);
    const agents = await customRole(alpha, 'Agents', ['ticket.view', 'ticket.manage']);
    const readers = await customRole(alpha, 'Readers', ['ticket.view']);
    // A role of the same id in another tenant does not count.
    await db('core_roles').insert({
      id: randomUUID(),
      tenant_id: beta,
      name: 'Agents',
      permissions: JSON.stringify(['ticket.manage']),
      created_at: now(),
    });
    const owner = await user('c-owner@example.test', 'Owner');
    const agent = await user('a-agent@example.test');
    const reader = await user('b-reader@example.test', 'Reader');
    const outsider = await user('d-outsider@example.test');
    await member(alpha, owner, 'owner');
    await member(alpha, agent, agents);
    await member(alpha, reader, readers);
    await member(beta, outsider, 'owner');

    let all: Awaited<ReturnType<Directory['members']>> = [];
    expect(await queriesOf(async () => (all = await directory.members(alpha)))).to.equal(1);
    expect(all.map((m) => m.email)).to.deep.equal([
      'a-agent@example.test',
      'b-reader@example.test',
      'c-owner@example.test',
    ]);
    let managers: typeof all = [];
    expect(
      await queriesOf(async () => (managers = await directory.members(alpha, { permission: 'ticket.manage' }))),
    ).to.equal(1);
    expect(managers.map((m) => m.id)).to.deep.equal([agent, owner]);
    expect((await directory.members(alpha, { permission: 'team.manage' })).map((m) => m.id)).to.deep.equal([owner]);
    expect(await directory.members(alpha, { permission: 'no.such.permission' })).to.deep.equal([]);
  });

  it('finds tenants by id with their names and parents, and the root tenant (the first without a parent)', async () => {
    expect(await directory.rootTenant()).to.equal(undefined);
    const root = await tenant('MSP', null, '2026-01-01T00:00:00.000Z');
    const child = await tenant('Customer', root);
    await tenant('Later root-like', null, '2026-06-01T00:00:00.000Z');
    let found = new Map();
    expect(await queriesOf(async () => (found = await directory.tenants([root, child, randomUUID()])))).to.equal(1);
    expect(found.get(root)).to.deep.equal({ id: root, name: 'MSP', parentId: null });
    expect(found.get(child)).to.deep.equal({ id: child, name: 'Customer', parentId: root });
    expect(found.size).to.equal(2);
    expect((await directory.tenant(child))?.name).to.equal('Customer');
    expect(await directory.rootTenant()).to.deep.equal({ id: root, name: 'MSP', parentId: null });
  });
});
