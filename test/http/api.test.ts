import { expect } from 'chai';
import { definePlugin, problemType } from '@outpost/core';
import { type TestServer, startTestServer } from '@outpost/core/testing';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { remindersPlugin } from '../fixtures/plugins/reminders.js';

const reader = { permissions: ['notes.note.read'] };
const writer = { permissions: ['notes.note.read', 'notes.note.write', 'reminders.reminder.read'] };
// The notes fixture with a home quick action only writers see; kept out of the fixture itself, whose home page the
// browser tests expect empty.
const notesWithHomeAction = definePlugin({
  ...notesPlugin,
  ui: {
    ...notesPlugin.ui,
    homeActions: [{ label: 'Add Note', path: '/notes/new', permission: 'notes.note.write' }],
    palette: [{ module: 'palette.js', permission: 'notes.note.read' }],
  },
});

describe('HTTP API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ plugins: [notesWithHomeAction, remindersPlugin] });
  });
  after(() => server.stop());

  describe('a validated route', () => {
    it('creates and reads a note, applying schema defaults', async () => {
      const created = await server.request('POST', '/api/v1/notes/notes', {
        principal: writer,
        body: { title: 'First' },
      });
      expect(created.status).to.equal(201);
      expect(created.body).to.include({ title: 'First', body: '' });
      expect(created.body.tags).to.deep.equal([]);
      const read = await server.request('GET', `/api/v1/notes/notes/${created.body.id}`, { principal: reader });
      expect(read.status).to.equal(200);
      expect(read.body).to.deep.equal(created.body);
    });

    it('answers validation failures with problem+json and a JSON pointer per error', async () => {
      const response = await server.request('POST', '/api/v1/notes/notes', {
        principal: writer,
        body: { title: '', color: 'red', tags: ['Not Valid'], body: 'x'.repeat(10_001) },
      });
      expect(response.status).to.equal(400);
      expect(response.headers.get('content-type')).to.equal('application/problem+json');
      expect(response.body).to.include({ type: problemType('validation-failed'), status: 400, title: 'Bad Request' });
      expect(response.body.errors).to.have.deep.members([
        { pointer: '/body/color', detail: 'unknown key (expected one of: title, body, tags)' },
        { pointer: '/body/title', detail: 'must NOT have fewer than 1 characters' },
        { pointer: '/body/body', detail: 'must NOT have more than 10000 characters' },
        { pointer: '/body/tags/0', detail: 'must match pattern "^[a-z0-9-]+$"' },
      ]);
    });

    it('validates and coerces path and query parameters', async () => {
      const badId = await server.request('GET', '/api/v1/notes/notes/not-a-uuid', { principal: reader });
      expect(badId.status).to.equal(400);
      expect(badId.body.errors).to.deep.equal([{ pointer: '/params/id', detail: 'must match format "uuid"' }]);
      const badQuery = await server.request('GET', '/api/v1/notes/notes?limit=9999&unknown=1', { principal: reader });
      expect(badQuery.body.errors).to.have.deep.members([
        { pointer: '/query/limit', detail: 'must be <= 500' },
        { pointer: '/query/unknown', detail: 'unknown key (expected one of: limit)' },
      ]);
      const list = await server.request('GET', '/api/v1/notes/notes?limit=2', { principal: reader });
      expect(list.status).to.equal(200);
      expect(list.body.items.length).to.be.at.most(2);
    });

    it('refuses bodies that are not JSON, malformed or too large', async () => {
      const form = await server.request('POST', '/api/v1/notes/echo', {
        body: 'message=hi',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).to.equal(415);
      expect(form.body.type).to.equal(problemType('unsupported-media-type'));
      const broken = await server.request('POST', '/api/v1/notes/echo', { body: '{"message": ' });
      expect(broken.status).to.equal(400);
      expect(broken.body).to.include({ type: problemType('invalid-input'), detail: 'The body is not valid JSON.' });
      const huge = await server.request('POST', '/api/v1/notes/echo', {
        body: JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024), count: 1 }),
      });
      expect(huge.status).to.equal(413);
      expect(huge.body.type).to.equal(problemType('payload-too-large'));
      const missing = await server.request('POST', '/api/v1/notes/echo', {
        headers: { 'content-type': 'application/json' },
      });
      expect(missing.status).to.equal(400);
      expect(missing.body.errors).to.deep.equal([
        { pointer: '/body', detail: 'expected object, got undefined undefined' },
      ]);
    });

    it('answers unknown paths 404 and wrong methods 405 as problems', async () => {
      const notFound = await server.request('GET', '/api/v1/nothing-here');
      expect(notFound.status).to.equal(404);
      expect(notFound.body.type).to.equal(problemType('not-found'));
      const wrongMethod = await server.request('DELETE', '/api/v1/notes/echo');
      expect(wrongMethod.status).to.equal(405);
      expect(wrongMethod.body.type).to.equal(problemType('method-not-allowed'));
    });

    it('hides internal errors behind a request id', async () => {
      const response = await server.request('GET', '/api/v1/notes/boom', {
        principal: reader,
        headers: { 'x-request-id': 'trace-123' },
      });
      expect(response.status).to.equal(500);
      expect(response.body).to.deep.equal({
        type: problemType('internal-error'),
        title: 'Internal Server Error',
        status: 500,
        detail: 'Internal error. Quote the request id when you report it.',
        instance: '/api/v1/notes/boom',
        requestId: 'trace-123',
      });
      expect(JSON.stringify(response.body)).to.not.contain('hunter2');
    });
  });

  describe('access', () => {
    it('needs credentials for every non-public route', async () => {
      const response = await server.request('GET', '/api/v1/notes/notes');
      expect(response.status).to.equal(401);
      expect(response.body.type).to.equal(problemType('unauthenticated'));
    });

    it('needs the route permission', async () => {
      const response = await server.request('POST', '/api/v1/notes/notes', { principal: reader, body: { title: 'x' } });
      expect(response.status).to.equal(403);
      expect(response.body).to.include({ type: problemType('forbidden'), permission: 'notes.note.write' });
    });

    it('keeps read-only keys to safe methods', async () => {
      const response = await server.request('POST', '/api/v1/notes/notes', {
        principal: { ...writer, readOnly: true },
        body: { title: 'x' },
      });
      expect(response.status).to.equal(403);
      expect(response.body.type).to.equal(problemType('read-only-key'));
      const read = await server.request('GET', '/api/v1/notes/notes', { principal: { ...reader, readOnly: true } });
      expect(read.status).to.equal(200);
    });

    it('refuses cross-site unsafe requests made with a session cookie', async () => {
      const session = { ...writer, via: 'session' as const };
      const foreign = await server.request('POST', '/api/v1/notes/notes', {
        principal: session,
        body: { title: 'x' },
        headers: { origin: 'https://evil.example' },
      });
      expect(foreign.status).to.equal(403);
      expect(foreign.body.type).to.equal(problemType('csrf-rejected'));
      const sameOrigin = await server.request('POST', '/api/v1/notes/notes', {
        principal: session,
        body: { title: 'x' },
        headers: { origin: server.url },
      });
      expect(sameOrigin.status).to.equal(201);
    });

    it("answers 404 for another tenant's resource", async () => {
      const created = await server.request('POST', '/api/v1/notes/notes', {
        principal: { ...writer, tenantId: 'tenant-a' },
        body: { title: 'A only' },
      });
      const other = await server.request('GET', `/api/v1/notes/notes/${created.body.id}`, {
        principal: { ...reader, tenantId: 'tenant-b' },
      });
      expect(other.status).to.equal(404);
      const list = await server.request('GET', '/api/v1/notes/notes', {
        principal: { ...reader, tenantId: 'tenant-b' },
      });
      expect(list.body.items).to.deep.equal([]);
    });

    it('fails loudly when a tenant-scoped query runs without a tenant', async () => {
      const response = await server.request('GET', '/api/v1/notes/notes', { principal: { ...reader, tenantId: null } });
      expect(response.status).to.equal(500);
    });
  });

  describe('plugins working together', () => {
    it('lets a plugin use its dependency through the service ref and its events', async () => {
      const created = await server.request('POST', '/api/v1/notes/notes', {
        principal: writer,
        body: { title: 'Seen?' },
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const seen = await server.request('GET', '/api/v1/reminders/seen', { principal: writer });
      expect(seen.body.ids).to.include(created.body.id);
      expect(seen.body.service).to.equal('reminders over function');
    });
  });

  describe('service endpoints', () => {
    it('sets a request id and security headers on every answer', async () => {
      const response = await server.request('GET', '/healthz');
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({ status: 'ok' });
      expect(response.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('x-frame-options')).to.equal('DENY');
      expect(response.headers.get('content-security-policy')).to.equal("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.headers.get('cache-control')).to.equal('no-store');
      const echoed = await server.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-1' } });
      expect(echoed.headers.get('x-request-id')).to.equal('abc-1');
      const unsafe = await server.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(unsafe.headers.get('x-request-id')).to.not.equal('bad id with spaces');
    });

    it('reports readiness: database reachable and migrations current', async () => {
      const response = await server.request('GET', '/readyz');
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal({
        status: 'ready',
        checks: { shutdown: 'ok', database: 'ok', migrations: 'ok' },
      });
    });

    it('exposes Prometheus metrics with request counts, latency and event-loop lag', async () => {
      await server.request('GET', '/healthz');
      const response = await server.request('GET', '/metrics');
      expect(response.status).to.equal(200);
      expect(response.body).to.match(/outpost_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
      expect(response.body).to.contain('outpost_http_request_duration_seconds_bucket');
      expect(response.body).to.contain('outpost_nodejs_eventloop_lag_seconds');
    });

    it('describes every mounted route in OpenAPI 3.1, with its schemas', async () => {
      const { body } = await server.request('GET', '/api/v1/openapi.json');
      expect(body.openapi).to.equal('3.1.0');
      const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const mounted = server.outpost.routes.map(
        (r) => `${r.route.method.toUpperCase()} ${r.fullPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`,
      );
      expect(documented).to.have.members(mounted);
      const create = body.paths['/api/v1/notes/notes'].post;
      expect(create.requestBody.content['application/json'].schema.properties.title).to.deep.equal({
        type: 'string',
        minLength: 1,
        maxLength: 200,
      });
      expect(create.responses['201'].content['application/json'].schema.required).to.include('id');
      expect(create['x-permission']).to.equal('notes.note.write');
      const read = body.paths['/api/v1/notes/notes/{id}'].get;
      expect(read.parameters).to.deep.equal([
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ]);
    });

    it('lists the UI modules and only the navigation the caller may see', async () => {
      const anonymous = await server.request('GET', '/api/v1/ui/manifest');
      expect(anonymous.body.plugins.map((p: { nav: unknown[] }) => p.nav)).to.deep.equal([[], []]);
      const { body } = await server.request('GET', '/api/v1/ui/manifest', { principal: reader });
      expect(body.plugins).to.deep.equal([
        {
          id: 'notes',
          entry: '/ui/plugins/notes/index.js',
          nav: [{ label: 'Notes', icon: 'note', path: '/notes', section: 'work', order: 100 }],
          pages: [],
          notifications: [],
          extensions: [],
          homeActions: [],
          locales: {},
          palette: [{ module: '/ui/plugins/notes/palette.js' }],
          settings: [],
        },
        {
          id: 'reminders',
          entry: '/ui/plugins/reminders/ui/index.js',
          nav: [],
          pages: [],
          notifications: [],
          extensions: [],
          homeActions: [],
          locales: {},
          palette: [],
          settings: [],
        },
      ]);
    });

    it('lists a Settings tab only to users holding its permission, with its defaults filled in', async () => {
      const settings = async (principal?: { permissions: string[] }) =>
        (await server.request('GET', '/api/v1/ui/manifest', principal ? { principal } : {})).body.plugins.map(
          (p: { settings: unknown[] }) => p.settings,
        );
      expect(await settings()).to.deep.equal([[], []]);
      expect(await settings(reader)).to.deep.equal([[], []]);
      expect(await settings(writer)).to.deep.equal([
        [
          {
            id: 'notes',
            label: 'Notes',
            icon: 'note',
            order: 100,
            element: 'notes-settings',
            redirects: ['/notes-settings'],
          },
        ],
        [],
      ]);
    });

    it('lists a home quick action only to users holding its permission', async () => {
      const homeActions = async (principal?: { permissions: string[] }) =>
        (await server.request('GET', '/api/v1/ui/manifest', principal ? { principal } : {})).body.plugins.map(
          (p: { homeActions: unknown[] }) => p.homeActions,
        );
      expect(await homeActions()).to.deep.equal([[], []]);
      expect(await homeActions(reader)).to.deep.equal([[], []]);
      expect(await homeActions(writer)).to.deep.equal([[{ label: 'Add Note', path: '/notes/new' }], []]);
    });

    it('names a palette module only to users holding its permission', async () => {
      const palette = async (principal?: { permissions: string[] }) =>
        (await server.request('GET', '/api/v1/ui/manifest', principal ? { principal } : {})).body.plugins.map(
          (p: { palette: unknown[] }) => p.palette,
        );
      expect(await palette()).to.deep.equal([[], []]);
      expect(await palette({ permissions: ['notes.note.write'] })).to.deep.equal([[], []]);
      expect(await palette(reader)).to.deep.equal([[{ module: '/ui/plugins/notes/palette.js' }], []]);
    });
  });
});

describe('a disabled plugin', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      plugins: [notesPlugin, remindersPlugin],
      config: { plugins: { reminders: { enabled: false } } },
    });
  });
  after(() => server.stop());

  it('contributes no routes, migrations, permissions or UI, and the others keep working', async () => {
    expect(
      (
        await server.request('GET', '/api/v1/reminders/seen', {
          principal: { permissions: ['reminders.reminder.read'] },
        })
      ).status,
    ).to.equal(404);
    expect(server.outpost.routes.some((r) => r.owner === 'reminders')).to.equal(false);
    expect(server.outpost.permissions.filter((p) => p.split('.').length === 3)).to.deep.equal([
      'notes.note.read',
      'notes.note.write',
    ]);
    const status = await server.outpost.migrator.status();
    expect(status.map((m) => m.owner)).to.not.include('reminders');
    const manifest = await server.request('GET', '/api/v1/ui/manifest', { principal: reader });
    expect(manifest.body.plugins.map((p: { id: string }) => p.id)).to.deep.equal(['notes']);
    const openapi = await server.request('GET', '/api/v1/openapi.json');
    expect(Object.keys(openapi.body.paths).some((path) => path.startsWith('/api/v1/reminders'))).to.equal(false);
    const created = await server.request('POST', '/api/v1/notes/notes', {
      principal: writer,
      body: { title: 'still works' },
    });
    expect(created.status).to.equal(201);
  });

  it('refuses to start a plugin whose dependency is disabled', async () => {
    let message = '';
    await startTestServer({
      plugins: [notesPlugin, remindersPlugin],
      config: { plugins: { notes: { enabled: false } } },
    }).catch((error: Error) => (message = error.message));
    expect(message).to.equal('plugins.reminders: needs plugin "notes"; enable it with plugins.notes.enabled: true');
  });
});
