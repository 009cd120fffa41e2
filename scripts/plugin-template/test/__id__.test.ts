import { expect } from 'chai';
import { type TestPrincipal, type TestServer, startTestServer, until } from '@outpost/core/testing';
import { __name__Plugin } from '../src/index.js';

describe('__id__ plugin', () => {
  let server: TestServer;
  let alpha: TestPrincipal;
  let bravo: TestPrincipal;

  before(async () => {
    server = await startTestServer({ plugins: [__name__Plugin] });
    const tenant = (name: string) =>
      server.outpost.tenancy.tenants.create(undefined, { name, adminEmail: `owner@${name.toLowerCase()}.test` });
    const permissions = ['__id__.item.view', '__id__.item.manage'];
    alpha = { tenantId: (await tenant('Alpha')).id, permissions };
    bravo = { tenantId: (await tenant('Bravo')).id, permissions };
  });
  after(() => server?.stop());

  it('adds an item, and its created event starts the job that marks it processed', async () => {
    const created = await server.request('POST', '/api/v1/__id__/items', {
      principal: alpha,
      body: { title: 'First' },
    });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ title: 'First', processedAt: null });
    const processed = await until(
      async () => {
        const item = (await server.request('GET', `/api/v1/__id__/items/${created.body.id}`, { principal: alpha }))
          .body;
        return item.processedAt !== null && item;
      },
      15_000,
      'the process-item job',
    );
    expect(processed.title).to.equal('First');
    const list = await server.request('GET', '/api/v1/__id__/items', { principal: alpha });
    expect(list.body.items.map((item: { id: string }) => item.id)).to.include(created.body.id);
  });

  it("keeps each tenant's items to itself", async () => {
    const created = await server.request('POST', '/api/v1/__id__/items', { principal: alpha, body: { title: 'Mine' } });
    const path = `/api/v1/__id__/items/${created.body.id}`;
    expect((await server.request('GET', path, { principal: bravo })).status).to.equal(404);
    expect((await server.request('DELETE', path, { principal: bravo })).status).to.equal(404);
    expect((await server.request('GET', '/api/v1/__id__/items', { principal: bravo })).body.items).to.deep.equal([]);
    expect((await server.request('GET', path, { principal: alpha })).status).to.equal(200);
  });

  it('refuses bad input with a problem and a caller without the permission', async () => {
    const empty = await server.request('POST', '/api/v1/__id__/items', { principal: alpha, body: { title: '' } });
    expect(empty.status).to.equal(400);
    expect(empty.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const viewer = { ...alpha, permissions: ['__id__.item.view'] };
    expect(
      (await server.request('POST', '/api/v1/__id__/items', { principal: viewer, body: { title: 'No' } })).status,
    ).to.equal(403);
  });

  it('serves its page: the menu entry and the browser module that defines <__id__-page>', async () => {
    const manifest = await server.request('GET', '/api/v1/ui/manifest', { principal: alpha });
    const plugin = manifest.body.plugins.find((p: { id: string }) => p.id === '__id__');
    expect(plugin.nav[0]).to.include({ path: '/__id__', label: '__Title__' });
    expect(plugin.homeActions).to.deep.equal([{ label: 'Add item', path: '/__id__' }]);
    const module = await server.request('GET', plugin.entry);
    expect(module.status).to.equal(200);
    expect(module.body).to.include('__id__-page');
  });
});
