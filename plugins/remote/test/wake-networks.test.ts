import { expect } from 'chai';
import type { DeviceNetwork } from '@outpost/plugin-devices';
import { parseSubnet, relayCandidates } from '../src/wake/networks.js';

const device = (id: string, networks: string[], publicIp: string | null): DeviceNetwork => ({
  id,
  shortId: '123456789',
  name: id,
  status: 'online',
  os: 'linux',
  lastSeenAt: new Date().toISOString(),
  signedInUser: null,
  macs: ['02:00:00:00:00:01'],
  networks,
  publicIp,
});

describe('remote: choosing a Wake-on-LAN relay', () => {
  it('prefers a shared subnet (its broadcast address), then the same public address (255.255.255.255), never the target', () => {
    const target = device('target', ['10.1.2.3/22', '192.168.0.9/24'], '203.0.113.1');
    const choices = relayCandidates(target, [
      device('target', ['10.1.2.3/22'], '203.0.113.1'),
      device('same-router', ['172.16.0.2/16'], '203.0.113.1'),
      device('elsewhere', ['10.1.9.9/22'], '198.51.100.2'),
      device('neighbour', ['10.1.3.200/22'], '198.51.100.3'),
    ]);
    expect(choices.map((c) => [c.relay.id, c.via, c.subnet, c.broadcast])).to.deep.equal([
      ['neighbour', 'subnet', '10.1.0.0/22', '10.1.3.255'],
      ['same-router', 'public-address', undefined, '255.255.255.255'],
    ]);
  });

  it('ignores loopback, /31 and /32, prefixes under /8 and malformed networks; no public address matches none', () => {
    for (const bad of ['127.0.0.1/8', '10.0.0.1/31', '10.0.0.1/32', '10.0.0.1/7', '10.0.0/24', '10.0.0.300/24', 'x'])
      expect(parseSubnet(bad), bad).to.equal(undefined);
    expect(parseSubnet('192.168.1.77/25')).to.deep.equal({
      network: ((192 << 24) + (168 << 16) + (1 << 8) + 0) >>> 0,
      prefix: 25,
    });
    expect(relayCandidates(device('t', [], null), [device('o', [], null)])).to.deep.equal([]);
  });
});
