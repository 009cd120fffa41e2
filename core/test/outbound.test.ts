import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { isPublicAddress } from '../src/outbound/addresses.js';
import { OutboundError, type OutboundOptions, createOutbound } from '../src/outbound/outbound.js';

/** A self-signed certificate for this machine's loopback names and addresses, made with openssl for this run. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-outbound-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
        ...[
          '-addext',
          `subjectAltName=DNS:localhost,DNS:${hostname()},IP:127.0.0.1,IP:127.0.0.2`,
          '-keyout',
          join(dir, 'key.pem'),
        ],
        ...['-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the call was not refused'),
    (error: unknown) => {
      expect(error).to.be.instanceOf(OutboundError);
      return error as OutboundError;
    },
  );

describe('outbound: calls to tenant-supplied URLs', function () {
  this.timeout(20_000);
  const tls = selfSignedCertificate();
  /** The "internal mirror" at 127.0.0.2, the one private address the tests allow, and a server at 127.0.0.1. */
  let mirrorServer: Server;
  let loopbackServer: Server;
  let base: string;
  const requests: string[] = [];
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    '/hello': (_request, response) => response.end('hello'),
    '/big': (_request, response) => response.end(Buffer.alloc(4096, 'x')),
    '/big-chunked': (_request, response) => {
      response.write(Buffer.alloc(3000, 'x'));
      setTimeout(() => response.end(Buffer.alloc(3000, 'x')), 20);
    },
    '/silent': () => {},
    '/to-loopback-name': (_request, response) =>
      response.writeHead(302, { location: `https://${hostname()}:${loopbackPort()}/hello` }).end(),
    '/to-literal': (_request, response) =>
      response.writeHead(302, { location: `https://127.0.0.1:${loopbackPort()}/hello` }).end(),
    '/to-hello': (_request, response) => response.writeHead(301, { location: '/hello' }).end(),
  };
  const port = () => (mirrorServer.address() as AddressInfo).port;
  const loopbackPort = () => (loopbackServer.address() as AddressInfo).port;
  /** 127.0.0.2 alone is allowed: a private address opened on purpose, as for an internal mirror. */
  const mirror = (more: Partial<OutboundOptions> = {}) =>
    createOutbound({
      allowPrivateAddresses: false,
      allowedPrivateRanges: ['127.0.0.2/32'],
      timeoutMs: 2000,
      maxResponseBytes: 5000,
      ca: tls.cert,
      ...more,
    });

  before(async () => {
    const listening = (address: string) => {
      const server = createServer(tls, (request, response) => {
        requests.push(request.url ?? '');
        (routes[request.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(request, response);
      });
      return new Promise<Server>((resolve) => server.listen(0, address, () => resolve(server)));
    };
    mirrorServer = await listening('127.0.0.2');
    loopbackServer = await listening('127.0.0.1');
    base = `https://127.0.0.2:${port()}`;
  });
  after(() => {
    for (const server of [mirrorServer, loopbackServer]) {
      server.closeAllConnections();
      server.close();
    }
  });
  beforeEach(() => (requests.length = 0));

  it('calls an https server whose certificate it trusts, when its private address is allowed', async () => {
    const answer = await mirror().request(`${base}/hello`);
    expect(answer.status).to.equal(200);
    expect(await answer.text()).to.equal('hello');
    const followed = await mirror().request(`${base}/to-hello`);
    expect([followed.url, await followed.text()]).to.deep.equal([`${base}/hello`, 'hello']);
  });

  it('refuses a loopback address unless configured, also when a name resolves to it at connection time', async () => {
    const strict = createOutbound({
      allowPrivateAddresses: false,
      timeoutMs: 2000,
      maxResponseBytes: 5000,
      ca: tls.cert,
    });
    const literal = await refusal(strict.request(`https://127.0.0.1:${loopbackPort()}/hello`));
    expect([literal.reason, literal.message]).to.deep.equal(['bad-url', '127.0.0.1 is not a public address.']);
    expect(strict.urlProblem('http://downloads.example.com/x')).to.match(/must start with https/);

    const name = hostname();
    const { address } = await lookup(name);
    expect(isPublicAddress(address), `${name} resolves to ${address}`).to.equal(false);
    // The name passes the URL check (no literal address); the connection's own lookup refuses it.
    expect(strict.urlProblem(`https://${name}:${loopbackPort()}/hello`)).to.equal(undefined);
    const byName = await refusal(strict.request(`https://${name}:${loopbackPort()}/hello`));
    expect(byName.reason).to.equal('private-address');
    expect(byName.message).to.match(/resolves to .*, which is not a public address/);
    expect(requests).to.deep.equal([]);

    const open = createOutbound({ allowPrivateAddresses: true, timeoutMs: 2000, maxResponseBytes: 5000, ca: tls.cert });
    expect(await (await open.request(`https://${name}:${loopbackPort()}/hello`)).text()).to.equal('hello');
  });

  it('checks every redirect again: to a name or an address that is not allowed, the call is refused', async () => {
    const byName = await refusal(mirror().request(`${base}/to-loopback-name`));
    expect(byName.reason).to.equal('private-address');
    const byAddress = await refusal(mirror().request(`${base}/to-literal`));
    expect([byAddress.reason, byAddress.message]).to.deep.equal(['bad-url', '127.0.0.1 is not a public address.']);
    expect(requests).to.deep.equal(['/to-loopback-name', '/to-literal']);
  });

  it('refuses an answer over the size limit, announced or streamed', async () => {
    const small = mirror({ maxResponseBytes: 2000 });
    const announced = await refusal(small.request(`${base}/big`));
    expect([announced.reason, announced.message]).to.deep.equal([
      'too-large',
      `127.0.0.2:${port()} answered 4096 bytes, more than the 2000 allowed`,
    ]);
    const streamed = await small.request(`${base}/big-chunked`);
    const cut = await refusal(streamed.text());
    expect(cut.reason).to.equal('too-large');
    // A call may ask for more (a download), and then gets it all.
    expect(await (await small.request(`${base}/big`, { maxResponseBytes: 5000 })).text()).to.have.length(4096);
  });

  it('gives up on a server that does not answer', async () => {
    const started = Date.now();
    const silent = await refusal(mirror({ timeoutMs: 300 }).request(`${base}/silent`));
    expect(silent.reason).to.equal('timeout');
    expect(Date.now() - started).to.be.below(2000);
  });
});
