import { expect } from 'chai';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { type Browser, type IdentityServer, startIdentityServer } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;

describe('API keys', () => {
  let server: IdentityServer;
  let admin: { id: string; email: string; password: string };
  let browser: Browser;
  before(async () => {
    server = await startIdentityServer({ plugins: [notesPlugin] });
    admin = await server.createUser('keys@example.test', 'admin');
    browser = server.browser();
    await browser.signIn(admin.email, admin.password);
  });
  after(() => server.stop());

  const bearer = (key: string, method: string, path: string, body?: unknown) =>
    server.request(method, path, { headers: { authorization: `Bearer ${key}` }, body });
  const createKey = (body: Record<string, unknown>) => browser.request('POST', '/api/v1/api-keys', { body });

  it('shows a key once, stores only its hash, and lists name, scopes, last use and requests', async () => {
    const created = await createKey({ name: 'Reporting', scopes: ['notes.note.read'] });
    expect(created.status).to.equal(201);
    expect(created.body.key).to.match(/^opk_[A-Za-z0-9_-]{43}$/);
    expect(created.body.prefix).to.equal(created.body.key.slice(0, 12));
    expect(await server.dumpDatabase()).to.not.include(created.body.key.slice(4));

    for (let i = 0; i < 3; i += 1)
      expect((await bearer(created.body.key, 'GET', '/api/v1/notes/notes')).status).to.equal(200);
    const list = await browser.request('GET', '/api/v1/api-keys');
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).to.include({ name: 'Reporting', requests30d: 3 });
    expect(listed.scopes).to.deep.equal(['notes.note.read']);
    expect(listed.lastUsedAt).to.be.a('string');
    expect(listed).to.not.have.property('key');
  });

  it('lists where and when each key was created and last used', async () => {
    const created = (await createKey({ name: 'Traced', scopes: ['*'] })).body;
    const browserOrigin = { ip: '127.0.0.1', device: 'Desktop, Linux', software: 'Chrome 131.0.0.0' };
    expect(created.createdFrom).to.deep.equal(browserOrigin);
    expect(created).to.include({ lastUsedAt: null, lastUsedFrom: null });

    const before = Date.now();
    const headers = { authorization: `Bearer ${created.key}`, 'user-agent': 'curl/8.5.0' };
    expect((await server.request('GET', '/api/v1/notes/notes', { headers })).status).to.equal(200);
    const items = (await browser.request('GET', '/api/v1/api-keys')).body.items as Array<{ id: string }>;
    const listed: any = items.find((k) => k.id === created.id);
    expect(listed.createdAt).to.equal(created.createdAt);
    expect(listed.createdFrom).to.deep.equal(browserOrigin);
    expect(Date.parse(listed.lastUsedAt)).to.be.within(before, Date.now());
    expect(listed.lastUsedFrom).to.deep.equal({ ip: '127.0.0.1', device: 'Unknown device', software: 'curl/8.5.0' });
  });

  it('is read-only without the write scope, and can write with it', async () => {
    const readOnly = (await createKey({ name: 'ro', scopes: ['*'] })).body.key;
    const refused = await bearer(readOnly, 'POST', '/api/v1/notes/notes', { title: 'from a key' });
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal(problem('read-only-key'));
    const writer = (await createKey({ name: 'rw', scopes: ['notes.note.read', 'notes.note.write', 'write'] })).body.key;
    expect((await bearer(writer, 'POST', '/api/v1/notes/notes', { title: 'from a key' })).status).to.equal(201);
  });

  it('holds only its scopes, and never more than its creator holds now', async () => {
    const narrow = (await createKey({ name: 'narrow', scopes: ['notes.note.write', 'write'] })).body.key;
    expect((await bearer(narrow, 'GET', '/api/v1/notes/notes')).status).to.equal(403);

    const member = await server.createUser('member-keys@example.test', 'member');
    const memberBrowser = server.browser();
    await memberBrowser.signIn(member.email, member.password);
    const tooMuch = await memberBrowser.request('POST', '/api/v1/api-keys', {
      body: { name: 'x', scopes: ['notes.note.write', 'write'] },
    });
    expect(tooMuch.status).to.equal(400);
    expect(tooMuch.body.errors[0]).to.deep.equal({
      pointer: '/body/scopes/0',
      detail: 'You do not hold "notes.note.write" yourself.',
    });
    expect(
      (await memberBrowser.request('POST', '/api/v1/api-keys', { body: { name: 'x', scopes: ['no.such.thing'] } }))
        .status,
    ).to.equal(400);

    const everything = (await createKey({ name: 'all', scopes: ['*', 'write'] })).body.key;
    expect((await bearer(everything, 'POST', '/api/v1/notes/notes', { title: 'before' })).status).to.equal(201);
    await server.outpost.db('core_memberships').where({ user_id: admin.id }).update({ role: 'member' });
    try {
      expect((await bearer(everything, 'POST', '/api/v1/notes/notes', { title: 'after' })).status).to.equal(403);
      expect((await bearer(everything, 'GET', '/api/v1/notes/notes')).status).to.equal(200);
    } finally {
      await server.outpost.db('core_memberships').where({ user_id: admin.id }).update({ role: 'admin' });
    }
  });

  it('is refused on the next request once revoked, and after it expires', async () => {
    const created = (await createKey({ name: 'soon gone', scopes: ['*'] })).body;
    expect((await bearer(created.key, 'GET', '/api/v1/notes/notes')).status).to.equal(200);
    expect((await browser.request('DELETE', `/api/v1/api-keys/${created.id}`)).status).to.equal(204);
    const revoked = await bearer(created.key, 'GET', '/api/v1/notes/notes');
    expect(revoked.status).to.equal(401);
    expect(revoked.body.type).to.equal(problem('invalid-api-key'));
    expect((await browser.request('DELETE', `/api/v1/api-keys/${created.id}`)).status).to.equal(404);

    const expiring = (
      await createKey({ name: 'short', scopes: ['*'], expiresAt: new Date(Date.now() + 60_000).toISOString() })
    ).body;
    expect((await bearer(expiring.key, 'GET', '/api/v1/notes/notes')).status).to.equal(200);
    await server.outpost
      .db('core_api_keys')
      .where({ id: expiring.id })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await bearer(expiring.key, 'GET', '/api/v1/notes/notes')).status).to.equal(401);
    expect((await createKey({ name: 'past', scopes: ['*'], expiresAt: '2020-01-01T00:00:00Z' })).status).to.equal(400);
  });

  it('cannot manage accounts or keys, and another user cannot revoke it', async () => {
    const key = (await createKey({ name: 'limited', scopes: ['*', 'write'] })).body;
    const account = await bearer(key.key, 'GET', '/api/v1/account');
    expect(account.status).to.equal(403);
    expect(account.body.type).to.equal(problem('session-required'));
    expect((await bearer(key.key, 'POST', '/api/v1/api-keys', { name: 'child', scopes: ['*'] })).status).to.equal(403);

    const other = await server.createUser('other-keys@example.test', 'admin');
    const otherBrowser = server.browser();
    await otherBrowser.signIn(other.email, other.password);
    expect((await otherBrowser.request('DELETE', `/api/v1/api-keys/${key.id}`)).status).to.equal(404);
    expect((await otherBrowser.request('GET', '/api/v1/api-keys')).body.items).to.deep.equal([]);
  });

  it('audits creation and revocation with IP and user agent', async () => {
    const key = (await createKey({ name: 'audited', scopes: ['*'] })).body;
    await browser.request('DELETE', `/api/v1/api-keys/${key.id}`);
    const entries = await server.outpost.db('core_audit').where({ resource_id: key.id }).orderBy('id');
    expect(entries.map((e) => e.action)).to.deep.equal(['api-key.created', 'api-key.revoked']);
    expect(entries[0]).to.include({
      tenant_id: server.rootTenantId,
      actor_id: admin.id,
      actor_label: admin.email,
      ip: '127.0.0.1',
      user_agent: browser.userAgent,
    });
  });
});
