import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { TestResponse } from '@outpost/core/testing';
import { enroll, simulatedMachine } from '@outpost/agent';
import { devicesPlugin } from '@outpost/plugin-devices';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { invitesPlugin } from '@outpost/plugin-invites';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { remindersPlugin } from '../fixtures/plugins/reminders.js';
import { createWorkPlugin } from '../fixtures/plugins/work.js';
import { type Browser, type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';
import { sampleOf } from './sample.js';

/**
 * The isolation matrix. Every route the runtime mounts (read from the runtime, so routes
 * that later plugins add are covered without touching this file) is called as:
 * - nobody: no credentials;
 * - another tenant: an Owner of tenant Bravo, with the ids of tenant Alpha's resources;
 * - a Viewer of Alpha, for unsafe methods;
 * - a revoked API key of Alpha's Owner;
 * - a read-only API key of Alpha's Owner, for unsafe methods.
 * An answer fails the matrix when its status is not the refusal that caller should get,
 * or when it carries any of Alpha's data (marker strings planted in Alpha's resources).
 * Self-service routes (`signedIn`: the caller's own account, sessions and keys) are
 * exempt from the Viewer row: a Viewer may change their own name and password.
 */
describe('isolation matrix', function () {
  this.timeout(300_000);
  let server: IdentityServer;
  const markers = [
    'alpha-note-marker',
    'alpha-role-marker',
    'owner@alpha.test',
    'viewer@alpha.test',
    'invitee@alpha.test',
    'alpha-key-marker',
    'alpha-device-marker',
    'alpha-group-marker',
  ];
  /** Alpha's resource ids, by the path template of the routes that take them. */
  const alphaIds = new Map<string, Record<string, string>>();
  let alpha: { owner: Browser; viewer: Browser; revokedKey: string; readOnlyKey: string };
  let bravoOwner: { email: string; password: string };
  let bravoTenantId: string;

  async function childTenant(
    name: string,
    ownerEmail: string,
  ): Promise<{ tenantId: string; owner: { id: string; email: string; password: string }; browser: Browser }> {
    const tenant = await server.outpost.tenancy.tenants.create(undefined, { name, adminEmail: ownerEmail });
    const owner = await server.createUser(ownerEmail, 'member', 'matrix first passphrase', null);
    const browser = await server.signedIn(owner);
    const token = tokenFromMail(
      (await server.mail.waitFor((m) => (m.to as { text: string }).text === ownerEmail)).text,
    );
    expect((await browser.request('POST', '/api/v1/team/invitations/accept', { body: { token } })).status).to.equal(
      200,
    );
    expect((await browser.request('PUT', '/api/v1/account/tenant', { body: { tenantId: tenant.id } })).status).to.equal(
      200,
    );
    return { tenantId: tenant.id, owner, browser };
  }

  before(async () => {
    server = await startIdentityServer({
      plugins: [
        notesPlugin,
        remindersPlugin,
        createWorkPlugin({}),
        devicesPlugin,
        invitesPlugin,
        contactsPlugin,
        ticketsPlugin,
      ],
      config: {
        plugins: { devices: { demoLocalAgent: false } },
        auth: {
          sessions: { maxConcurrent: 1000 },
          captcha: { afterFailures: 100 },
          lockout: { afterFailures: 1000 },
          throttle: { ipFailures: 100000 },
        },
      },
    });
    const a = await childTenant('Alpha', 'owner@alpha.test');
    const note = await a.browser.request('POST', '/api/v1/notes/notes', { body: { title: 'alpha-note-marker' } });
    const role = await a.browser.request('POST', '/api/v1/roles', {
      body: { name: 'alpha-role-marker', permissions: ['device.view'] },
    });
    const invitation = await a.browser.request('POST', '/api/v1/team/invitations', {
      body: { email: 'invitee@alpha.test', role: 'viewer' },
    });
    const viewerInvite = await a.browser.request('POST', '/api/v1/team/invitations', {
      body: { email: 'viewer@alpha.test', role: 'viewer' },
    });
    expect([note.status, role.status, invitation.status, viewerInvite.status]).to.deep.equal([201, 201, 201, 201]);
    const viewerUser = await server.createUser('viewer@alpha.test', 'member', 'matrix second passphrase', null);
    const viewer = await server.signedIn(viewerUser);
    const token = tokenFromMail(
      (await server.mail.waitFor((m) => (m.to as { text: string }).text === 'viewer@alpha.test')).text,
    );
    await viewer.request('POST', '/api/v1/team/invitations/accept', { body: { token } });
    await viewer.request('PUT', '/api/v1/account/tenant', { body: { tenantId: a.tenantId } });
    const keyToRevoke = await a.browser.request('POST', '/api/v1/api-keys', {
      body: { name: 'alpha-key-marker', scopes: ['*', 'write'] },
    });
    const readOnlyKey = await a.browser.request('POST', '/api/v1/api-keys', {
      body: { name: 'alpha-key-marker ro', scopes: ['*'] },
    });
    expect((await a.browser.request('DELETE', `/api/v1/api-keys/${keyToRevoke.body.id}`)).status).to.equal(204);
    const sessionId = (await a.browser.request('GET', '/api/v1/account/sessions')).body.items[0].id;
    alpha = { owner: a.browser, viewer, revokedKey: keyToRevoke.body.key, readOnlyKey: readOnlyKey.body.key };

    alphaIds.set('/api/v1/notes/notes/:id', { id: note.body.id });
    alphaIds.set('/api/v1/roles/:id', { id: role.body.id });
    alphaIds.set('/api/v1/team/invitations/:id', { id: invitation.body.id });
    alphaIds.set('/api/v1/team/:userId', { userId: viewerUser.id });
    alphaIds.set('/api/v1/team/:userId/activity', { userId: viewerUser.id });
    alphaIds.set('/api/v1/api-keys/:id', { id: readOnlyKey.body.id });
    alphaIds.set('/api/v1/account/sessions/:id', { id: sessionId });
    alphaIds.set('/api/v1/tenants/:id/plan', { id: a.tenantId });

    const invite = await a.browser.request('POST', '/api/v1/invites', { body: { name: 'alpha invite' } });
    markers.push(invite.body.code);
    const device = await enroll(server.url, invite.body.code, await simulatedMachine(7).facts());
    const group = await a.browser.request('POST', '/api/v1/devices/groups', { body: { name: 'alpha-group-marker' } });
    const renamed = await a.browser.request('PATCH', `/api/v1/devices/${device.deviceId}`, {
      body: { name: 'alpha-device-marker', groupId: group.body.id, permalink: 'alpha-link-marker' },
    });
    expect(
      (
        await a.browser.request('POST', `/api/v1/devices/${device.deviceId}/shares`, {
          body: { userId: viewerUser.id },
        })
      ).status,
    ).to.equal(204);
    expect([invite.status, group.status, renamed.status]).to.deep.equal([201, 201, 200]);
    for (const path of [
      '/api/v1/devices/:id',
      '/api/v1/devices/:id/restore',
      '/api/v1/devices/:id/favorite',
      '/api/v1/devices/:id/shares',
      '/api/v1/devices/:id/sessions',
      '/api/v1/devices/:id/sessions.csv',
      '/api/v1/devices/:id/screenshot',
      '/api/v1/devices/:id/operations',
    ]) {
      alphaIds.set(path, { id: device.deviceId });
    }
    alphaIds.set('/api/v1/devices/:id/shares/:userId', { id: device.deviceId, userId: viewerUser.id });
    alphaIds.set('/api/v1/devices/groups/:id', { id: group.body.id });
    // The permalink is in the path the caller sends, so it is no marker; the device's name is.
    alphaIds.set('/api/v1/devices/by-link/:permalink', { permalink: 'alpha-link-marker' });
    alphaIds.set('/api/v1/invites/:id', { id: invite.body.id });
    const deployment = await a.browser.request('POST', '/api/v1/invites/deployments', {
      body: { name: 'alpha-deployment-marker', expectedCount: 5 },
    });
    expect(deployment.status).to.equal(201);
    markers.push('alpha-deployment-marker', deployment.body.code);
    alphaIds.set('/api/v1/invites/deployments/:id', { id: deployment.body.id });
    const support = await a.browser.request('POST', '/api/v1/invites/support', {
      body: { clientName: 'alpha-client-marker' },
    });
    expect(support.status).to.equal(201);
    markers.push('alpha-client-marker', support.body.code);
    alphaIds.set('/api/v1/invites/support/:id', { id: support.body.id });
    const widget = await a.browser.request('PUT', '/api/v1/invites/widget', {
      body: { color: '#123456', position: 'inline', greeting: 'alpha-greeting-marker', allowedOrigins: [] },
    });
    expect(widget.status).to.equal(200);
    markers.push('alpha-greeting-marker', widget.body.key);
    const contact = await a.browser.request('POST', '/api/v1/contacts', {
      body: { name: 'alpha-contact-marker', email: 'alpha-contact@marker.example' },
    });
    expect(
      (await a.browser.request('PUT', `/api/v1/contacts/${contact.body.id}/devices/${device.deviceId}`)).status,
    ).to.equal(204);
    markers.push('alpha-contact-marker', 'alpha-contact@marker.example');
    for (const path of ['/api/v1/contacts/:id', '/api/v1/contacts/:id/connections'])
      alphaIds.set(path, { id: contact.body.id });
    alphaIds.set('/api/v1/contacts/:id/devices/:deviceId', { id: contact.body.id, deviceId: device.deviceId });
    alphaIds.set('/api/v1/contacts/by-device/:deviceId', { deviceId: device.deviceId });
    const ticket = await a.browser.request('POST', '/api/v1/tickets', {
      body: { subject: 'alpha-ticket-marker', contactId: contact.body.id, deviceId: device.deviceId },
    });
    expect(
      (
        await a.browser.request('POST', `/api/v1/tickets/${ticket.body.id}/messages`, {
          body: { body: 'alpha-note-marker-2', internal: true },
        })
      ).status,
    ).to.equal(201);
    markers.push('alpha-ticket-marker', 'alpha-note-marker-2');
    for (const path of ['/api/v1/tickets/:id', '/api/v1/tickets/:id/messages', '/api/v1/tickets/:id/portal-link'])
      alphaIds.set(path, { id: ticket.body.id });
    const supportWidget = await a.browser.request('PUT', '/api/v1/tickets/widget', {
      body: {
        companyName: 'alpha-company-marker',
        color: '#123456',
        position: 'bottom-left',
        greeting: 'alpha-support-greeting-marker',
        allowedOrigins: [],
      },
    });
    expect(supportWidget.status).to.equal(200);
    markers.push('alpha-company-marker', 'alpha-support-greeting-marker', supportWidget.body.key);

    const b = await childTenant('Bravo', 'owner@bravo.test');
    bravoOwner = b.owner;
    bravoTenantId = b.tenantId;
  });
  after(() => server?.stop());

  it('refuses every mounted route to callers who must not reach it, and leaks nothing of another tenant', async () => {
    const routes = server.outpost.routes;
    const failures: string[] = [];
    let calls = 0;
    let withParams = 0;

    const check = (label: string, response: TestResponse, allowed: number[]) => {
      calls += 1;
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      const leaked = markers.filter((marker) => text.includes(marker));
      if (!allowed.includes(response.status))
        failures.push(
          `${label}: answered ${response.status}, expected ${allowed.join(' or ')} (${text.slice(0, 160)})`,
        );
      if (leaked.length > 0) failures.push(`${label}: leaked ${leaked.join(', ')}`);
    };

    for (const mounted of routes) {
      const { route, fullPath } = mounted;
      const method = route.method.toUpperCase();
      const unsafe = method !== 'GET';
      const known = alphaIds.get(fullPath);
      const params = [...fullPath.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      if (params.length > 0) withParams += 1;
      const path = fullPath.replace(/:(\w+)/g, (_, name: string) => known?.[name] ?? randomUUID());
      const query = sampleOf(route.schema?.query) as Record<string, unknown> | undefined;
      const search =
        query && Object.keys(query).length > 0
          ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string]))}`
          : '';
      // A route without a body schema refuses any body (test/http/input.test.ts).
      const body = route.schema?.body ? sampleOf(route.schema.body) : undefined;
      const target = `${path}${search}`;
      const label = (who: string) => `${method} ${fullPath} as ${who}`;
      const anonymous = server.browser();

      // Nobody.
      check(
        label('nobody'),
        await anonymous.request(method, target, { body }),
        route.public ? [200, 201, 202, 204, 400, 401, 403, 404, 409, 428] : [401],
      );
      if (route.public) continue;

      // Another tenant's Owner, holding Alpha's ids. A fresh session per route: some routes end it.
      const bravo = await server.signedIn(bravoOwner);
      await bravo.request('PUT', '/api/v1/account/tenant', { body: { tenantId: bravoTenantId } });
      const asBravo = await bravo.request(method, target, { body });
      if (params.length > 0) check(label('another tenant'), asBravo, route.schema?.body ? [400, 403, 404] : [403, 404]);
      else check(label('another tenant'), asBravo, [asBravo.status]);

      // A Viewer, for unsafe methods.
      if (unsafe && !route.signedIn && !route.personal)
        check(label('a Viewer'), await alpha.viewer.request(method, target, { body }), [403]);

      // API keys.
      const bearer = (key: string) =>
        server.request(method, target, { body, headers: { authorization: `Bearer ${key}` } });
      check(label('a revoked API key'), await bearer(alpha.revokedKey), [401]);
      if (unsafe) check(label('a read-only API key'), await bearer(alpha.readOnlyKey), [403]);
    }

    console.log(
      `      isolation matrix: ${routes.length} mounted routes (${routes.filter((r) => r.route.public).length} public, ${withParams} with path parameters), ${calls} calls, ${failures.length} failures`,
    );
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(routes.length).to.be.greaterThan(40);
    // Alpha's own owner still reaches its data, so the refusals above are not a broken server.
    expect(
      (await alpha.owner.request('GET', `/api/v1/notes/notes/${alphaIds.get('/api/v1/notes/notes/:id')!.id}`)).body
        .title,
    ).to.equal('alpha-note-marker');
    expect(
      (await alpha.owner.request('GET', `/api/v1/devices/${alphaIds.get('/api/v1/devices/:id')!.id}`)).body.name,
    ).to.equal('alpha-device-marker');
  });
});
