import { expect } from 'chai';
import { simulatedMachine } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

describe('invites: remote-support invitations', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  it('is pending until the client runs the agent, active while connected, ended when the client leaves; the team is told each time', async () => {
    await server.outpost.db('core_users').where({ id: server.owner.id }).update({ name: 'Dana Tech' });
    const created = await server.admin.request('POST', '/api/v1/invites/support', {
      body: { clientName: 'Robin at Reception', openWindowInAdvance: true },
    });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({
      status: 'pending',
      technician: 'Dana Tech',
      openWindowInAdvance: true,
      sound: true,
    });
    const page = await (await fetch(`${server.url}/i/${created.body.code}`)).text();
    expect(page).to.include('Dana Tech from');
    expect(page).to.include('invites you to a remote-support session');

    const events: Array<{ topic: string; payload: unknown }> = [];
    server.outpost.events.subscribe(
      'invites.support.*',
      (event) => void events.push({ topic: event.topic, payload: event.payload }),
      { subscriberId: 'test.support' },
    );
    const enrolled = await fetch(`${server.url}/agent/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: created.body.code, facts: await simulatedMachine(41).facts() }),
    });
    const credential = (await enrolled.json()) as { deviceId: string; secret: string };
    const agent = await server.connect({ server: server.url, ...credential }, simulatedMachine(41));
    await until(async () => events.some((e) => e.topic === 'invites.support.connected'), 5000, 'the connected event');
    expect(events[0]!.payload).to.deep.equal({
      id: created.body.id,
      clientName: 'Robin at Reception',
      technician: 'Dana Tech',
      sound: true,
    });
    const active = (await server.admin.request('GET', '/api/v1/invites/support')).body.items[0];
    expect(active).to.include({ status: 'active', deviceId: credential.deviceId });

    await agent.stop();
    await until(async () => events.some((e) => e.topic === 'invites.support.left'), 5000, 'the left event');
    expect((await server.admin.request('GET', '/api/v1/invites/support')).body.items[0].status).to.equal('ended');
    const again = await fetch(`${server.url}/agent/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: created.body.code, facts: await simulatedMachine(42).facts() }),
    });
    expect(again.status).to.equal(403);
    expect((await fetch(`${server.url}/i/${created.body.code}`)).status).to.equal(410);
  });
});
