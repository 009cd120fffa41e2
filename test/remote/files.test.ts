import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { expect } from 'chai';
import { type AgentState, type Machine, simulatedMachine } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { remotePlugin } from '@outpost/plugin-remote';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import type { Browser } from '../helpers/identity.js';
import { browserSocket, opened, recorder } from '../helpers/remote.js';

/** Another account of this machine with a login shell (postgres, a desktop user, ...), when there is one. */
function otherLoginUser(): string | undefined {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => f.length > 6 && f[2] !== '0' && f[0] !== userInfo().username && /\/(ba|z|da)?sh$/.test(f[6]!))?.[0];
}

describe('remote: terminal user and file-transfer log', function () {
  this.timeout(90_000);
  let server: DevicesServer;
  let device: AgentState;
  let other: AgentState;
  let viewer: Browser;
  let member: Browser;
  const seen: Array<Record<string, unknown>> = [];

  before(async () => {
    server = await startDevicesServer({ plugins: [remotePlugin] });
    device = await server.enrollSimulated(1);
    other = await server.enrollSimulated(2);
    const base = simulatedMachine(0);
    // The simulated machine runs remote operations for real; this one also records what it was asked.
    const machine: Machine = {
      ...base,
      runOperation: (name, args, context) => {
        if (name === 'remote:open_tunnel') seen.push(args as Record<string, unknown>);
        return base.runOperation(name, args, context);
      },
    };
    await server.connect(device, machine);
    viewer = await server.signedIn(await server.createUser(`viewer-${Date.now()}@example.test`, 'viewer'));
    member = await server.signedIn(await server.createUser(`member-${Date.now()}@example.test`, 'member'));
  });
  after(async () => {
    await server?.stop();
  });

  const settingsPath = (id: string) => `/api/v1/remote/devices/${id}/settings`;

  it("keeps each device's terminal user: anyone who sees devices reads it, only device managers change it, names are checked", async () => {
    expect((await viewer.request('GET', settingsPath(device.deviceId))).body).to.deep.equal({
      deviceId: device.deviceId,
      terminalUser: null,
    });
    expect(
      (await member.request('PUT', settingsPath(device.deviceId), { body: { terminalUser: 'x' } })).status,
    ).to.equal(403);
    expect(
      (await viewer.request('PUT', settingsPath(device.deviceId), { body: { terminalUser: 'x' } })).status,
    ).to.equal(403);
    for (const bad of ['root; reboot', '../etc', 'a'.repeat(40), ' '])
      expect(
        (await server.admin.request('PUT', settingsPath(device.deviceId), { body: { terminalUser: bad } })).status,
        bad,
      ).to.equal(400);
    const changed = await server.admin.request('PUT', settingsPath(device.deviceId), {
      body: { terminalUser: 'alice' },
    });
    expect(changed.body).to.deep.equal({ deviceId: device.deviceId, terminalUser: 'alice' });
    expect((await viewer.request('GET', settingsPath(device.deviceId))).body.terminalUser).to.equal('alice');
    const cleared = await server.admin.request('PUT', settingsPath(device.deviceId), { body: { terminalUser: '' } });
    expect(cleared.body.terminalUser).to.equal(null);
    expect((await server.admin.request('GET', settingsPath('00000000-0000-4000-8000-000000000000'))).status).to.equal(
      404,
    );
  });

  it('opens the terminal as the user the device settings name, whatever user the browser asks for', async () => {
    const name = otherLoginUser();
    // The test scripts run as root (they install Debian packages); PostgreSQL's account has a login shell.
    expect(process.getuid?.(), 'this test runs as root').to.equal(0);
    expect(name, 'another account with a login shell in /etc/passwd').to.not.equal(undefined);
    expect(
      (await server.admin.request('PUT', settingsPath(device.deviceId), { body: { terminalUser: name } })).status,
    ).to.equal(200);
    const created = await server.admin.request('POST', '/api/v1/remote/sessions', {
      body: { deviceId: device.deviceId, kind: 'terminal', options: { user: 'root', cols: 100, rows: 30 } },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(seen.at(-1)!.options).to.include({ user: name, sessionId: created.body.id, cols: 100 });
    const socket = browserSocket(server.url, server.admin, created.body.socketPath);
    // Listening before it opens: the held `ready` may come in the same read as the upgrade's answer.
    const received = recorder(socket);
    await opened(socket);
    await until(async () => received.texts.find((m) => m.type === 'ready'), 30_000, 'the shell to start').catch(
      (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(received.texts)} ${received.bytes().toString()}`);
      },
    );
    expect(received.texts.find((m) => m.type === 'ready')!.user).to.equal(name);
    socket.send(Buffer.from('echo "who=$(id -un)"\r'));
    await until(
      async () => received.bytes().toString().includes(`who=${name}`),
      30_000,
      `the shell to answer as ${name}`,
    );
    socket.close();
    await received.closed;
    await server.admin.request('PUT', settingsPath(device.deviceId), { body: { terminalUser: null } });
  });

  it("logs the transfers a device's agent reports for its own files sessions only, readable with remote.session.view", async () => {
    const created = await server.admin.request('POST', '/api/v1/remote/sessions', {
      body: { deviceId: device.deviceId, kind: 'files' },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const sessionId = created.body.id as string;
    const report = {
      sessionId,
      path: '/home/alice/report, final.pdf',
      name: 'report, final.pdf',
      size: 52_428_800,
      bytes: 52_428_800,
      direction: 'upload',
      result: 'completed',
    };
    const post = (credential: string | undefined, body: Record<string, unknown> = report) =>
      server.browser().request('POST', '/agent/v1/remote/transfers', {
        body,
        headers: credential ? { authorization: `Bearer ${credential}` } : {},
      });
    expect((await post(undefined)).status).to.equal(401);
    expect((await post(`${device.deviceId}.wrong-secret`)).status).to.equal(401);
    // Another device's agent cannot write into this device's session.
    expect((await post(`${other.deviceId}.${other.secret}`)).status).to.equal(404);
    expect((await post(`${device.deviceId}.${device.secret}`, { ...report, direction: 'sideways' })).status).to.equal(
      400,
    );
    expect((await post(`${device.deviceId}.${device.secret}`)).status).to.equal(201);
    expect(
      (
        await post(`${device.deviceId}.${device.secret}`, {
          ...report,
          direction: 'download',
          result: 'failed',
          bytes: 1000,
          error: 'permission denied',
        })
      ).status,
    ).to.equal(201);

    const list = await viewer.request('GET', `/api/v1/remote/transfers?deviceId=${device.deviceId}`);
    expect(list.status).to.equal(200);
    expect(
      (list.body.items as Record<string, unknown>[]).map((t) => [
        t.direction,
        t.name,
        t.size,
        t.bytes,
        t.result,
        t.error,
      ]),
    ).to.deep.equal([
      ['download', 'report, final.pdf', 52_428_800, 1000, 'failed', 'permission denied'],
      ['upload', 'report, final.pdf', 52_428_800, 52_428_800, 'completed', null],
    ]);
    expect(list.body.items[0]).to.include({ sessionId, deviceId: device.deviceId, userId: server.owner.id });
    expect(list.body.items[0].technician).to.not.equal('');
    expect(list.body.items[0].deviceName).to.not.equal('');
    const paged = await viewer.request('GET', `/api/v1/remote/transfers?deviceId=${device.deviceId}&limit=1`);
    const next = await viewer.request(
      'GET',
      `/api/v1/remote/transfers?deviceId=${device.deviceId}&limit=1&cursor=${paged.body.nextCursor}`,
    );
    expect([paged.body.items[0].direction, next.body.items[0].direction]).to.deep.equal(['download', 'upload']);
    expect(next.body.nextCursor).to.equal(null);
    expect(
      (await viewer.request('GET', `/api/v1/remote/transfers?deviceId=${other.deviceId}`)).body.items,
    ).to.deep.equal([]);
    const csv = await viewer.request('GET', `/api/v1/remote/transfers/export.csv?deviceId=${device.deviceId}`);
    expect(csv.status).to.equal(200);
    expect(String(csv.body)).to.include(
      '"report, final.pdf","/home/alice/report, final.pdf",52428800,52428800,completed',
    );
    await server.admin.request('DELETE', `/api/v1/remote/sessions/${sessionId}`);
  });
});
