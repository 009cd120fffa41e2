import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { remotePlugin } from '@outpost/plugin-remote';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

describe('remote: the session history (activity, unattended, CSV, API keys)', function () {
  this.timeout(120_000);
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer({ plugins: [remotePlugin] })));
  after(() => server?.stop());

  /** Ended sessions stored as the broker stores them, for reading the history. */
  async function stored(rows: Array<{ device: string; user: string; at: string; unattended?: boolean }>) {
    const tenantId = server.rootTenantId;
    await server.outpost.db('remote_sessions').insert(
      rows.map((r) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        device_id: r.device,
        user_id: r.user,
        kind: 'vnc',
        started_at: r.at,
        ended_at: new Date(Date.parse(r.at) + 90_000).toISOString(),
        end_reason: 'browser closed',
        bytes_to_device: 1000,
        bytes_from_device: 250_000,
        unattended: r.unattended ?? false,
      })),
    );
  }

  it('filters by device, devices, technician, unattended and date, counts, exports CSV and answers an API key with remote.session.view', async () => {
    const a = await server.enrollSimulated(301);
    const b = await server.enrollSimulated(302);
    const tech = await server.createUser(`history-tech-${Date.now()}@example.test`, 'member');
    const owner = server.owner.id;
    await stored([
      { device: a.deviceId, user: owner, at: '2026-11-01T10:00:00.000Z' },
      { device: a.deviceId, user: tech.id, at: '2026-11-02T10:00:00.000Z', unattended: true },
      { device: b.deviceId, user: tech.id, at: '2026-11-03T10:00:00.000Z' },
    ]);
    await server.admin.request('PATCH', `/api/v1/devices/${a.deviceId}`, { body: { name: 'history-a' } });
    const list = async (query: Record<string, string>) => {
      const answer = await server.admin.request(
        'GET',
        `/api/v1/remote/sessions?${new URLSearchParams({ state: 'all', withTotal: 'true', ...query })}`,
      );
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      return answer.body as { items: Array<{ deviceId: string; userId: string; startedAt: string }>; total: number };
    };
    expect((await list({})).total).to.equal(3);
    expect((await list({ deviceId: a.deviceId })).items.map((s) => s.startedAt)).to.deep.equal([
      '2026-11-02T10:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
    ]);
    expect((await list({ userId: tech.id })).total).to.equal(2);
    expect((await list({ unattended: 'true' })).items.map((s) => s.deviceId)).to.deep.equal([a.deviceId]);
    const range = await list({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' });
    expect(range.items.map((s) => s.startedAt)).to.deep.equal(['2026-11-02T10:00:00.000Z']);

    // A contact's history asks for the sessions of its devices.
    expect((await list({ deviceIds: `${b.deviceId},${randomUUID()}` })).items.map((s) => s.deviceId)).to.deep.equal([
      b.deviceId,
    ]);

    const csv = await server.admin.request('GET', `/api/v1/remote/sessions.csv?deviceId=${a.deviceId}`);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).to.equal(
      'started,ended,device,technician,kind,duration_seconds,unattended,end_reason,ended_by,bytes_to_device,bytes_from_device',
    );
    expect(lines).to.have.length(3);
    expect(lines[1]).to.include('2026-11-02T10:00:00.000Z').and.include('history-a').and.include(',90,yes,');

    // The seed's `sessions` scope: a read-only key holding remote.session.view reads the logs; one without is refused.
    const key = await server.admin.request('POST', '/api/v1/api-keys', {
      body: { name: 'sessions', scopes: ['remote.session.view'] },
    });
    expect(key.status, JSON.stringify(key.body)).to.equal(201);
    const withKey = await fetch(`${server.url}/api/v1/remote/sessions?state=all&unattended=true`, {
      headers: { authorization: `Bearer ${key.body.key}` },
    });
    expect(withKey.status).to.equal(200);
    expect(((await withKey.json()) as { items: unknown[] }).items).to.have.length(1);
    const csvWithKey = await fetch(`${server.url}/api/v1/remote/sessions.csv`, {
      headers: { authorization: `Bearer ${key.body.key}` },
    });
    expect(csvWithKey.status).to.equal(200);
    const devicesKey = await server.admin.request('POST', '/api/v1/api-keys', {
      body: { name: 'devices only', scopes: ['device.view'] },
    });
    const refused = await fetch(`${server.url}/api/v1/remote/sessions?state=all`, {
      headers: { authorization: `Bearer ${devicesKey.body.key}` },
    });
    expect(refused.status).to.equal(403);

    // A Viewer reads the history too.
    const viewer = await server.signedIn(
      await server.createUser(`history-viewer-${Date.now()}@example.test`, 'viewer'),
    );
    expect((await viewer.request('GET', '/api/v1/remote/sessions?state=all')).body.items).to.have.length(3);
  });
});
