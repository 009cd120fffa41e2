import { createSocket, type Socket } from 'node:dgram';
import { expect } from 'chai';
import { runOperation } from '@outpost/agent';
import { until } from '@outpost/core/testing';
import { remotePlugin } from '@outpost/plugin-remote';
import { screenshot, settled, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { enrollNetworkDevice } from '../helpers/remote.js';

// Wake-on-LAN's packets go to a UDP listener on a loopback address (the test's config), never a real broadcast.
const udp: { socket?: Socket; port: number; packets: Buffer[] } = { port: 0, packets: [] };
before(async () => {
  udp.socket = createSocket('udp4');
  udp.socket.on('message', (data) => udp.packets.push(data));
  await new Promise<void>((resolve) => udp.socket!.bind(0, '127.0.0.1', resolve));
  udp.port = udp.socket.address().port;
});
after(() => udp.socket?.close());

describe('remote: Wake on the devices pages (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({
    plugins: [remotePlugin],
    // The port is known once the listener is bound: the server reads it from this object at start.
    config: {
      plugins: {
        remote: {
          wake: {
            address: '127.0.0.1',
            get port() {
              return udp.port;
            },
          },
        },
      },
    },
  });

  // Operations run the real agent's code.
  const enrolled = (index: number, name: string, networks: string[], macs: string[], online: boolean) =>
    enrollNetworkDevice(env.server, { index, name, networks, macs, online }, runOperation);

  it('Wake on an offline device’s row names the device that sent the packet, or says why none could', async () => {
    const { server, chromium, pageErrors } = env;
    await enrolled(201, 'wake-neighbour', ['192.168.40.2/24'], ['02:00:00:00:02:01'], true);
    const sleeper = await enrolled(202, 'wake-sleeper', ['192.168.40.3/24'], ['52:54:00:40:00:03'], false);
    const far = await enrolled(203, 'wake-far', ['203.0.113.3/24'], ['52:54:00:40:00:04'], false);
    await server.outpost.db('devices_devices').where({ id: far.deviceId }).update({ ip: '198.51.100.9' });
    await enrolled(204, 'wake-macless', [], [], false);

    const admin = await server.createUser(`wake-ui-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, admin, pageErrors);
    await page.goto(`${server.url}/devices`);
    const row = (name: string) => page.locator('tr[data-device]').filter({ hasText: name });
    await row('wake-sleeper').getByTestId('wake').waitFor();
    expect(await row('wake-neighbour').getByTestId('wake').count(), 'an online device has no Wake').to.equal(0);
    expect(await row('wake-macless').getByTestId('wake').count(), 'no MAC known: no Wake').to.equal(0);

    await row('wake-sleeper').getByTestId('wake').click();
    await page.getByText('Wake-on-LAN packet for wake-sleeper sent by wake-neighbour.').waitFor();
    await until(async () => udp.packets.length > 0, 30_000, 'the magic packet arrives');
    const packet = udp.packets.splice(0)[0]!;
    expect(packet.length).to.equal(102);
    expect(packet.subarray(6, 12).toString('hex')).to.equal('525400400003');

    await row('wake-far').getByTestId('wake').click();
    await page.getByText('No online device is on the network of wake-far').waitFor();
    expect(udp.packets).to.deep.equal([]);

    // The device's page offers it in its heading.
    await page.goto(`${server.url}/devices/d/${sleeper.deviceId}`);
    await page.getByTestId('wake').click();
    await page.getByText('Wake-on-LAN packet for wake-sleeper sent by wake-neighbour.').waitFor();
    await until(async () => udp.packets.length > 0, 30_000, 'the second magic packet arrives');
    udp.packets.splice(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await screenshot(page, 'remote-wake-device');
  });
});
