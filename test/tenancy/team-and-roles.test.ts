import { expect } from 'chai';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { type Browser, type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;
const invitedTo = (address: string) => (m: { to?: unknown; subject?: string }) =>
  (m.to as { text: string } | undefined)?.text === address && /invited/.test(m.subject ?? '');

describe('team and roles', () => {
  let server: IdentityServer;
  let owner: { id: string; email: string; password: string };
  let ownerBrowser: Browser;
  let adminBrowser: Browser;

  before(async () => {
    server = await startIdentityServer({ plugins: [notesPlugin] });
    owner = await server.createUser('owner@example.test', 'owner');
    ownerBrowser = await server.signedIn(owner);
    adminBrowser = await server.signedIn(await server.createUser('admin@example.test', 'admin'));
    // The bootstrap Owner is a second Owner; take it out so `owner` is the last one.
    await server.outpost
      .db('core_memberships')
      .where({ tenant_id: server.rootTenantId, role: 'owner' })
      .whereNot({ user_id: owner.id })
      .delete();
  });
  after(() => server.stop());

  /** Invites an address, creates its account with no tenant and accepts; answers the signed-in browser. */
  async function join(email: string, role: string, by = ownerBrowser): Promise<{ browser: Browser; id: string }> {
    const invited = await by.request('POST', '/api/v1/team/invitations', { body: { email, role } });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    const user = await server.createUser(email, 'member', `${role} joins the team`, null);
    const browser = await server.signedIn(user);
    const token = tokenFromMail((await server.mail.waitFor(invitedTo(email))).text);
    expect((await browser.request('POST', '/api/v1/team/invitations/accept', { body: { token } })).status).to.equal(
      200,
    );
    await browser.request('PUT', '/api/v1/account/tenant', { body: { tenantId: server.rootTenantId } });
    return { browser, id: user.id };
  }

  it('custom roles grant exactly their permissions', async () => {
    const role = await adminBrowser.request('POST', '/api/v1/roles', {
      body: { name: 'Note readers', permissions: ['notes.note.read', 'reports.view'] },
    });
    expect(role.status).to.equal(201);
    expect(role.body).to.deep.include({ name: 'Note readers', builtIn: false });
    const reader = await join('reader@example.test', role.body.id);
    expect((await reader.browser.request('GET', '/api/v1/notes/notes')).status).to.equal(200);
    expect((await reader.browser.request('POST', '/api/v1/notes/notes', { body: { title: 'x' } })).status).to.equal(
      403,
    );
    expect((await reader.browser.request('GET', '/api/v1/team')).status).to.equal(403);

    // Changing the role changes what its holders may do on the next request.
    expect(
      (
        await adminBrowser.request('PATCH', `/api/v1/roles/${role.body.id}`, {
          body: { permissions: ['notes.note.read', 'notes.note.write'] },
        })
      ).status,
    ).to.equal(200);
    expect(
      (await reader.browser.request('POST', '/api/v1/notes/notes', { body: { title: 'now allowed' } })).status,
    ).to.equal(201);

    const inUse = await adminBrowser.request('DELETE', `/api/v1/roles/${role.body.id}`);
    expect(inUse.status).to.equal(409);
    expect(inUse.body.type).to.equal(problem('role-in-use'));
    expect(
      (await adminBrowser.request('PATCH', '/api/v1/team/' + reader.id, { body: { role: 'viewer' } })).status,
    ).to.equal(200);
    expect((await adminBrowser.request('DELETE', `/api/v1/roles/${role.body.id}`)).status).to.equal(204);

    const roles = (await adminBrowser.request('GET', '/api/v1/roles')).body.items;
    expect(roles.map((r: { id: string }) => r.id)).to.deep.equal(['owner', 'admin', 'member', 'viewer']);
    expect(roles.find((r: { id: string }) => r.id === 'admin').permissions).to.not.include('billing.manage');
    expect((await adminBrowser.request('GET', '/api/v1/permissions')).body.items.length).to.equal(7);
  });

  it('nobody hands out more than they hold', async () => {
    const tooMuch = await adminBrowser.request('POST', '/api/v1/roles', {
      body: { name: 'Billing', permissions: ['billing.manage'] },
    });
    expect(tooMuch.status).to.equal(400);
    expect(tooMuch.body.errors[0]).to.deep.equal({
      pointer: '/body/permissions/0',
      detail: 'You do not hold "billing.manage" yourself.',
    });
    const asOwner = await adminBrowser.request('POST', '/api/v1/team/invitations', {
      body: { email: 'boss@example.test', role: 'owner' },
    });
    expect(asOwner.status).to.equal(403);
    expect(asOwner.body.type).to.equal(problem('privilege-escalation'));
    expect(
      (await adminBrowser.request('PATCH', `/api/v1/team/${owner.id}`, { body: { role: 'viewer' } })).status,
    ).to.equal(403);
    const builtIn = await ownerBrowser.request('PATCH', '/api/v1/roles/admin', { body: { name: 'x' } });
    expect(builtIn.status).to.equal(400);
  });

  it('the last Owner cannot be removed or demoted', async () => {
    const demote = await ownerBrowser.request('PATCH', `/api/v1/team/${owner.id}`, { body: { role: 'admin' } });
    expect(demote.status).to.equal(409);
    expect(demote.body.type).to.equal(problem('last-owner'));
    const remove = await ownerBrowser.request('DELETE', `/api/v1/team/${owner.id}`);
    expect(remove.status).to.equal(409);
    const second = await join('second-owner@example.test', 'owner');
    expect(
      (await second.browser.request('PATCH', `/api/v1/team/${owner.id}`, { body: { role: 'admin' } })).status,
    ).to.equal(200);
    expect(
      (await second.browser.request('PATCH', `/api/v1/team/${owner.id}`, { body: { role: 'owner' } })).status,
    ).to.equal(200);
  });

  it('removing a member ends their sessions in the tenant; activity comes from the audit log', async () => {
    const leaver = await join('leaver@example.test', 'member');
    await leaver.browser.request('PATCH', '/api/v1/account', { body: { name: 'Lee' } });
    const activity = await adminBrowser.request('GET', `/api/v1/team/${leaver.id}/activity`);
    expect(activity.body.items.map((a: { action: string }) => a.action)).to.include('team.joined');
    const members = (await adminBrowser.request('GET', '/api/v1/team')).body.items;
    expect(members.find((m: { email: string }) => m.email === 'leaver@example.test'))
      .to.include({ role: 'member' })
      .and.have.property('lastSignInAt')
      .that.is.a('string');
    expect((await adminBrowser.request('DELETE', `/api/v1/team/${leaver.id}`)).status).to.equal(204);
    expect((await leaver.browser.request('GET', '/api/v1/notes/notes')).status).to.equal(401);
    expect((await adminBrowser.request('GET', `/api/v1/team/${leaver.id}/activity`)).status).to.equal(404);
  });

  it('an invitation is for its address only, once, and can be revoked', async () => {
    const invited = await ownerBrowser.request('POST', '/api/v1/team/invitations', {
      body: { email: 'right@example.test', role: 'viewer' },
    });
    const token = tokenFromMail((await server.mail.waitFor(invitedTo('right@example.test'))).text);
    const wrong = await server.signedIn(
      await server.createUser('wrong@example.test', 'member', 'not the invitee at all', null),
    );
    const refused = await wrong.request('POST', '/api/v1/team/invitations/accept', { body: { token } });
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal(problem('invitation-other-address'));
    expect(
      (await ownerBrowser.request('GET', '/api/v1/team/invitations')).body.items.map((i: { id: string }) => i.id),
    ).to.include(invited.body.id);
    expect((await ownerBrowser.request('DELETE', `/api/v1/team/invitations/${invited.body.id}`)).status).to.equal(204);
    const right = await server.signedIn(
      await server.createUser('right@example.test', 'member', 'the invitee is here', null),
    );
    expect((await right.request('POST', '/api/v1/team/invitations/accept', { body: { token } })).status).to.equal(400);
    expect(
      (
        await ownerBrowser.request('POST', '/api/v1/team/invitations', {
          body: { email: 'owner@example.test', role: 'viewer' },
        })
      ).body.type,
    ).to.equal(problem('already-member'));
  });

  it('refuses invitations over the plan’s member limit', async () => {
    const child = await server.outpost.tenancy.tenants.create(undefined, {
      name: 'Small shop',
      adminEmail: 'shop@example.test',
      plan: 'trial',
    });
    const shopOwner = await server.signedIn(
      await server.createUser('shop@example.test', 'member', 'a tiny business passphrase', null),
    );
    const token = tokenFromMail((await server.mail.waitFor(invitedTo('shop@example.test'))).text);
    await shopOwner.request('POST', '/api/v1/team/invitations/accept', { body: { token } });
    await shopOwner.request('PUT', '/api/v1/account/tenant', { body: { tenantId: child.id } });
    const refused = await shopOwner.request('POST', '/api/v1/team/invitations', {
      body: { email: 'helper@example.test', role: 'member' },
    });
    expect(refused.status).to.equal(409);
    expect(refused.body.type).to.equal(problem('member-limit'));
    expect(refused.body.detail).to.equal(
      'The trial plan allows 1 team member(s), counting open invitations. Remove someone or change the plan first.',
    );
  });
});
