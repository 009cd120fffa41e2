import { expect } from 'chai';
import { until } from '@outpost/core/testing';
import { gadgetsPlugin } from '../fixtures/plugins/gadgets.js';
import { type Browser, type IdentityServer, startIdentityServer } from '../helpers/identity.js';

describe('audit log', () => {
  let server: IdentityServer;
  let owner: Browser;
  before(async () => {
    server = await startIdentityServer();
    owner = await server.signedIn(await server.createUser('auditor@example.test', 'owner'));
    const member = await server.createUser('member-audit@example.test', 'member');
    await server.browser().signIn(member.email, 'wrong password here');
    await server.signedIn(member);
    await owner.request('POST', '/api/v1/roles', { body: { name: 'Audited role', permissions: ['reports.view'] } });
  });
  after(() => server.stop());

  it('lists entries newest first with filters and a cursor', async () => {
    const all = await owner.request('GET', '/api/v1/audit?limit=500');
    expect(all.status).to.equal(200);
    const ids = all.body.items.map((e: { id: number }) => e.id);
    expect(ids).to.deep.equal([...ids].sort((a: number, b: number) => b - a));

    const signIns = await owner.request('GET', '/api/v1/audit?action=auth.sign-in*&actor=member-audit');
    expect(signIns.body.items.map((e: { action: string }) => e.action)).to.deep.equal([
      'auth.sign-in',
      'auth.sign-in.failed',
    ]);
    expect(signIns.body.items[0]).to.deep.include({ ip: '127.0.0.1' });
    const roles = await owner.request('GET', '/api/v1/audit?resource=role');
    expect(roles.body.items.map((e: { action: string }) => e.action)).to.deep.equal(['role.created']);
    const future = await owner.request(
      'GET',
      `/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body.items).to.deep.equal([]);

    const first = await owner.request('GET', '/api/v1/audit?limit=2');
    expect(first.body.items).to.have.length(2);
    const second = await owner.request('GET', `/api/v1/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).to.be.lessThan(first.body.items[1].id);
  });

  it('exports CSV', async () => {
    const csv = await owner.request('GET', '/api/v1/audit/export.csv?action=role.created');
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).to.equal('attachment; filename="audit.csv"');
    const lines = (csv.body as string).trim().split('\n');
    expect(lines[0]).to.equal('time,actor_kind,actor,actor_id,action,resource_type,resource_id,ip,user_agent,details');
    expect(lines).to.have.length(2);
    expect(lines[1])
      .to.match(/,user,auditor@example\.test,.*,role\.created,role,/)
      .and.include('"{""name"":""Audited role""');
  });

  it('is append-only: no route changes or deletes entries; retention removes old ones', async () => {
    const auditRoutes = server.outpost.routes.filter((r) => r.fullPath.startsWith('/api/v1/audit'));
    expect(auditRoutes.map((r) => r.route.method)).to.deep.equal(['get', 'get']);
    await server.outpost.db('core_audit').insert({
      tenant_id: server.rootTenantId,
      actor_kind: 'system',
      actor_label: 'old',
      action: 'ancient.thing',
      created_at: new Date(Date.now() - 400 * 86_400_000).toISOString(),
    });
    await server.outpost.jobs.enqueue('core.audit-retention', {});
    await until(async () => (await server.outpost.db('core_audit').where({ action: 'ancient.thing' })).length === 0);
    expect(await server.outpost.db('core_audit').where({ action: 'role.created' })).to.have.length(1);
  });
});

describe('plans and quotas', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({
      plugins: [gadgetsPlugin],
      config: {
        billing: {
          defaultPlan: 'trial',
          plans: {
            trial: { limits: { gadgets: 3, members: 1 }, features: ['tickets'] },
            pro: { limits: { gadgets: 100, members: 3 }, features: ['*'] },
          },
        },
      },
    });
  });
  after(() => server.stop());

  it('a plugin’s counter: over the limit exactly one is the first over until the plan changes; usage shows every counter', async () => {
    const owner = await server.signedIn(await server.createUser('quota@example.test', 'owner'));
    const add = async (name: string) => {
      const added = await owner.request('POST', '/api/v1/gadgets/gadgets', { body: { name } });
      expect(added.status).to.equal(201);
      return added.body.state as string;
    };
    const states = [await add('g1'), await add('g2'), await add('g3')];
    // Two going over at once: one of them is the first.
    states.push(...(await Promise.all([add('g4'), add('g5')])).sort(), await add('g6'));
    expect(states).to.deep.equal(['within', 'within', 'within', 'first-over', 'over', 'over']);
    const usage = await owner.request('GET', '/api/v1/billing/usage');
    expect(usage.body).to.deep.equal({
      plan: { name: 'trial', limits: { gadgets: 3, members: 1 }, features: ['tickets'] },
      counters: [
        { name: 'members', label: 'Team members (with open invitations)', used: 2, limit: 1 },
        { name: 'gadgets', label: 'Gadgets', used: 6, limit: 3 },
      ],
    });
    // A new plan starts over: over its limit, the next is the first again.
    expect(
      (await owner.request('PUT', `/api/v1/tenants/${server.rootTenantId}/plan`, { body: { plan: 'pro' } })).status,
    ).to.equal(204);
    expect(await add('g7')).to.equal('within');
    await owner.request('PUT', `/api/v1/tenants/${server.rootTenantId}/plan`, { body: { plan: 'trial' } });
    expect([await add('g8'), await add('g9')]).to.deep.equal(['first-over', 'over']);
  });
});
