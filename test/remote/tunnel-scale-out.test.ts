import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { type Machine, allowTunnelPorts, simulatedMachine } from '@outpost/agent';
import type { Outpost } from '@outpost/core';
import { startSecondInstance, testDatabaseKind, until } from '@outpost/core/testing';
import { devicesPlugin } from '@outpost/plugin-devices';
import { invitesPlugin } from '@outpost/plugin-invites';
import { remotePlugin } from '@outpost/plugin-remote';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { browserSocket, opened, recorder, sha256, startEchoServer } from '../helpers/remote.js';

const api = '/api/v1/remote/sessions';

// Several instances share one database only on PostgreSQL (DESIGN 6); SQLite is one process.
if (testDatabaseKind() === 'pg') {
  describe('remote: tunnels across two instances on one database', function () {
    this.timeout(120_000);
    let a: DevicesServer;
    let b: Outpost;
    let bUrl: string;
    let echo: Awaited<ReturnType<typeof startEchoServer>>;
    const seen: Array<Record<string, unknown>> = [];
    const mode = { hold: false };

    before(async () => {
      echo = await startEchoServer();
      allowTunnelPorts([echo.port]);
      a = await startDevicesServer({ plugins: [remotePlugin] });
      ({ outpost: b, url: bUrl } = await startSecondInstance(a, [devicesPlugin, invitesPlugin, remotePlugin], {
        devices: { enabled: true, demoLocalAgent: false, heartbeatSeconds: 1 },
        invites: { enabled: true },
        remote: { enabled: true },
      }));
    });
    after(async () => {
      await b?.stop();
      await a?.stop();
      await echo?.close();
    });

    async function deviceOnB(index: number) {
      const state = await a.enrollSimulated(index);
      const base = simulatedMachine(index);
      const machine: Machine = {
        ...base,
        async runOperation(name, args, context) {
          if (name === 'remote:open_tunnel') {
            seen.push(args as Record<string, unknown>);
            if (mode.hold) return { opened: true };
          }
          return base.runOperation(name, args, context);
        },
      };
      await a.connect({ ...state, server: bUrl }, machine);
      return state;
    }

    it("the browser on one instance, the device on the other: bytes cross the bridge both ways, and terminate on the device's instance reaches the browser", async () => {
      const device = await deviceOnB(21);
      const created = await a.admin.request('POST', api, {
        body: { deviceId: device.deviceId, kind: 'tcp', options: { port: echo.port } },
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const row = await a.outpost.db('remote_sessions').where({ id: created.body.id }).first();
      expect(row.agent_instance_id).to.be.a('string');
      const socket = await opened(browserSocket(a.url, a.admin, created.body.socketPath));
      const received = recorder(socket);
      const after = await a.outpost.db('remote_sessions').where({ id: created.body.id }).first();
      expect(after.browser_instance_id).to.not.equal(
        after.agent_instance_id,
        'the two ends are on different instances',
      );
      const payload = randomBytes(2 * 1024 * 1024);
      for (let offset = 0; offset < payload.length; offset += 32 * 1024)
        socket.send(payload.subarray(offset, offset + 32 * 1024));
      await until(async () => received.byteCount() >= payload.length, 60_000, 'the echo across the bridge');
      expect(sha256(received.bytes())).to.equal(sha256(payload));

      // The admin's session cookie works on either instance (one database).
      const onB = await fetch(`${bUrl}${api}/${created.body.id}`, {
        method: 'DELETE',
        headers: {
          cookie: [...a.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          origin: bUrl,
        },
      });
      expect(onB.status).to.equal(204);
      await received.closed;
      expect(received.texts.at(-1)).to.include({ type: 'ended', reason: 'terminated' });
      const ended = await until(
        async () => {
          const answer = await a.admin.request('GET', `${api}/${created.body.id}`);
          return answer.body.bytesToDevice === payload.length ? answer.body : undefined;
        },
        10_000,
        "the byte counts from the device's instance",
      );
      expect(ended).to.include({ endReason: 'terminated', bytesFromDevice: payload.length, live: false });
    });

    it("the agent's end arriving second (on the other instance) bridges the other way", async () => {
      const device = await deviceOnB(22);
      mode.hold = true;
      const created = await a.admin.request('POST', api, {
        body: { deviceId: device.deviceId, kind: 'tcp', options: { port: echo.port } },
      });
      mode.hold = false;
      expect(created.status).to.equal(201);
      const browser = await opened(browserSocket(a.url, a.admin, created.body.socketPath));
      const toBrowser = recorder(browser);
      const token = seen.at(-1)!.token as string;
      const agentEnd = await opened(
        new WebSocket(`${bUrl.replace('http', 'ws')}/agent/v1/tunnel/${created.body.id}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      const toAgent = recorder(agentEnd);
      browser.send(Buffer.from('down'));
      agentEnd.send(Buffer.from('up!'));
      agentEnd.send(JSON.stringify({ type: 'error', message: 'a control message passes unchanged' }));
      await until(async () => toAgent.byteCount() === 4 && toBrowser.texts.length === 1, 10_000, 'both ways').catch(
        (error: Error) => {
          throw new Error(
            `${error.message}: ${toAgent.byteCount()} bytes at the agent, ${toBrowser.byteCount()} bytes and ${JSON.stringify(toBrowser.texts)} at the browser`,
          );
        },
      );
      expect(toAgent.bytes().toString()).to.equal('down');
      expect(toBrowser.bytes().toString()).to.equal('up!');
      expect(toBrowser.texts[0]).to.deep.equal({ type: 'error', message: 'a control message passes unchanged' });
      agentEnd.close();
      await toBrowser.closed;
      expect(toBrowser.texts.at(-1)).to.deep.equal({ type: 'ended', reason: 'agent closed' });
    });
  });
}
