import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import {
  type AgentConnection,
  type AgentState,
  type Machine,
  allowTunnelPorts,
  simulatedMachine,
} from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { remotePlugin } from '@outpost/plugin-remote';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import type { Browser } from '../helpers/identity.js';
import { browserSocket, opened, recorder, refusal, sha256, startEchoServer } from '../helpers/remote.js';

const api = '/api/v1/remote/sessions';

/** A simulated machine whose tunnel operations are recorded; with `hold`, it keeps the token instead of using it. */
function recordingMachine(seen: Array<Record<string, unknown>>, mode: { hold: boolean }): Machine {
  const base = simulatedMachine(0);
  return {
    ...base,
    async runOperation(name, args, context) {
      if (name === 'remote:open_tunnel') {
        seen.push(args as Record<string, unknown>);
        if (mode.hold) return { opened: true };
      }
      return base.runOperation(name, args, context);
    },
  };
}

async function session(browser: Browser, deviceId: string, port: number, extra: Record<string, unknown> = {}) {
  // Earlier tests' sessions end as their sockets close; `another` keeps them from counting as open.
  return browser.request('POST', api, { body: { deviceId, kind: 'tcp', options: { port }, another: true, ...extra } });
}

describe('remote: tunnels', function () {
  this.timeout(90_000);
  let server: DevicesServer;
  let echo: Awaited<ReturnType<typeof startEchoServer>>;
  let device: AgentState;
  let agent: AgentConnection;
  const seen: Array<Record<string, unknown>> = [];
  const mode = { hold: false };

  before(async () => {
    echo = await startEchoServer();
    allowTunnelPorts([echo.port]);
    server = await startDevicesServer({ plugins: [remotePlugin] });
    device = await server.enrollSimulated(1);
    agent = await server.connect(device, recordingMachine(seen, mode));
  });
  after(async () => {
    await server?.stop();
    await echo?.close();
  });

  it('pipes bytes both ways between the browser and a loopback port on the device, and logs the session', async () => {
    const created = await session(server.admin, device.deviceId, echo.port);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.socketPath).to.equal(`${api}/${created.body.id}/socket`);
    const socket = await opened(browserSocket(server.url, server.admin, created.body.socketPath));
    const received = recorder(socket);
    const payload = randomBytes(3 * 1024 * 1024);
    for (let offset = 0; offset < payload.length; offset += 64 * 1024)
      socket.send(payload.subarray(offset, offset + 64 * 1024));
    await until(async () => received.byteCount() >= payload.length, 60_000, 'the echo of 3 MB');
    expect(sha256(received.bytes())).to.equal(sha256(payload));

    const live = await server.admin.request('GET', `${api}?state=live`);
    expect(live.status).to.equal(200);
    expect(live.body.items.map((s: { id: string }) => s.id)).to.include(created.body.id);
    socket.close();
    const ended = await until(
      async () => {
        const row = await server.admin.request('GET', `${api}/${created.body.id}`);
        return row.body.endedAt ? row.body : undefined;
      },
      10_000,
      'the session to end',
    );
    expect(ended.endReason).to.equal('browser closed');
    expect(ended.bytesToDevice).to.equal(payload.length);
    expect(ended.bytesFromDevice).to.equal(payload.length);
    expect(ended.kind).to.equal('tcp');
    expect(ended.technician).to.be.a('string').and.not.equal('');
    expect(seen.at(-1)!.options).to.include({ technician: ended.technician, port: echo.port });
  });

  it('one session per technician, device and kind unless another is asked for on purpose', async () => {
    await until(
      async () => (await server.admin.request('GET', `${api}?state=live`)).body.items.length === 0,
      10_000,
      'the sessions of the test before to end',
    );
    const first = await session(server.admin, device.deviceId, echo.port, { another: false });
    expect(first.status).to.equal(201);
    const second = await session(server.admin, device.deviceId, echo.port, { another: false });
    expect(second.status).to.equal(409);
    expect(second.body.sessionId).to.equal(first.body.id);
    const another = await session(server.admin, device.deviceId, echo.port, { another: true });
    expect(another.status).to.equal(201);
    for (const id of [first.body.id, another.body.id])
      expect((await server.admin.request('DELETE', `${api}/${id}`)).status).to.equal(204);
  });

  it('a tunnel token works once, only for its session: replayed, used for another session or guessed, it is refused and nothing is paired', async () => {
    mode.hold = true;
    const count = seen.length;
    const a = await session(server.admin, device.deviceId, echo.port);
    const b = await session(server.admin, device.deviceId, echo.port, { another: true });
    mode.hold = false;
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    const [tokenA, tokenB] = seen.slice(count).map((args) => args.token as string);
    const tunnel = (id: string, token: string) =>
      new WebSocket(`${server.url.replace('http', 'ws')}/agent/v1/tunnel/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect(await refusal(tunnel(b.body.id, tokenA!)), "A's token for B").to.equal(401);
    expect(await refusal(tunnel(a.body.id, randomBytes(32).toString('base64url'))), 'a guessed token').to.equal(401);
    const agentEnd = await opened(tunnel(a.body.id, tokenA!));
    expect(await refusal(tunnel(a.body.id, tokenA!)), "A's token again").to.equal(401);
    // B's token still works: A's misuse did not spend it.
    const agentEndB = await opened(tunnel(b.body.id, tokenB!));
    const fromAgent = recorder(agentEnd);
    const browserA = await opened(browserSocket(server.url, server.admin, a.body.socketPath));
    browserA.send(Buffer.from('to A'));
    await until(async () => fromAgent.byteCount() === 4, 10_000, 'the bytes at the agent end of A');
    expect(fromAgent.bytes().toString()).to.equal('to A');
    for (const socket of [browserA, agentEnd, agentEndB]) socket.close();
  });

  it("the browser end: only its technician, signed in, from Outpost's own origin; another tenant gets 404", async () => {
    // The accounts first (password hashing is slow on a busy machine), so the session's ends wait only for sockets.
    const colleague = await server.signedIn(await server.createUser(`colleague-${Date.now()}@example.test`, 'admin'));
    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Bravo ${Date.now()}`, adminEmail: `bravo-${Date.now()}@example.test` },
    });
    const outsider = await server.signedIn(
      await server.createUser(`bravo-owner-${Date.now()}@example.test`, 'owner', undefined, other.body.id),
    );
    const created = await session(server.admin, device.deviceId, echo.port);
    expect(created.status).to.equal(201);
    const path = created.body.socketPath;
    expect(await refusal(browserSocket(server.url, undefined, path)), 'no credentials').to.equal(401);
    expect(
      await refusal(browserSocket(server.url, server.admin, path, { origin: 'https://evil.example' })),
      'another site',
    ).to.equal(403);
    expect(await refusal(browserSocket(server.url, colleague, path)), 'another technician').to.equal(404);
    expect(await refusal(browserSocket(server.url, outsider, path)), 'another tenant').to.equal(404);
    expect((await outsider.request('GET', `${api}/${created.body.id}`)).status).to.equal(404);
    expect((await outsider.request('DELETE', `${api}/${created.body.id}`)).status).to.equal(404);
    expect(
      (
        await outsider.request('POST', api, {
          body: { deviceId: device.deviceId, kind: 'tcp', options: { port: echo.port } },
        })
      ).status,
      "another tenant's device",
    ).to.equal(404);
    // The refused attempts paired nothing: the technician's own browser still connects.
    const socket = await opened(browserSocket(server.url, server.admin, path));
    expect(await refusal(browserSocket(server.url, server.admin, path)), 'a second window').to.equal(409);
    socket.close();
  });

  it("terminate from another admin closes the tunnel at once and the log names who ended it; a Member may not end others' sessions", async () => {
    const created = await session(server.admin, device.deviceId, echo.port);
    const socket = await opened(browserSocket(server.url, server.admin, created.body.socketPath));
    const received = recorder(socket);
    const member = await server.signedIn(await server.createUser(`member-${Date.now()}@example.test`, 'member'));
    expect((await member.request('DELETE', `${api}/${created.body.id}`)).status).to.equal(403);
    const otherAdminUser = await server.createUser(`admin-${Date.now()}@example.test`, 'admin');
    const otherAdmin = await server.signedIn(otherAdminUser);
    expect((await otherAdmin.request('DELETE', `${api}/${created.body.id}`)).status).to.equal(204);
    const closed = await received.closed;
    expect(closed.code).to.equal(1000);
    expect(received.texts.at(-1)).to.deep.equal({ type: 'ended', reason: 'terminated', by: otherAdminUser.email });
    const row = await server.admin.request('GET', `${api}/${created.body.id}`);
    expect(row.body).to.include({ endReason: 'terminated', endedByUserId: otherAdminUser.id, live: false });
  });

  it('a frame over the limit closes only that tunnel', async () => {
    const big = await session(server.admin, device.deviceId, echo.port);
    const small = await session(server.admin, device.deviceId, echo.port, { another: true });
    const bigSocket = await opened(browserSocket(server.url, server.admin, big.body.socketPath));
    const smallSocket = await opened(browserSocket(server.url, server.admin, small.body.socketPath));
    const bigClosed = recorder(bigSocket).closed;
    const echoed = recorder(smallSocket);
    bigSocket.send(randomBytes(1024 * 1024 + 1));
    expect((await bigClosed).code).to.equal(1009);
    const row = await until(
      async () => (await server.admin.request('GET', `${api}/${big.body.id}`)).body.endReason ?? undefined,
      10_000,
      'the big session to end',
    );
    expect(row).to.equal('frame too large from the browser');
    smallSocket.send(Buffer.from('still here'));
    await until(async () => echoed.byteCount() === 10, 10_000, 'the other tunnel to echo');
    expect(echoed.bytes().toString()).to.equal('still here');
    smallSocket.close();
  });

  it('internal operations: the generic operations route refuses remote:open_tunnel and the list leaves it out', async () => {
    const run = await server.admin.request('POST', `/api/v1/devices/${device.deviceId}/operations`, {
      body: { name: 'remote:open_tunnel', args: {} },
    });
    expect(run.status).to.equal(404);
    const list = await server.admin.request('GET', '/api/v1/devices/operations');
    expect(list.body.items.map((o: { name: string }) => o.name)).to.not.include('remote:open_tunnel');
    expect(agent.connected).to.equal(true);
  });
});
