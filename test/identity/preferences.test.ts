import { expect } from 'chai';
import { type Browser, type IdentityServer, startIdentityServer } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;
const path = (key: string) => `/api/v1/account/preferences/${key}`;

describe('account preferences', () => {
  let server: IdentityServer;
  let admin: Browser;
  before(async () => {
    server = await startIdentityServer();
    admin = await server.signedIn(await server.createUser('prefs-admin@example.test', 'admin'));
  });
  after(() => server.stop());

  it('saves, reads, lists, replaces and forgets a JSON value per key', async () => {
    const unset = await admin.request('GET', path('table.devices'));
    expect(unset.status).to.equal(200);
    expect(unset.body).to.deep.equal({ key: 'table.devices', value: null, updatedAt: null });

    const value = { hidden: ['ip'], density: 'compact', filters: [{ name: 'Offline', search: '', values: {} }] };
    const saved = await admin.request('PUT', path('table.devices'), { body: { value } });
    expect(saved.status).to.equal(200);
    expect(saved.body).to.deep.include({ key: 'table.devices', value });
    expect(saved.body.updatedAt).to.be.a('string');
    expect((await admin.request('GET', path('table.devices'))).body.value).to.deep.equal(value);

    await admin.request('PUT', path('notifications.sound'), { body: { value: false } });
    const replaced = await admin.request('PUT', path('table.devices'), { body: { value: { density: 'comfortable' } } });
    expect(replaced.body.value).to.deep.equal({ density: 'comfortable' });
    const list = await admin.request('GET', '/api/v1/account/preferences');
    expect(list.body.items.map((p: { key: string; value: unknown }) => [p.key, p.value])).to.deep.equal([
      ['notifications.sound', false],
      ['table.devices', { density: 'comfortable' }],
    ]);

    expect((await admin.request('DELETE', path('notifications.sound'))).status).to.equal(204);
    expect((await admin.request('DELETE', path('notifications.sound'))).status).to.equal(404);
    expect((await admin.request('GET', path('notifications.sound'))).body.value).to.equal(null);
  });

  it('refuses a bad key, a missing or oversized value, and more keys than the limit', async () => {
    const badKey = await admin.request('PUT', path('Table.Devices'), { body: { value: 1 } });
    expect(badKey.status).to.equal(400);
    expect(badKey.body.errors[0].pointer).to.equal('/params/key');
    expect((await admin.request('GET', path(`a${'b'.repeat(100)}`))).status).to.equal(400);

    const missing = await admin.request('PUT', path('table.x'), { body: {} });
    expect(missing.status).to.equal(400);
    const extra = await admin.request('PUT', path('table.x'), { body: { value: 1, other: 2 } });
    expect(extra.status).to.equal(400);

    const big = await admin.request('PUT', path('table.big'), { body: { value: 'x'.repeat(17_000) } });
    expect(big.status).to.equal(400);
    expect(big.body.type).to.equal(problem('validation-failed'));
    expect(big.body.errors[0].pointer).to.equal('/body/value');
    expect((await admin.request('GET', path('table.big'))).body.value).to.equal(null);

    const user = await server.signedIn(await server.createUser('prefs-many@example.test', 'viewer'));
    for (let i = 0; i < 100; i += 1) {
      expect((await user.request('PUT', path(`k.n${i}`), { body: { value: i } })).status).to.equal(200);
    }
    const tooMany = await user.request('PUT', path('k.one-more'), { body: { value: 1 } });
    expect(tooMany.status).to.equal(409);
    expect(tooMany.body.detail).to.match(/delete one/);
    expect((await user.request('PUT', path('k.n5'), { body: { value: 'changed' } })).status).to.equal(200);
  });

  it('keeps each user’s values to themselves and each tenant’s apart; a Viewer may save their own', async () => {
    const viewer = await server.signedIn(await server.createUser('prefs-viewer@example.test', 'viewer'));
    expect((await viewer.request('GET', path('table.tickets'))).body.value).to.equal(null);
    expect((await viewer.request('PUT', path('table.tickets'), { body: { value: ['mine'] } })).status).to.equal(200);
    await admin.request('PUT', path('table.tickets'), { body: { value: ['admin'] } });
    expect((await viewer.request('GET', path('table.tickets'))).body.value).to.deep.equal(['mine']);
    expect((await admin.request('GET', path('table.tickets'))).body.value).to.deep.equal(['admin']);

    const child = await admin.request('POST', '/api/v1/tenants', {
      body: { name: 'Preferences Child', adminEmail: 'child-admin@example.test' },
    });
    expect(child.status).to.equal(201);
    expect(
      (await admin.request('PUT', '/api/v1/account/tenant', { body: { tenantId: child.body.id } })).status,
    ).to.equal(200);
    expect((await admin.request('GET', path('table.tickets'))).body.value).to.equal(null);
    expect((await admin.request('GET', '/api/v1/account/preferences')).body.items).to.deep.equal([]);
    await admin.request('PUT', path('table.tickets'), { body: { value: ['child'] } });
    await admin.request('PUT', '/api/v1/account/tenant', { body: { tenantId: server.rootTenantId } });
    expect((await admin.request('GET', path('table.tickets'))).body.value).to.deep.equal(['admin']);
  });

  it('answers only a signed-in session: not anonymous callers, not API keys, not a user in no tenant', async () => {
    expect((await server.browser().request('GET', path('table.devices'))).status).to.equal(401);
    const key = await admin.request('POST', '/api/v1/api-keys', { body: { name: 'Prefs', scopes: ['*'] } });
    expect(key.status).to.equal(201);
    const bearer = { headers: { authorization: `Bearer ${key.body.key}` } };
    expect((await server.request('GET', '/api/v1/account/preferences', bearer)).status).to.be.oneOf([401, 403]);
    expect((await server.request('PUT', path('table.devices'), { ...bearer, body: { value: 1 } })).status).to.be.oneOf([
      401, 403,
    ]);

    const loner = await server.signedIn(await server.createUser('prefs-loner@example.test', 'member', undefined, null));
    const refused = await loner.request('PUT', path('table.devices'), { body: { value: 1 } });
    expect(refused.status).to.equal(409);
    expect(refused.body.detail).to.match(/choose a tenant/);
  });

  it('goes with the user', async () => {
    const gone = await server.createUser('prefs-gone@example.test', 'viewer');
    const browser = await server.signedIn(gone);
    await browser.request('PUT', path('table.devices'), { body: { value: 1 } });
    const count = async () =>
      Number((await server.outpost.db('core_user_preferences').where({ user_id: gone.id }).count({ n: '*' }))[0]!.n);
    expect(await count()).to.equal(1);
    expect((await browser.request('DELETE', '/api/v1/account', { body: { password: gone.password } })).status).to.equal(
      204,
    );
    expect(await count()).to.equal(0);
  });
});
