import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { type AgentState, agentBinPath, allowTunnelPorts, writeState } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { remotePlugin } from '@outpost/plugin-remote';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { browserSocket, opened, recorder, startEchoServer } from '../helpers/remote.js';

const api = '/api/v1/remote/sessions';

describe('remote: how tunnels end on their own', function () {
  this.timeout(120_000);
  let server: DevicesServer;
  let echo: Awaited<ReturnType<typeof startEchoServer>>;

  before(async () => {
    echo = await startEchoServer();
    allowTunnelPorts([echo.port]);
    server = await startDevicesServer({
      plugins: [remotePlugin],
      config: { plugins: { remote: { idleMinutes: 0.05, heartbeatSeconds: 1 } } },
    });
  });
  after(async () => {
    await server?.stop();
    await echo?.close();
  });

  it('an idle session ends, and the browser is told why', async () => {
    const device = await server.enrollSimulated(11);
    await server.connect(device);
    const created = await server.admin.request('POST', api, {
      body: { deviceId: device.deviceId, kind: 'tcp', options: { port: echo.port } },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const socket = await opened(browserSocket(server.url, server.admin, created.body.socketPath));
    const received = recorder(socket);
    await received.closed;
    expect(received.texts.at(-1)).to.deep.equal({ type: 'ended', reason: 'idle' });
    const row = await server.admin.request('GET', `${api}/${created.body.id}`);
    expect(row.body).to.include({ endReason: 'idle', live: false, endedByUserId: null });
  });

  it('a vanished agent (its process stopped: no answer to pings) ends its sessions, logged with the reason', async () => {
    const device = await server.enrollSimulated(12);
    const stateFile = join(mkdtempSync(join(tmpdir(), 'outpost-agent-')), 'state.json');
    writeState(stateFile, device as AgentState);
    const child: ChildProcess = spawn(
      process.execPath,
      [agentBinPath, 'run', '--state', stateFile, '--tunnel-port', String(echo.port)],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let last = '';
    try {
      const created = await until(
        async () => {
          const answer = await server.admin.request('POST', api, {
            body: { deviceId: device.deviceId, kind: 'tcp', options: { port: echo.port } },
          });
          last = `${answer.status} ${JSON.stringify(answer.body)}`;
          return answer.status === 201 ? answer.body : undefined;
        },
        60_000,
        'the agent process to connect and open the tunnel',
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last answer ${last}; agent said: ${output}`);
      });
      const socket = await opened(browserSocket(server.url, server.admin, created.socketPath));
      const received = recorder(socket);
      socket.send(Buffer.from('hello'));
      await until(async () => received.byteCount() === 5, 10_000, 'the echo through the agent process');
      child.kill('SIGSTOP');
      const closed = await received.closed;
      expect(closed.code).to.equal(1000);
      const reason = received.texts.at(-1)?.reason;
      expect(reason).to.match(/went offline|agent vanished/);
      const endReason = await until(
        async () => (await server.admin.request('GET', `${api}/${created.id}`)).body.endReason ?? undefined,
        10_000,
        'the end to be stored',
      );
      expect(endReason).to.equal(reason);
      expect(server.logs.some((line) => line.includes('remote session ended') && line.includes(created.id))).to.equal(
        true,
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the remote migrations go down and up again', async () => {
    const tables = ['remote_sessions', 'remote_file_transfers', 'remote_device_settings'];
    await server.outpost.migrator.rollback('remote', remotePlugin.migrations!.length);
    for (const table of tables) expect(await server.outpost.db.schema.hasTable(table), table).to.equal(false);
    await server.outpost.migrator.latest();
    for (const table of tables) expect(await server.outpost.db.schema.hasTable(table), table).to.equal(true);
  });
});
