import { expect } from 'chai';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { type Browser, type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;
const to = (address: string) => (m: { to?: unknown; subject?: string }) =>
  (m.to as { text: string } | undefined)?.text === address && /invited/.test(m.subject ?? '');

describe('tenants', () => {
  let server: IdentityServer;
  let msp: Browser;
  let childId: string;
  let childOwner: Browser;
  let rootNoteId: string;

  before(async () => {
    server = await startIdentityServer({ plugins: [notesPlugin] });
    msp = await server.signedIn(await server.createUser('msp-admin@example.test', 'admin'));
    rootNoteId = (await msp.request('POST', '/api/v1/notes/notes', { body: { title: 'root secret note' } })).body.id;

    const created = await msp.request('POST', '/api/v1/tenants', {
      body: { name: 'Customer One', adminEmail: 'it@customer-one.test' },
    });
    expect(created.status).to.equal(201);
    childId = created.body.id;
    const owner = await server.createUser('it@customer-one.test', 'member', 'customer one passphrase', null);
    childOwner = await server.signedIn(owner);
    const token = tokenFromMail((await server.mail.waitFor(to(owner.email))).text);
    const accepted = await childOwner.request('POST', '/api/v1/team/invitations/accept', { body: { token } });
    expect(accepted.status).to.equal(200);
    expect(accepted.body).to.deep.equal({ tenantId: childId, role: 'owner' });
    expect(
      (await childOwner.request('PUT', '/api/v1/account/tenant', { body: { tenantId: childId } })).status,
    ).to.equal(200);
  });
  after(() => server.stop());

  it('a child-tenant admin sees only its tenant, never the parent or its data', async () => {
    const tenants = await childOwner.request('GET', '/api/v1/tenants');
    expect(tenants.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['Customer One']);
    expect(
      (await childOwner.request('PUT', '/api/v1/account/tenant', { body: { tenantId: server.rootTenantId } })).status,
    ).to.equal(404);
    expect((await childOwner.request('GET', `/api/v1/notes/notes/${rootNoteId}`)).status).to.equal(404);
    const notes = await childOwner.request('GET', '/api/v1/notes/notes');
    expect(notes.body.items).to.deep.equal([]);
    const team = await childOwner.request('GET', '/api/v1/team');
    expect(team.body.items.map((m: { email: string }) => m.email)).to.deep.equal(['it@customer-one.test']);
    const refused = await childOwner.request('POST', '/api/v1/tenants', {
      body: { name: 'Sneaky', adminEmail: 'x@example.test' },
    });
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal(problem('root-tenant-only'));
  });

  it('an MSP admin can act inside a child tenant, with the permission only', async () => {
    const visible = await msp.request('GET', '/api/v1/tenants');
    expect(visible.body.items.map((t: { name: string; via: string }) => `${t.name}:${t.via}`)).to.deep.equal([
      'Default:member',
      'Customer One:msp',
    ]);
    expect((await msp.request('PUT', '/api/v1/account/tenant', { body: { tenantId: childId } })).status).to.equal(200);
    const note = await msp.request('POST', '/api/v1/notes/notes', { body: { title: 'fixed their printer' } });
    expect(note.status).to.equal(201);
    expect((await childOwner.request('GET', `/api/v1/notes/notes/${note.body.id}`)).status).to.equal(200);
    await msp.request('PUT', '/api/v1/account/tenant', { body: { tenantId: server.rootTenantId } });

    // A root-tenant role without tenants.manage does not reach the children.
    const role = await msp.request('POST', '/api/v1/roles', {
      body: { name: 'Helpdesk', permissions: ['notes.note.read', 'team.manage'] },
    });
    const helpdesk = await server.createUser('helpdesk@example.test', role.body.id);
    const helpdeskBrowser = await server.signedIn(helpdesk);
    expect(
      (await helpdeskBrowser.request('GET', '/api/v1/tenants')).body.items.map((t: { name: string }) => t.name),
    ).to.deep.equal(['Default']);
    expect(
      (await helpdeskBrowser.request('PUT', '/api/v1/account/tenant', { body: { tenantId: childId } })).status,
    ).to.equal(404);
  });

  it('sets the current tenant’s brand color with settings.manage, checked as a hex color, and no other tenant’s', async () => {
    const owner = await server.signedIn(await server.createUser('brand-owner@example.test', 'owner'));
    const root = server.rootTenantId;
    const accent = (browser: Browser, id: string, accentColor: unknown) =>
      browser.request('PUT', `/api/v1/tenants/${id}/accent-color`, { body: { accentColor } });
    const current = async (browser: Browser) =>
      (await browser.request('GET', '/api/v1/tenants')).body.items.find((t: { current: boolean }) => t.current);
    expect((await current(owner)).accentColor).to.equal(null);
    expect((await accent(owner, root, '#0F766E')).status).to.equal(204);
    expect((await current(owner)).accentColor).to.equal('#0f766e');
    for (const bad of ['0f766e', '#0f766', '#0f766eff', 'teal', 'rgb(0,0,0)', 42]) {
      const refused = await accent(owner, root, bad);
      expect(refused.status, String(bad)).to.equal(400);
      expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/body/accentColor');
    }
    // Another tenant's id: 404, even for an MSP admin who may act there (switch first).
    expect((await accent(owner, childId, '#000000')).status).to.equal(404);
    expect((await accent(childOwner, root, '#000000')).status).to.equal(404);
    expect((await current(childOwner)).accentColor).to.equal(null);
    // A Member does not hold settings.manage.
    const member = await server.signedIn(await server.createUser('brand-member@example.test', 'member'));
    expect((await accent(member, root, '#000000')).status).to.equal(403);
    const audit = await owner.request('GET', '/api/v1/audit?action=tenant.accent-changed');
    expect(audit.body.items[0]).to.deep.include({ action: 'tenant.accent-changed' });
    expect(audit.body.items[0].details).to.deep.equal({ from: null, to: '#0f766e' });
    // Back to Outpost's own.
    expect((await accent(owner, root, null)).status).to.equal(204);
    expect((await current(owner)).accentColor).to.equal(null);
  });

  it('plans are changed from the root tenant only', async () => {
    expect(
      (await childOwner.request('PUT', `/api/v1/tenants/${childId}/plan`, { body: { plan: 'enterprise' } })).status,
    ).to.equal(403);
    const owner = await server.signedIn(await server.createUser('root-owner@example.test', 'owner'));
    expect((await owner.request('PUT', `/api/v1/tenants/${childId}/plan`, { body: { plan: 'nope' } })).status).to.equal(
      400,
    );
    expect((await owner.request('PUT', `/api/v1/tenants/${childId}/plan`, { body: { plan: 'pro' } })).status).to.equal(
      204,
    );
    const usage = await childOwner.request('GET', '/api/v1/billing/usage');
    expect(usage.body.plan).to.deep.include({ name: 'pro', limits: { devices: 120, members: 3 } });
    expect(usage.body.counters).to.deep.include({
      name: 'members',
      label: 'Team members (with open invitations)',
      used: 1,
      limit: 3,
    });
    // Admins have everything but billing.
    expect((await msp.request('GET', '/api/v1/billing/usage')).status).to.equal(403);
  });
});
