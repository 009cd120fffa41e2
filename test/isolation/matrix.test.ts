import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import {
  type IsolationSeed,
  type PathIds,
  type TestResponse,
  discoverPluginPackages,
  isIsolationSeed,
} from '@outpost/core/testing';
import type { PluginDefinition } from '@outpost/core';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { remindersPlugin } from '../fixtures/plugins/reminders.js';
import { createWorkPlugin } from '../fixtures/plugins/work.js';
import { type Browser, type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';
import { sampleOf } from './sample.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every discovered plugin, with the seed its folder ships in test/isolation-seed.ts (compiled to dist/test). */
async function discoveredPlugins(): Promise<{ definition: PluginDefinition; seed?: IsolationSeed }[]> {
  const found = [];
  for (const { definition, dir } of await discoverPluginPackages(root)) {
    const file = join(dir, 'dist', 'test', 'isolation-seed.js');
    let seed: IsolationSeed | undefined;
    if (existsSync(file)) {
      const seeds = Object.values((await import(pathToFileURL(file).href)) as Record<string, unknown>).filter(
        isIsolationSeed,
      );
      if (seeds.length !== 1)
        throw new Error(`${file}: export exactly one defineIsolationSeed(...) (found ${seeds.length})`);
      seed = seeds[0];
    }
    found.push({ definition, seed });
  }
  return found;
}

/**
 * The isolation matrix. It boots every discovered plugin (plugins/<id> folders and installed
 * @outpost/plugin-* packages) beside the test fixtures, and every route the runtime mounts
 * (read from the runtime, so a new plugin's routes are covered without touching this file)
 * is called as:
 * - nobody: no credentials;
 * - another tenant: an Owner of tenant Bravo, with the ids of tenant Alpha's resources;
 * - a Viewer of Alpha, for unsafe methods;
 * - a revoked API key of Alpha's Owner;
 * - a read-only API key of Alpha's Owner, for unsafe methods.
 * An answer fails the matrix when its status is not the refusal that caller should get,
 * or when it carries any of Alpha's data (marker strings planted in Alpha's resources).
 * Self-service routes (`signedIn`: the caller's own account, sessions and keys) are
 * exempt from the Viewer row: a Viewer may change their own name and password.
 *
 * Path parameters get real ids of Alpha's resources: the core's and the fixtures' are made
 * here, each plugin's by its seed (plugins/<id>/test/isolation-seed.ts, defineIsolationSeed),
 * run in plugin dependency order. A route with path parameters that no seed gave ids for
 * fails the matrix, named. The one exception is a public route whose parameter is itself the
 * credential (a code, token or publishable key), listed by its seed in `credentialPaths`:
 * there a random value is the point, proving a guessed one reveals nothing.
 * A `signedIn` route whose parameter names something in the caller's own space (a UI
 * preference's key) is listed in `ownNames`: another tenant's Owner calling it with Alpha's
 * name acts on their own (any status), and the answer must still carry none of Alpha's markers.
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
    'alpha-preference-marker',
  ];
  /** Routes whose parameter names the caller's own thing, not a resource of the tenant. */
  const ownNames = new Set(['/api/v1/account/preferences/:key']);
  /** Alpha's resource ids, by the path template of the routes that take them. */
  const alphaIds = new Map<string, PathIds>();
  /** Who gave the ids of each template (the core, or a plugin's seed). */
  const seededBy = new Map<string, string>();
  /** Public routes whose path parameter is the credential: called with random values. */
  const credentialPaths = new Map<string, string>();
  let plugins: { definition: PluginDefinition; seed?: IsolationSeed }[];
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

  const addIds = (who: string, ids: Record<string, PathIds>) => {
    for (const [template, values] of Object.entries(ids)) {
      if (seededBy.has(template))
        throw new Error(`${who}: ids for ${template} were already given by ${seededBy.get(template)}`);
      alphaIds.set(template, values);
      seededBy.set(template, who);
    }
  };

  before(async () => {
    plugins = await discoveredPlugins();
    server = await startIdentityServer({
      plugins: [notesPlugin, remindersPlugin, createWorkPlugin({}), ...plugins.map((p) => p.definition)],
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
    expect(
      (
        await a.browser.request('PUT', '/api/v1/account/preferences/table.matrix', {
          body: { value: { saved: 'alpha-preference-marker' } },
        })
      ).status,
    ).to.equal(200);
    alpha = { owner: a.browser, viewer, revokedKey: keyToRevoke.body.key, readOnlyKey: readOnlyKey.body.key };

    addIds('the core (test/isolation)', {
      '/api/v1/notes/notes/:id': { id: note.body.id },
      '/api/v1/roles/:id': { id: role.body.id },
      '/api/v1/team/invitations/:id': { id: invitation.body.id },
      '/api/v1/team/:userId': { userId: viewerUser.id },
      '/api/v1/team/:userId/activity': { userId: viewerUser.id },
      '/api/v1/api-keys/:id': { id: readOnlyKey.body.id },
      '/api/v1/account/sessions/:id': { id: sessionId },
      '/api/v1/account/preferences/:key': { key: 'table.matrix' },
      '/api/v1/tenants/:id/plan': { id: a.tenantId },
      '/api/v1/tenants/:id/accent-color': { id: a.tenantId },
    });

    // Each plugin's seed, dependencies first (the runtime's plugin order).
    const seeds = new Map(plugins.map((p) => [p.definition.id, p.seed]));
    for (const plugin of server.outpost.plugins) {
      const seed = seeds.get(plugin.id);
      if (!seed) continue;
      const who = `the ${plugin.id} seed (plugins/${plugin.id}/test/isolation-seed.ts)`;
      const result = await seed.seed({
        server,
        owner: a.browser,
        tenantId: a.tenantId,
        viewer: { id: viewerUser.id, email: viewerUser.email },
        idsOf(template) {
          const ids = alphaIds.get(template);
          if (!ids) throw new Error(`${who} needs the ids of ${template}, which no seed before it gave`);
          return ids;
        },
      });
      addIds(who, result.ids);
      markers.push(...result.markers);
      for (const template of result.credentialPaths ?? []) credentialPaths.set(template, who);
    }

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
    const templates = new Set(routes.map((r) => r.fullPath));
    for (const [template, who] of seededBy)
      if (!templates.has(template)) failures.push(`${who} gave ids for ${template}, which no mounted route has`);
    for (const [template, who] of credentialPaths) {
      const mounted = routes.filter((r) => r.fullPath === template);
      if (mounted.length === 0)
        failures.push(`${who} lists ${template} as a credential path, which no mounted route has`);
      for (const r of mounted)
        if (!r.route.public)
          failures.push(
            `${r.route.method.toUpperCase()} ${template}: listed as a credential path by ${who}, but it is not public (seed real ids)`,
          );
    }

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
      const random = credentialPaths.has(fullPath);
      const missing = random ? [] : params.filter((name) => known?.[name] === undefined);
      if (missing.length > 0) {
        failures.push(
          `${method} ${fullPath}: no isolation seed gave ids for :${missing.join(', :')} (add them to the owning plugin's test/isolation-seed.ts)`,
        );
        continue;
      }
      const path = fullPath.replace(/:(\w+)/g, (_, name: string) => (random ? randomUUID() : known![name]!));
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
      if (params.length > 0 && !(route.signedIn && ownNames.has(fullPath)))
        check(label('another tenant'), asBravo, route.schema?.body ? [400, 403, 404] : [403, 404]);
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
      `      isolation matrix: ${routes.length} mounted routes (${routes.filter((r) => r.route.public).length} public, ${withParams} with path parameters, ${credentialPaths.size} with a credential in the path), ${calls} calls, ${failures.length} failures`,
    );
    for (const owner of new Set(routes.map((r) => r.owner)))
      console.log(
        `      ${owner}: ${routes
          .filter((r) => r.owner === owner)
          .map((r) => `${r.route.method.toUpperCase()} ${r.fullPath}`)
          .join(', ')}`,
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
