import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { enroll, simulatedMachine } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

const api = '/api/v1/devices';

/** Inserts devices directly, for list tests that need many. */
async function insertDevices(
  server: DevicesServer,
  tenantId: string,
  names: string[],
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const now = Date.now();
  const rows = names.map((name, i) => ({
    id: randomUUID(),
    tenant_id: tenantId,
    short_id: String(200_000_000 + Math.floor(Math.random() * 700_000_000)),
    secret_hash: 'x'.repeat(64),
    name,
    name_lower: name.toLowerCase(),
    hostname: name,
    os: i % 2 ? 'windows' : 'linux',
    enrollment_source: 'test',
    enrollment_ref: 'test',
    created_at: new Date(now - i * 1000).toISOString(),
    last_seen_at: new Date(now - (names.length - i) * 60_000).toISOString(),
    ...extra,
  }));
  for (let i = 0; i < rows.length; i += 200) await server.outpost.db('devices_devices').insert(rows.slice(i, i + 200));
  return rows.map((r) => r.id);
}

describe('devices: enrollment and the agent channel', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  it('enrolls with an invite code typed in any case with dashes, links the device to the invite, and shows it Online', async () => {
    const invite = await server.invite();
    const typed = `${invite.code.slice(0, 4)}-${invite.code.slice(4, 8)}-${invite.code.slice(8)}`.toLowerCase();
    const facts = await simulatedMachine(1).facts();
    const enrolled = await fetch(`${server.url}/agent/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: typed, facts }),
    });
    expect(enrolled.status).to.equal(201);
    const credential = (await enrolled.json()) as { deviceId: string; secret: string; shortId: string };
    expect(credential.shortId).to.match(/^\d{9}$/);
    const row = await server.outpost.db('devices_devices').where({ id: credential.deviceId }).first();
    expect(row.enrollment_source).to.equal('invites');
    expect(row.enrollment_ref).to.equal(invite.id);
    expect(row.secret_hash).to.not.include(credential.secret);

    const invites = await server.admin.request('GET', '/api/v1/invites');
    expect(invites.body.items.find((i: { id: string }) => i.id === invite.id).deviceCount).to.equal(1);

    const before = await server.admin.request('GET', `${api}/${credential.deviceId}`);
    expect(before.body.status).to.equal('offline');

    const events: string[] = [];
    const unsubscribe = server.outpost.events.subscribe('devices.device.*', (event) => void events.push(event.topic), {
      subscriberId: 'test.devices',
    });
    const agent = await server.connect(
      { server: server.url, deviceId: credential.deviceId, secret: credential.secret },
      simulatedMachine(1),
    );
    await until(async () => events.includes('devices.device.online'), 5000, 'device.online');
    const details = await server.admin.request('GET', `${api}/${credential.deviceId}`);
    expect(details.body).to.include({
      status: 'online',
      hostname: 'sim-00001',
      agentVersion: '0.1.0',
      sessionCount: 1,
      ip: '127.0.0.1',
    });
    await until(
      async () => (await server.admin.request('GET', `${api}/${credential.deviceId}`)).body.systemInfo,
      5000,
      'system info',
    );

    await agent.stop();
    await until(async () => events.includes('devices.device.offline'), 5000, 'device.offline');
    unsubscribe();
    expect((await server.admin.request('GET', `${api}/${credential.deviceId}`)).body.status).to.equal('offline');
    const sessions = await server.admin.request('GET', `${api}/${credential.deviceId}/sessions`);
    expect(sessions.body.items).to.have.length(1);
    expect(sessions.body.items[0].disconnectedAt).to.be.a('string');
    const csv = await server.admin.request('GET', `${api}/${credential.deviceId}/sessions.csv`);
    expect(csv.headers.get('content-type')).to.include('text/csv');
    expect(String(csv.body).split('\n')[0]).to.include('Connected');
  });

  it("mails the device's notification e-mail when it goes online and offline", async () => {
    const state = await server.enrollSimulated(9);
    expect(
      (
        await server.admin.request('PATCH', `${api}/${state.deviceId}`, {
          body: { notifyEmail: 'watcher@example.test' },
        })
      ).status,
    ).to.equal(200);
    const agent = await server.connect(state, simulatedMachine(9));
    const online = await server.mail.waitFor(
      (m) => (m.to as { text: string }).text === 'watcher@example.test' && /is online/.test(m.subject ?? ''),
    );
    expect(online.subject).to.equal('sim-00009 is online');
    await agent.stop();
    await server.mail.waitFor(
      (m) => (m.to as { text: string }).text === 'watcher@example.test' && m.subject === 'sim-00009 went offline',
    );
  });

  it('says Not installed for an agent that runs without the service, and detects a dead agent within two heartbeats', async () => {
    const state = await server.enrollSimulated(2);
    const agent = await server.connect(state, simulatedMachine(2), false);
    expect((await server.admin.request('GET', `${api}/${state.deviceId}`)).body.status).to.equal('not-installed');
    // Freeze the agent's socket: pongs stop, and the server must notice on its own.
    const socket = (agent as unknown as { socket: { _socket: { pause(): void } } }).socket;
    const started = Date.now();
    socket._socket.pause();
    await until(
      async () => !(await server.outpost.db('devices_devices').where({ id: state.deviceId }).first('online')).online,
      5000,
      'offline after missed pongs',
    );
    expect(Date.now() - started).to.be.below(3500);
  });

  it('keeps agent credentials to their own device: no other device, no /api/v1 route', async () => {
    const a = await server.enrollSimulated(4);
    const b = await server.enrollSimulated(5);
    const { WebSocket } = await import('ws');
    const statusOf = (authorization: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/agent/v1/ws`, { headers: { authorization } });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
    expect(await statusOf(`Bearer ${b.deviceId}.${a.secret}`)).to.equal(401);
    expect(await statusOf('Bearer nonsense')).to.equal(401);
    for (const path of [api, `${api}/${a.deviceId}`, '/api/v1/invites', '/api/v1/account']) {
      const answer = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${a.deviceId}.${a.secret}` },
      });
      expect(answer.status, path).to.equal(401);
    }
  });
  it('refuses wrong codes, expired invites and deleted invites, and throttles guessing from one address', async () => {
    const facts = await simulatedMachine(3).facts();
    const post = (code: string) =>
      fetch(`${server.url}/agent/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, facts }),
      });
    const invite = await server.invite();
    await server.outpost
      .db('invites_invites')
      .where({ id: invite.id })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    const expired = await post(invite.code);
    expect(expired.status).to.equal(403);
    expect(((await expired.json()) as { detail: string }).detail).to.match(/expired/);
    const deleted = await server.invite();
    expect((await server.admin.request('DELETE', `/api/v1/invites/${deleted.id}`)).status).to.equal(204);
    expect((await post(deleted.code)).status).to.equal(404);
    const malformed = await post('not a code');
    expect(malformed.headers.get('content-type')).to.include('application/problem+json');
    let status = 0;
    for (let i = 0; i < 30 && status !== 429; i += 1)
      status = (await post(`WRONG${String(i).padStart(7, 'A')}`)).status;
    expect(status).to.equal(429);
    const good = await server.invite();
    expect((await post(good.code)).status, 'a right code is throttled too once an address guesses').to.equal(429);
  });
});

describe('devices: malformed agent frames', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer({ devices: { maxFrameKb: 64, maxFramesPer10s: 50 } })));
  after(() => server?.stop());

  async function rawAgent(state: { deviceId: string; secret: string }) {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/agent/v1/ws`, {
      headers: { authorization: `Bearer ${state.deviceId}.${state.secret}` },
      perMessageDeflate: false,
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    return { ws, closed };
  }

  const cases: Array<[string, (ws: import('ws').WebSocket) => void, RegExp]> = [
    ['bad JSON', (ws) => ws.send('{not json'), /frame is not JSON/],
    [
      'an oversized frame',
      (ws) => ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'status', params: { x: 'a'.repeat(100 * 1024) } })),
      /frame too large/,
    ],
    [
      'an unknown method',
      (ws) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'rm -rf', params: {} })),
      /unknown method|before hello/,
    ],
    // Answers to requests nobody made are harmless one by one; 200 of them are a flood.
    [
      'a flood',
      (ws) => {
        for (let i = 0; i < 200; i += 1) ws.send(JSON.stringify({ jsonrpc: '2.0', id: 9999, result: null }));
      },
      /flood/,
    ],
  ];
  for (const [what, send, reason] of cases) {
    it(`closes the connection on ${what} with a logged reason, and keeps serving`, async () => {
      const state = await server.enrollSimulated(Math.floor(Math.random() * 10_000));
      const { ws, closed } = await rawAgent(state);
      send(ws);
      const code = await closed;
      expect(code).to.not.equal(1000);
      await until(
        async () => server.logs.some((line) => line.includes('agent connection closed') && reason.test(line)),
        3000,
        `a log line matching ${reason}`,
      );
      expect((await server.admin.request('GET', `${api}/summary`)).status).to.equal(200);
      const good = await server.connect(state);
      await good.stop();
    });
  }
});

describe('devices: system_info from an agent', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  const fileSystem = { mount: '/', sizeBytes: 100, usedBytes: 50 };
  const bad: Array<[string, Record<string, unknown>]> = [
    ['a collectedAt that is no date', { collectedAt: 'not a date' }],
    ['more used than the size', { fileSystems: [{ ...fileSystem, usedBytes: 500 }] }],
    ['a negative size', { memory: { totalBytes: -50 } }],
    ['a size beyond any disk', { disks: [{ name: 'sda', sizeBytes: 5e20 }] }],
    ['a huge string', { os: { hostname: 'x'.repeat(5000) } }],
  ];
  for (const [what, info] of bad) {
    it(`refuses system_info with ${what} as a protocol violation and stores none of it`, async () => {
      const before = server.logs.length;
      const state = await server.enrollSimulated(Math.floor(Math.random() * 10_000));
      const machine = { ...simulatedMachine(5), systemInfo: async () => ({ agentVersion: '0.1.0', ...info }) };
      const agent = await server.connect(state, machine);
      const refused = (line: string) => line.includes('agent connection closed') && line.includes('system_info');
      await until(async () => server.logs.slice(before).some(refused), 15_000, 'the refusal in the log');
      await agent.stop();
      const device = await server.admin.request('GET', `${api}/${state.deviceId}`);
      expect(device.body.systemInfo).to.equal(null);
    });
  }

  it("stores a real agent's system_info, placeholders included", async () => {
    const state = await server.enrollSimulated(6);
    const info = {
      agentVersion: '0.1.0',
      collectedAt: new Date().toISOString(),
      cpu: { brand: 'Simulated', speedGHz: 0 },
      system: { serial: '-', virtual: true },
      fileSystems: [fileSystem],
      network: [{ name: 'eth0', speedMbps: -1, internal: false }],
      future: { field: 'kept' },
    };
    const agent = await server.connect(state, { ...simulatedMachine(6), systemInfo: async () => info });
    const stored = await until(
      async () => (await server.admin.request('GET', `${api}/${state.deviceId}`)).body.systemInfo ?? undefined,
      15_000,
      'system info',
    );
    await agent.stop();
    expect(stored).to.deep.equal(info);
  });
});

describe('devices: NUL characters from an agent', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  it('are stored as U+FFFD, so a hello with them brings the device online on both databases', async () => {
    const state = await server.enrollSimulated(4242);
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/agent/v1/ws`, {
      headers: { authorization: `Bearer ${state.deviceId}.${state.secret}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    const facts = { ...(await simulatedMachine(4242).facts()), hostname: 'evil\u0000host', os: 'Linux\u0000' };
    ws.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'hello',
        params: { protocol: 1, agentVersion: '1.0.0', service: false, display: false, facts },
      }),
    );
    const reply = await answer;
    expect(reply.error, JSON.stringify(reply.error)).to.equal(undefined);
    const device = await server.admin.request('GET', `${api}/${state.deviceId}`);
    expect(device.body).to.include({ hostname: 'evil\uFFFDhost', os: 'Linux\uFFFD' });
    ws.close();
  });

  it('drops characters that reverse the text around them from the names an agent reports, at enrollment and hello', async () => {
    const reversed = 'txt.\u202Eevil';
    const { code } = await server.invite();
    const enrolled = await enroll(server.url, code, { ...(await simulatedMachine(4343).facts()), hostname: reversed });
    const device = await server.admin.request('GET', `${api}/${enrolled.deviceId}`);
    expect(device.body).to.include({ name: 'txt.evil', hostname: 'txt.evil' });
    const machine = simulatedMachine(4343);
    const agent = await server.connect(
      { server: server.url, deviceId: enrolled.deviceId, secret: enrolled.secret },
      { ...machine, facts: async () => ({ ...(await machine.facts()), hostname: `\u2067${reversed}\u2069` }) },
    );
    expect((await server.admin.request('GET', `${api}/${enrolled.deviceId}`)).body.hostname).to.equal('txt.evil');
    await agent.stop();
  });
});

describe('devices: the registry', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  it('normalizes tags to lowercase and refuses bad ones and more than 32', async () => {
    const [id] = await insertDevices(server, server.rootTenantId, ['tagged']);
    const ok = await server.admin.request('PATCH', `${api}/${id}`, {
      body: { tags: ['Prod', 'client:ACME', 'office-nyc', 'prod'] },
    });
    expect(ok.status).to.equal(200);
    expect(ok.body.tags).to.deep.equal(['prod', 'client:acme', 'office-nyc']);
    const bad = await server.admin.request('PATCH', `${api}/${id}`, { body: { tags: ['no spaces'] } });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].pointer).to.equal('/body/tags/0');
    const long = await server.admin.request('PATCH', `${api}/${id}`, { body: { tags: ['x'.repeat(65)] } });
    expect(long.status).to.equal(400);
    const many = await server.admin.request('PATCH', `${api}/${id}`, {
      body: { tags: Array.from({ length: 33 }, (_, i) => `t${i}`) },
    });
    expect(many.status).to.equal(400);
    expect(
      (await server.admin.request('GET', `${api}?tag=client:acme`)).body.items.map((d: { id: string }) => d.id),
    ).to.deep.equal([id]);
  });

  it('lists with search, filters, case-insensitive sort, favorites first and keyset pages that neither skip nor repeat', async () => {
    const tenant = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `List ${Date.now()}`, adminEmail: `list-${Date.now()}@example.test` },
    });
    expect(tenant.status).to.equal(201);
    await server.admin.request('PUT', '/api/v1/account/tenant', { body: { tenantId: tenant.body.id } });
    const names = Array.from(
      { length: 120 },
      (_, i) => `${i % 3 === 0 ? 'alpha' : i % 3 === 1 ? 'Beta' : 'gamma'}-${String(i).padStart(3, '0')}`,
    );
    const ids = await insertDevices(server, tenant.body.id, names);
    await server.admin.request('PUT', `${api}/${ids[119]}/favorite`);
    await server.admin.request('PUT', `${api}/${ids[60]}/favorite`);

    const seen: string[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const page: {
        status: number;
        body: {
          items: Array<{ id: string; name: string; favorite: boolean }>;
          nextCursor: string | null;
          total?: number;
        };
      } = await server.admin.request('GET', `${api}?limit=25${cursor ? `&cursor=${cursor}` : '&withTotal=true'}`);
      expect(page.status).to.equal(200);
      if (first) {
        expect(page.body.total).to.equal(120);
        expect(page.body.items.slice(0, 2).map((d) => d.favorite)).to.deep.equal([true, true]);
        expect(page.body.items[0]!.name < page.body.items[1]!.name).to.equal(true);
      }
      first = false;
      seen.push(...page.body.items.map((d) => d.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).to.have.length(120);
    expect(new Set(seen).size).to.equal(120);
    const rest = seen.slice(2);
    expect(rest).to.deep.equal([...rest].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

    const search = await server.admin.request('GET', `${api}?q=BETA&favoritesFirst=false&limit=500&withTotal=true`);
    expect(search.body.total).to.equal(40);
    const windows = await server.admin.request('GET', `${api}?os=windows&limit=500`);
    expect(windows.body.items.every((d: { os: string }) => d.os === 'windows')).to.equal(true);
    const byLastSeen = await server.admin.request(
      'GET',
      `${api}?sort=lastSeen&order=desc&favoritesFirst=false&limit=3`,
    );
    expect(byLastSeen.body.items[0].name).to.equal(names[119]);
    const offline = await server.admin.request('GET', `${api}?status=offline&limit=1&withTotal=true`);
    expect(offline.body.total).to.equal(120);
    const csv = await server.admin.request('GET', `${api}/export.csv?q=gamma`);
    expect(String(csv.body).trim().split('\n')).to.have.length(41);
    const bad = await server.admin.request('GET', `${api}?cursor=garbage`);
    expect(bad.status).to.equal(400);
    await server.admin.request('PUT', '/api/v1/account/tenant', { body: { tenantId: server.rootTenantId } });
  });

  it('groups: create, rename, move devices in bulk, delete (devices stay), counts in the summary', async () => {
    const ids = await insertDevices(server, server.rootTenantId, ['g-one', 'g-two', 'g-three']);
    const group = await server.admin.request('POST', `${api}/groups`, { body: { name: 'Front desk' } });
    expect(group.status).to.equal(201);
    expect((await server.admin.request('POST', `${api}/groups`, { body: { name: 'Front desk' } })).status).to.equal(
      409,
    );
    const moved = await server.admin.request('POST', `${api}/bulk`, {
      body: { ids, action: 'move', groupId: group.body.id },
    });
    expect(moved.body.affected).to.have.length(3);
    const tagged = await server.admin.request('POST', `${api}/bulk`, {
      body: { ids: ids.slice(0, 2), action: 'addTag', tag: 'Lab' },
    });
    expect(tagged.body.affected).to.have.length(2);
    expect((await server.admin.request('GET', `${api}?tag=lab&withTotal=true`)).body.total).to.equal(2);
    await server.admin.request('POST', `${api}/bulk`, { body: { ids, action: 'removeTag', tag: 'lab' } });
    expect((await server.admin.request('GET', `${api}?tag=lab&withTotal=true`)).body.total).to.equal(0);
    expect(
      (await server.admin.request('PATCH', `${api}/groups/${group.body.id}`, { body: { name: 'Reception' } })).body
        .name,
    ).to.equal('Reception');
    const summary = await server.admin.request('GET', `${api}/summary`);
    expect(summary.body.groups.find((g: { id: string }) => g.id === group.body.id).deviceCount).to.equal(3);
    expect((await server.admin.request('GET', `${api}?groupId=${group.body.id}&withTotal=true`)).body.total).to.equal(
      3,
    );
    expect((await server.admin.request('DELETE', `${api}/groups/${group.body.id}`)).status).to.equal(204);
    expect((await server.admin.request('GET', `${api}/${ids[0]}`)).body.groupId).to.equal(null);
  });

  it('trash: a trashed device is refused, restorable, purged after 30 days, and emptied for good', async () => {
    const state = await server.enrollSimulated(50);
    const agent = await server.connect(state);
    expect((await server.admin.request('DELETE', `${api}/${state.deviceId}`)).status).to.equal(204);
    await until(async () => !agent.connected, 3000, 'the trashed device disconnected');
    const { WebSocket } = await import('ws');
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/agent/v1/ws`, {
        headers: { authorization: `Bearer ${state.deviceId}.${state.secret}` },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).to.equal(403);
    const summary = await server.admin.request('GET', `${api}/summary`);
    expect(summary.body.trash).to.be.greaterThan(0);
    expect(
      (await server.admin.request('GET', `${api}/${state.deviceId}/sessions`)).body.items,
      'a device in Trash keeps its log',
    ).to.have.length(1);
    expect(
      (await server.admin.request('GET', `${api}?trash=true`)).body.items.map((d: { id: string }) => d.id),
    ).to.include(state.deviceId);
    expect((await server.admin.request('POST', `${api}/${state.deviceId}/restore`)).body.deletedAt).to.equal(null);
    await agent.stop();

    const [old, recent] = await insertDevices(server, server.rootTenantId, ['old-trash', 'recent-trash']);
    await server.outpost
      .db('devices_devices')
      .where({ id: old })
      .update({ deleted_at: new Date(Date.now() - 31 * 86_400_000).toISOString() });
    await server.outpost
      .db('devices_devices')
      .where({ id: recent })
      .update({ deleted_at: new Date(Date.now() - 29 * 86_400_000).toISOString() });
    await server.outpost.jobs.enqueue('devices.purge-trash', {});
    await until(
      async () => !(await server.outpost.db('devices_devices').where({ id: old }).first('id')),
      10_000,
      'the purge job',
    );
    expect(await server.outpost.db('devices_devices').where({ id: recent }).first('id')).to.not.equal(undefined);
    const emptied = await server.admin.request('DELETE', `${api}/trash`);
    expect(emptied.body.deleted).to.be.greaterThan(0);
    expect((await server.admin.request('GET', `${api}?trash=true&withTotal=true`)).body.total).to.equal(0);
  });

  it('search (the command palette uses it) finds a device by its 9-digit ID with or without spaces and by IP, never another tenant’s', async () => {
    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Search other ${Date.now()}`, adminEmail: `search-other-${Date.now()}@example.test` },
    });
    expect(other.status).to.equal(201);
    const [mine] = await insertDevices(server, server.rootTenantId, ['front-desk'], {
      short_id: '482915736',
      ip: '10.20.30.41',
    });
    const [theirs] = await insertDevices(server, other.body.id, ['front-desk-other'], {
      short_id: '482915999',
      ip: '10.20.30.42',
    });
    const found = async (q: string) =>
      (await server.admin.request('GET', `${api}?${new URLSearchParams({ q, limit: '50' })}`)).body.items.map(
        (d: { id: string }) => d.id,
      );
    expect(await found('482915736')).to.deep.equal([mine]);
    expect(await found('482 915 736')).to.deep.equal([mine]);
    expect(await found('482-915-736')).to.deep.equal([mine]);
    expect(await found(' 482 915 ')).to.deep.equal([mine], 'the start of an ID, in this tenant only');
    expect(await found('10.20.30.')).to.deep.equal([mine], 'the start of an IP address, in this tenant only');
    expect(await found('10.20.30.42')).to.deep.equal([]);
    expect(await found('482915999')).to.deep.equal([]);
    expect(await found('front-desk')).to.deep.equal([mine]);
    expect(await found('915')).to.deep.equal([], 'digits inside an ID do not match: an ID is read from its start');
    expect(theirs).to.be.a('string');
    const tooLong = await server.admin.request('GET', `${api}?q=${'1'.repeat(201)}`);
    expect(tooLong.status).to.equal(400);
  });

  it("sharing shows the device as shared in the other user's list; a user of another tenant cannot be chosen", async () => {
    const [id] = await insertDevices(server, server.rootTenantId, ['shared-box']);
    const colleague = await server.createUser(`colleague-${Date.now()}@example.test`, 'member');
    const outsiderTenant = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Other ${Date.now()}`, adminEmail: `other-${Date.now()}@example.test` },
    });
    const outsider = await server.createUser(
      `outsider-${Date.now()}@example.test`,
      'member',
      undefined,
      outsiderTenant.body.id,
    );
    expect(
      (await server.admin.request('POST', `${api}/${id}/shares`, { body: { userId: outsider.id } })).status,
    ).to.equal(404);
    expect(
      (await server.admin.request('POST', `${api}/${id}/shares`, { body: { userId: colleague.id } })).status,
    ).to.equal(204);
    const theirs = await server.signedIn(colleague);
    const list = await theirs.request('GET', `${api}?shared=true`);
    expect(list.body.items.map((d: { id: string; shared: boolean }) => [d.id, d.shared])).to.deep.equal([[id, true]]);
    expect((await server.admin.request('GET', `${api}/${id}`)).body.shares[0].email).to.equal(colleague.email);
    expect(
      (await theirs.request('PATCH', `${api}/${id}`, { body: { name: 'mine now' } })).status,
      'a Member cannot manage devices',
    ).to.equal(403);
  });

  it('permalinks are readable paths, unique per tenant', async () => {
    const [a, b] = await insertDevices(server, server.rootTenantId, ['link-a', 'link-b']);
    expect(
      (await server.admin.request('PATCH', `${api}/${a}`, { body: { permalink: 'reception-pc' } })).status,
    ).to.equal(200);
    expect(
      (await server.admin.request('PATCH', `${api}/${b}`, { body: { permalink: 'reception-pc' } })).status,
    ).to.equal(409);
    expect((await server.admin.request('PATCH', `${api}/${b}`, { body: { permalink: 'Not A Slug' } })).status).to.equal(
      400,
    );
    expect((await server.admin.request('GET', `${api}/by-link/reception-pc`)).body.id).to.equal(a);
  });

  it('operations: unknown names, bad arguments and offline devices answer clear errors', async () => {
    const state = await server.enrollSimulated(60);
    expect(
      (
        await server.admin.request('POST', `${api}/${state.deviceId}/operations`, {
          body: { name: 'diagnostics:disk_usage' },
        })
      ).body.type,
    ).to.match(/device-offline/);
    const agent = await server.connect(state);
    const ok = await server.admin.request('POST', `${api}/${state.deviceId}/operations`, {
      body: { name: 'diagnostics:disk_usage' },
    });
    expect(ok.status).to.equal(200);
    expect(ok.body.result.simulated).to.equal(true);
    expect(
      (
        await server.admin.request('POST', `${api}/${state.deviceId}/operations`, {
          body: { name: 'shell:run', args: {} },
        })
      ).status,
    ).to.equal(404);
    const bad = await server.admin.request('POST', `${api}/${state.deviceId}/operations`, {
      body: { name: 'diagnostics:list_processes', args: { limit: 0 } },
    });
    expect(bad.status).to.equal(400);
    expect(bad.body.detail).to.include('/limit');
    await agent.stop();
  });

  it("a plan's device limit makes the next device Limited and the ones after Disabled, whose operations are refused", async () => {
    const tenant = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Quota ${Date.now()}`, adminEmail: `quota-${Date.now()}@example.test` },
    });
    await server.outpost.db('core_tenants').where({ id: tenant.body.id }).update({ plan: 'trial' });
    const limit = server.outpost.tenancy.quotas.planNamed('trial').limits.devices!;
    await server.admin.request('PUT', '/api/v1/account/tenant', { body: { tenantId: tenant.body.id } });
    const states = [];
    for (let i = 0; i < limit + 2; i += 1) states.push(await server.enrollSimulated(100 + i));
    const statuses = await Promise.all(
      states.map(async (s) => (await server.admin.request('GET', `${api}/${s.deviceId}`)).body.status),
    );
    expect(statuses.slice(limit)).to.deep.equal(['limited', 'disabled']);
    // The devices plugin's rule on the core's quota answer: the first over the limit is usable for 10 days.
    const limited = await server.outpost
      .db('devices_devices')
      .where({ id: states[limit]!.deviceId })
      .first('limited_until');
    expect((new Date(limited.limited_until).getTime() - Date.now()) / 86_400_000).to.be.closeTo(10, 0.01);
    const disabled = states[limit + 1]!;
    const agent = await server.connect(disabled);
    const refused = await server.admin.request('POST', `${api}/${disabled.deviceId}/operations`, {
      body: { name: 'diagnostics:disk_usage' },
    });
    expect(refused.status).to.equal(403);
    await agent.stop();
    await server.admin.request('PUT', '/api/v1/account/tenant', { body: { tenantId: server.rootTenantId } });
  });
});
