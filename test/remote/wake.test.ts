import { createSocket, type Socket } from 'node:dgram';
import { expect } from 'chai';
import { runOperation } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { remotePlugin } from '@outpost/plugin-remote';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { enrollNetworkDevice } from '../helpers/remote.js';

/** A UDP listener on a loopback address: where the test's Wake-on-LAN packets go instead of a broadcast. */
async function udpListener(): Promise<{
  socket: Socket;
  port: number;
  packets: Array<{ data: Buffer; from: string }>;
}> {
  const socket = createSocket('udp4');
  const packets: Array<{ data: Buffer; from: string }> = [];
  socket.on('message', (data, from) => packets.push({ data, from: from.address }));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, packets };
}

const magic = (mac: string) =>
  Buffer.concat([
    Buffer.alloc(6, 0xff),
    ...Array.from({ length: 16 }, () => Buffer.from(mac.replace(/:/g, ''), 'hex')),
  ]);

describe('remote: Wake-on-LAN and Quick Connect', function () {
  this.timeout(120_000);
  let server: DevicesServer;
  let listener: Awaited<ReturnType<typeof udpListener>>;

  before(async () => {
    listener = await udpListener();
    server = await startDevicesServer({
      plugins: [remotePlugin],
      config: { plugins: { remote: { wake: { address: '127.0.0.1', port: listener.port } } } },
    });
  });
  after(async () => {
    await server?.stop();
    listener?.socket.close();
  });

  /** Enrolls a machine with these facts; connects it when `online`. Its operations run the real agent's code, recording their names. */
  const device = (index: number, networks: string[], macs: string[], online: boolean, ran: string[] = []) =>
    enrollNetworkDevice(server, { index, networks, macs, online }, (name, args, context) => {
      ran.push(String(name));
      return runOperation(name, args, context);
    });

  it('sends the 102-byte magic packet for the offline device’s MAC through the online device sharing its subnet, and names it', async () => {
    const sleeper = await device(101, ['192.168.77.20/24'], ['52:54:00:AB:CD:EF'], false);
    const neighbourRan: string[] = [];
    const strangerRan: string[] = [];
    // Same public address (every test agent comes from 127.0.0.1) but another subnet: only a second choice.
    const stranger = await device(102, ['10.9.8.7/16'], ['02:00:00:00:01:02'], true, strangerRan);
    const neighbour = await device(103, ['192.168.77.31/24'], ['02:00:00:00:01:03'], true, neighbourRan);

    const woken = await server.admin.request('POST', `/api/v1/remote/devices/${sleeper.deviceId}/wake`);
    expect(woken.status, JSON.stringify(woken.body)).to.equal(200);
    expect(woken.body).to.deep.include({
      deviceId: sleeper.deviceId,
      relay: { id: neighbour.deviceId, name: neighbour.name },
      via: 'subnet',
      subnet: '192.168.77.0/24',
      address: '127.0.0.1',
      port: listener.port,
      macs: ['52:54:00:ab:cd:ef'],
    });
    await until(async () => listener.packets.length > 0, 30_000, 'the magic packet arrives');
    const [packet] = listener.packets.splice(0);
    expect(packet!.data.length).to.equal(102);
    expect(packet!.data.equals(magic('52:54:00:ab:cd:ef'))).to.equal(true, 'six 0xFF bytes, then the MAC 16 times');
    expect(packet!.from).to.equal('127.0.0.1');
    expect(neighbourRan).to.deep.equal(['remote:wake'], 'the neighbour’s agent sent it');
    expect(strangerRan).to.deep.equal([]);
    expect(stranger.deviceId).to.be.a('string');
  });

  it('falls back to a device behind the same public address, and says why none could when no device shares the network', async () => {
    const ran: string[] = [];
    await device(110, ['172.20.0.5/24'], ['02:00:00:00:01:10'], true, ran);
    const lonely = await device(111, [], ['52:54:00:00:00:11'], false);
    const byAddress = await server.admin.request('POST', `/api/v1/remote/devices/${lonely.deviceId}/wake`);
    expect(byAddress.status, JSON.stringify(byAddress.body)).to.equal(200);
    expect(byAddress.body.via).to.equal('public-address');
    expect(byAddress.body.subnet).to.equal(null);
    await until(async () => listener.packets.length > 0, 30_000, 'the magic packet arrives');
    expect(listener.packets.splice(0)[0]!.data.equals(magic('52:54:00:00:00:11'))).to.equal(true);

    // Enrolled from elsewhere, on a subnet no online device shares.
    const far = await device(112, ['203.0.113.9/24'], ['52:54:00:00:00:12'], false);
    await server.outpost.db('devices_devices').where({ id: far.deviceId }).update({ ip: '198.51.100.7' });
    const none = await server.admin.request('POST', `/api/v1/remote/devices/${far.deviceId}/wake`);
    expect(none.status).to.equal(409);
    expect(none.body.type).to.match(/wake-no-relay$/);
    expect(none.body.detail).to.include('No online device is on the network of');
  });

  it('refuses an online device, one without a known MAC, another tenant’s device (404) and a Viewer (403)', async () => {
    const awake = await device(120, ['192.168.5.2/24'], ['02:00:00:00:01:20'], true);
    const online = await server.admin.request('POST', `/api/v1/remote/devices/${awake.deviceId}/wake`);
    expect(online.status).to.equal(409);
    expect(online.body.type).to.match(/device-online$/);

    const macless = await device(121, ['192.168.5.3/24'], [], false);
    const noMac = await server.admin.request('POST', `/api/v1/remote/devices/${macless.deviceId}/wake`);
    expect(noMac.status).to.equal(409);
    expect(noMac.body.type).to.match(/wake-no-mac$/);

    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Wake other ${Date.now()}`, adminEmail: `wake-other-${Date.now()}@example.test` },
    });
    expect(other.status).to.equal(201);
    const outsider = await server.createUser(
      `wake-outsider-${Date.now()}@example.test`,
      'admin',
      undefined,
      other.body.id,
    );
    const outsiderBrowser = await server.signedIn(outsider);
    const foreign = await outsiderBrowser.request('POST', `/api/v1/remote/devices/${macless.deviceId}/wake`);
    expect(foreign.status).to.equal(404);

    const viewer = await server.signedIn(await server.createUser(`wake-viewer-${Date.now()}@example.test`, 'viewer'));
    expect((await viewer.request('POST', `/api/v1/remote/devices/${macless.deviceId}/wake`)).status).to.equal(403);
    expect(listener.packets).to.deep.equal([]);
  });

  it('Quick Connect finds the tenant’s device by its 9-digit id and answers 404 for another tenant’s or an unknown one', async () => {
    const mine = await device(130, [], ['02:00:00:00:01:30'], true);
    const found = await server.admin.request('GET', `/api/v1/remote/quick-connect/${mine.shortId}`);
    expect(found.status).to.equal(200);
    expect(found.body).to.deep.include({ id: mine.deviceId, shortId: mine.shortId, name: mine.name, status: 'online' });

    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Quick other ${Date.now()}`, adminEmail: `quick-other-${Date.now()}@example.test` },
    });
    const outsider = await server.signedIn(
      await server.createUser(`quick-outsider-${Date.now()}@example.test`, 'admin', undefined, other.body.id),
    );
    const foreign = await outsider.request('GET', `/api/v1/remote/quick-connect/${mine.shortId}`);
    expect(foreign.status).to.equal(404);
    expect(JSON.stringify(foreign.body)).to.not.include(mine.name);
    const unknown = await server.admin.request('GET', '/api/v1/remote/quick-connect/000000001');
    expect(unknown.status).to.equal(404);
    expect((await server.admin.request('GET', '/api/v1/remote/quick-connect/12345')).status).to.equal(400);
    const viewer = await server.signedIn(await server.createUser(`quick-viewer-${Date.now()}@example.test`, 'viewer'));
    expect((await viewer.request('GET', `/api/v1/remote/quick-connect/${mine.shortId}`)).status).to.equal(403);
  });
});
