import { lookup } from 'node:dns/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { expect } from 'chai';
import { createOutbound, isPublicAddress, outboundUrlProblem as clientUrlProblem } from '@outpost/core';
import { clientFileName, fetchClient } from '../src/custom-client.js';

/** The core's outbound service as the plugin gets it, with `outbound.allowPrivateAddresses` as given. */
const outbound = (allowPrivateAddresses: boolean) =>
  createOutbound({ allowPrivateAddresses, timeoutMs: 5000, maxResponseBytes: 10_000_000 });

describe('invites: custom client URLs and the guard in front of them', () => {
  it('knows public addresses from loopback, private, link-local, shared and reserved ones', () => {
    for (const address of ['8.8.8.8', '151.101.1.69', '2a00:1450:4001:82a::200e'])
      expect(isPublicAddress(address), address).to.equal(true);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::127.0.0.1',
      '::7f00:1',
      '::',
      'not an address',
    ]) {
      expect(isPublicAddress(address), address).to.equal(false);
    }
  });

  it('accepts public https URLs only, unless private addresses are allowed', () => {
    const strict = { allowPrivateAddresses: false };
    expect(clientUrlProblem('https://downloads.example.com/YourBrand.exe', strict)).to.equal(undefined);
    expect(clientUrlProblem('http://downloads.example.com/YourBrand.exe', strict)).to.match(/must start with https/);
    expect(clientUrlProblem('https://user:pw@downloads.example.com/x.exe', strict)).to.match(/user name or password/);
    expect(clientUrlProblem('ftp://downloads.example.com/x.exe', { allowPrivateAddresses: true })).to.match(
      /https:\/\/ or http:\/\//,
    );
    expect(clientUrlProblem('not a url', strict)).to.match(/is not a URL/);
    for (const url of [
      'https://localhost/x.exe',
      'https://localhost./a',
      'https://app.localhost../x.exe',
      'https://127.0.0.1./x.exe',
      'https://app.localhost/x.exe',
      'https://127.0.0.1/x.exe',
      'https://[::1]/x.exe',
      'https://10.0.0.5/x.exe',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      expect(clientUrlProblem(url, strict), url).to.match(/is not a public address/);
    }
    expect(clientUrlProblem('http://127.0.0.1:8080/x.exe', { allowPrivateAddresses: true })).to.equal(undefined);
  });

  it('puts the code into the file name, keeping double extensions whole', () => {
    expect(clientFileName('https://x.example/downloads/YourBrand.exe', 'ABCDEFGHJKMN')).to.equal(
      'YourBrand-ABCDEFGHJKMN.exe',
    );
    expect(clientFileName('https://x.example/YourBrand.tar.gz?v=2', 'ABCDEFGHJKMN')).to.equal(
      'YourBrand-ABCDEFGHJKMN.tar.gz',
    );
    expect(clientFileName('https://x.example/My.Brand.1.2.AppImage', 'C')).to.equal('My.Brand.1.2-C.AppImage');
    expect(clientFileName('https://x.example/Your%20Brand%22.dmg', 'C')).to.equal('YourBrand-C.dmg');
    expect(clientFileName('https://x.example/', 'C')).to.equal('client-C');
  });

  it('refuses a name that resolves to a private address when it connects, before any request is sent', async () => {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests += 1;
      response.end('secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const name = hostname();
      const { address } = await lookup(name);
      expect(isPublicAddress(address), `${name} resolves to ${address}`).to.equal(false);
      const port = (server.address() as AddressInfo).port;
      // A name that passes the check on saving (it is no literal address) but resolves privately: the connection is refused.
      const refused = await fetchClient(`https://${name}:${port}/x.exe`, outbound(false), {
        timeoutMs: 5000,
      }).catch((error: Error) => error);
      expect((refused as Error).message).to.match(/resolves to .* which is not a public address/);
      const allowed = await fetchClient(`http://127.0.0.1:${port}/x.exe`, outbound(true), { timeoutMs: 5000 });
      allowed.body.resume();
      expect(requests).to.equal(1);
    } finally {
      server.close();
    }
  });
});
