import { expect } from 'chai';
import { WebSocket } from 'ws';
import type { Outpost } from '@outpost/core';
import { startSecondInstance, testDatabaseKind, until } from '@outpost/core/testing';
import { devicesPlugin } from '@outpost/plugin-devices';
import { invitesPlugin } from '@outpost/plugin-invites';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

// Several instances share one database only on PostgreSQL (DESIGN 6); SQLite is one process.
if (testDatabaseKind() === 'pg') {
  describe('devices across two instances on one database', function () {
    this.timeout(60_000);
    let a: DevicesServer;
    let b: Outpost;
    let bUrl: string;

    before(async () => {
      a = await startDevicesServer();
      ({ outpost: b, url: bUrl } = await startSecondInstance(a, [devicesPlugin, invitesPlugin], {
        devices: { enabled: true, demoLocalAgent: false, heartbeatSeconds: 1 },
        invites: { enabled: true },
      }));
    });
    after(async () => {
      await b?.stop();
      await a?.stop();
    });

    it('an operation asked of one instance runs on the device whose channel the other holds; Trash disconnects it there', async () => {
      const state = await a.enrollSimulated(1);
      const agent = await a.connect({ ...state, server: bUrl });
      const holder = await a.outpost.db('devices_devices').where({ id: state.deviceId }).first('instance_id');
      expect(holder.instance_id).to.be.a('string');

      const topics: string[] = [];
      const stream = new WebSocket(`${a.url.replace('http', 'ws')}/api/v1/stream`, {
        headers: { cookie: [...a.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), origin: a.url },
      });
      stream.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'ready') stream.send(JSON.stringify({ type: 'subscribe', topics: ['*'] }));
        if (message.type === 'event') topics.push(message.event.topic);
      });
      await new Promise((resolve) => stream.once('open', resolve));

      const answer = await a.admin.request('POST', `/api/v1/devices/${state.deviceId}/operations`, {
        body: { name: 'diagnostics:disk_usage' },
      });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      expect(answer.body.result.simulated).to.equal(true);
      expect(await a.outpost.db('devices_operation_calls').count({ n: '*' })).to.deep.equal([{ n: '0' }]);
      const bad = await a.admin.request('POST', `/api/v1/devices/${state.deviceId}/operations`, {
        body: { name: 'diagnostics:list_processes', args: { limit: 0 } },
      });
      expect(bad.status).to.equal(400);

      expect((await a.admin.request('DELETE', `/api/v1/devices/${state.deviceId}`)).status).to.equal(204);
      await until(async () => !agent.connected, 5000, "the other instance to close the trashed device's channel");
      await agent.stop();
      stream.close();
      expect(
        topics.some((t) => t.startsWith('devices.operation.') || t === 'devices.watch.requested'),
        topics.join(', '),
      ).to.equal(false);
      expect(topics).to.include('devices.device.changed');
    });
  });
}
