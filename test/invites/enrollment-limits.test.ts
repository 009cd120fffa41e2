import { expect } from 'chai';
import { EnrollmentFailed, enroll, simulatedMachine } from '@outpost/agent';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

interface Attempt {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  body: { type?: string; detail?: string; deviceId?: string };
}

/**
 * Enrollment abuse: a public code may not enroll without limit. Successful enrollments
 * are limited per code and per address, an invite may carry a maximum of devices, and
 * a remote-support invitation enrolls one device. The server trusts X-Forwarded-For
 * here, so each attempt can come from an address of its own.
 */
describe('invites: enrollment limits', function () {
  this.timeout(120_000);
  let server: DevicesServer;
  before(
    async () =>
      (server = await startDevicesServer({
        config: { app: { trustProxy: true } },
        devices: { enrollment: { perAddress: { enrollments: 3 } } },
      })),
  );
  after(() => server?.stop());

  const facts = simulatedMachine(7).facts();
  let nextAddress = 1;
  /** An address no other attempt used. */
  const freshAddress = () => `10.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}.1`;

  const attempt = async (code: string, address = freshAddress()): Promise<Attempt> => {
    const response = await fetch(`${server.url}/agent/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ code, facts: await facts }),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Attempt['body'],
    };
  };
  const statuses = (attempts: Attempt[]) =>
    attempts.reduce<Record<number, number>>(
      (counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }),
      {},
    );
  const enrolledWith = async (reference: string) =>
    Number(
      (await server.outpost.db('devices_devices').where({ enrollment_ref: reference }).count({ n: '*' }).first())!.n,
    );

  it('300 parallel enrollments with one code: 100 get in, the rest get 429 with Retry-After', async () => {
    const invite = await server.invite();
    const attempts = await Promise.all(Array.from({ length: 300 }, () => attempt(invite.code)));
    expect(statuses(attempts)).to.deep.equal({ 201: 100, 429: 200 });
    expect(await enrolledWith(invite.id)).to.equal(100);
    for (const refused of attempts.filter((a) => a.status === 429)) {
      expect(refused.contentType).to.match(/^application\/problem\+json/);
      expect(refused.body.type).to.equal('urn:outpost:problem:enrollment-rate-limited');
      expect(refused.body.detail).to.match(
        /^This code has enrolled 100 devices in the last 10 minutes, its limit; try again in \d+ s\.$/,
      );
      expect(Number(refused.retryAfter)).to.be.within(1, 600);
    }
    // Another code is not held back by this one's.
    expect((await attempt((await server.invite()).code)).status).to.equal(201);
  });

  it('limits the devices one address enrolls, with any codes', async () => {
    const [first, second] = [await server.invite(), await server.invite()];
    const address = freshAddress();
    expect(
      (
        await Promise.all([attempt(first.code, address), attempt(first.code, address), attempt(second.code, address)])
      ).map((a) => a.status),
    ).to.deep.equal([201, 201, 201]);
    const refused = await attempt(second.code, address);
    expect(refused.status).to.equal(429);
    expect(refused.body.detail).to.match(
      /^This address has enrolled 3 devices in the last 10 minutes, its limit; try again in \d+ s\.$/,
    );
    expect(Number(refused.retryAfter)).to.be.within(1, 600);
    expect((await attempt(second.code)).status).to.equal(201);
  });

  it('the agent waits as long as Retry-After says when the limit is reached, instead of giving up', async () => {
    const invite = await server.invite();
    const address = '127.0.0.1';
    for (let i = 0; i < 3; i += 1) expect((await attempt(invite.code, address)).status).to.equal(201);
    const said: string[] = [];
    const stop = new AbortController();
    const waiting = enroll(server.url, invite.code, await facts, {
      log: (line) => said.push(line),
      signal: stop.signal,
    }).catch((error: unknown) => error);
    while (said.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(said[0]).to.match(
      /^the server refused enrollment \(429\): This address has enrolled 3 devices in the last 10 minutes, its limit; try again in \d+ s\. Asking again in \d+ s\.$/,
    );
    stop.abort();
    expect(((await waiting) as Error).name).to.equal('AbortError');
  });

  it('an invite with a maximum of devices refuses the next one with a message the agent prints, also under parallel enrollments', async () => {
    expect((await server.admin.request('POST', '/api/v1/invites', { body: { maxDevices: 0 } })).status).to.equal(400);
    const created = await server.admin.request('POST', '/api/v1/invites', {
      body: { name: 'Front desk', maxDevices: 5 },
    });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ name: 'Front desk', maxDevices: 5, deviceCount: 0 });

    const attempts = await Promise.all(Array.from({ length: 40 }, () => attempt(created.body.code)));
    expect(statuses(attempts)).to.deep.equal({ 201: 5, 403: 35 });
    expect(await enrolledWith(created.body.id)).to.equal(5);
    const full = attempts.find((a) => a.status === 403)!;
    expect(full.contentType).to.match(/^application\/problem\+json/);
    expect(full.body).to.include({ detail: 'This invite has enrolled its maximum of 5 devices: ask for a new one.' });
    expect(full.body.type).to.equal('urn:outpost:problem:enrollment-refused');
    const printed = await enroll(server.url, created.body.code, await facts).catch((error: unknown) => error);
    expect(printed).to.be.instanceOf(EnrollmentFailed);
    expect((printed as Error).message).to.equal(
      'the server refused enrollment (403): This invite has enrolled its maximum of 5 devices: ask for a new one.',
    );
    const listed = (await server.admin.request('GET', '/api/v1/invites')).body.items.find(
      (i: { id: string }) => i.id === created.body.id,
    );
    expect(listed).to.include({ maxDevices: 5, deviceCount: 5 });
    expect((await fetch(`${server.url}/i/${created.body.code}`)).status).to.equal(410);

    // A device moved to Trash frees its place.
    const enrolled = attempts.find((a) => a.status === 201)!;
    expect((await server.admin.request('DELETE', `/api/v1/devices/${enrolled.body.deviceId}`)).status).to.equal(204);
    expect((await attempt(created.body.code)).status).to.equal(201);
    expect((await attempt(created.body.code)).status).to.equal(403);
  });

  it('a remote-support invitation enrolls one device only, also under parallel enrollments', async () => {
    const created = await server.admin.request('POST', '/api/v1/invites/support', {
      body: { clientName: 'Robin at Reception' },
    });
    expect(created.status).to.equal(201);
    const attempts = await Promise.all(Array.from({ length: 10 }, () => attempt(created.body.code)));
    expect(statuses(attempts)).to.deep.equal({ 201: 1, 403: 9 });
    expect(await enrolledWith(created.body.id)).to.equal(1);
    expect(attempts.find((a) => a.status === 403)!.body.detail).to.equal(
      'This support invitation is in use by another device: ask for a new invitation.',
    );
  });
});
