import { spawn } from 'node:child_process';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { agentBinPath, writeState } from '@outpost/agent';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { portalLinkIn } from '../helpers/mail.js';

const api = '/api/v1/tickets';

describe('tickets', function () {
  this.timeout(60_000);
  let server: DevicesServer;
  const secretsKey = randomBytes(32);
  before(
    async () =>
      (server = await startDevicesServer({
        plugins: [contactsPlugin, ticketsPlugin],
        config: { secrets: { key: secretsKey.toString('base64') } },
      })),
  );
  after(() => server?.stop());

  const contact = async (name: string, email: string) =>
    (await server.admin.request('POST', '/api/v1/contacts', { body: { name, email } })).body as { id: string };

  it('numbers tickets per tenant, validates them, and keeps a history of every change', async () => {
    const robin = await contact('Robin Reception', `robin-${Date.now()}@acme.example`);
    const device = await server.enrollSimulated(81);
    const first = await server.admin.request('POST', api, {
      body: {
        subject: 'Printer offline',
        description: 'Since Monday',
        priority: 'high',
        contactId: robin.id,
        deviceId: device.deviceId,
      },
    });
    expect(first.status).to.equal(201);
    expect(first.body).to.include({
      subject: 'Printer offline',
      priority: 'high',
      status: 'open',
      source: 'dashboard',
    });
    expect(first.body.contact.name).to.equal('Robin Reception');
    expect(first.body.device.id).to.equal(device.deviceId);
    const second = await server.admin.request('POST', api, { body: { subject: 'VPN slow' } });
    expect(second.body.number).to.equal(first.body.number + 1);
    expect(second.body.priority).to.equal('medium');

    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Tickets other ${Date.now()}`, adminEmail: `tickets-${Date.now()}@example.test` },
    });
    const otherAdmin = await server.signedIn(
      await server.createUser(`tickets-admin-${Date.now()}@example.test`, 'owner', undefined, other.body.id),
    );
    expect(
      (await otherAdmin.request('POST', api, { body: { subject: 'Theirs' } })).body.number,
      'numbers start at 1 in each tenant',
    ).to.equal(1);
    const together = await Promise.all(
      Array.from({ length: 20 }, (_, i) => otherAdmin.request('POST', api, { body: { subject: `At once ${i}` } })),
    );
    expect(
      together.map((r) => r.body.number).sort((a, b) => a - b),
      'twenty at once: no gaps, no repeats',
    ).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(
      (await otherAdmin.request('POST', api, { body: { subject: 'x', contactId: robin.id } })).status,
      "another tenant's contact",
    ).to.equal(404);
    expect((await otherAdmin.request('GET', `${api}/${first.body.id}`)).status).to.equal(404);

    for (const body of [
      { subject: '' },
      { subject: '  ' },
      { subject: 'x', priority: 'panic' },
      { subject: 'x', source: 'widget' },
      { subject: 'x', assigneeId: 'not-a-uuid' },
    ]) {
      expect((await server.admin.request('POST', api, { body })).status, JSON.stringify(body)).to.equal(400);
    }
    const tech = await server.createUser(`tech-${Date.now()}@example.test`, 'member');
    const outsider = await server.createUser(`outsider-${Date.now()}@example.test`, 'member', undefined, other.body.id);
    expect(
      (await server.admin.request('PATCH', `${api}/${first.body.id}`, { body: { assigneeId: outsider.id } })).status,
      'a member of another tenant',
    ).to.equal(404);
    const changed = await server.admin.request('PATCH', `${api}/${first.body.id}`, {
      body: { status: 'in_progress', assigneeId: tech.id, priority: 'high' },
    });
    expect(changed.body).to.include({ status: 'in_progress' });
    expect(changed.body.assignee.id).to.equal(tech.id);
    const history = (await server.admin.request('GET', `${api}/${first.body.id}`)).body.history;
    expect(
      history.map((h: { field: string; from: string | null; to: string | null }) => [h.field, h.from, h.to]),
    ).to.deep.equal([
      ['created', null, 'dashboard'],
      ['status', 'open', 'in_progress'],
      ['assignee', null, tech.id],
    ]);
    expect(history[1].actor).to.be.a('string').and.not.equal('');

    const viewer = await server.signedIn(await server.createUser(`viewer-${Date.now()}@example.test`, 'viewer'));
    expect((await viewer.request('GET', `${api}/${first.body.id}`)).status).to.equal(200);
    expect((await viewer.request('PATCH', `${api}/${first.body.id}`, { body: { status: 'closed' } })).status).to.equal(
      403,
    );
    expect(
      (await viewer.request('POST', `${api}/${first.body.id}/messages`, { body: { body: 'hi' } })).status,
    ).to.equal(403);
  });

  it('filters by status, priority, assignee and source, and finds by subject or number', async () => {
    const tech = await server.createUser(`filter-tech-${Date.now()}@example.test`, 'member');
    const a = (
      await server.admin.request('POST', api, {
        body: { subject: 'Filter alpha', priority: 'urgent', assigneeId: tech.id },
      })
    ).body;
    const b = (await server.admin.request('POST', api, { body: { subject: 'Filter beta', priority: 'low' } })).body;
    await server.admin.request('PATCH', `${api}/${b.id}`, { body: { status: 'waiting' } });
    const ids = async (query: string) =>
      (await server.admin.request('GET', `${api}?${query}`)).body.items.map((t: { id: string }) => t.id);
    expect(await ids('q=Filter&priority=urgent')).to.deep.equal([a.id]);
    expect(await ids('q=Filter&status=waiting')).to.deep.equal([b.id]);
    expect(await ids(`q=Filter&assignee=${tech.id}`)).to.deep.equal([a.id]);
    expect(await ids('q=Filter&assignee=none')).to.deep.equal([b.id]);
    expect(await ids('q=Filter&source=dashboard')).to.deep.equal([b.id, a.id]);
    expect(await ids('q=Filter&source=widget')).to.deep.equal([]);
    expect(await ids(`q=%23${a.number}`)).to.deep.equal([a.id]);
    const page = await server.admin.request('GET', `${api}?q=Filter&limit=1`);
    expect(await ids(`q=Filter&limit=1&cursor=${page.body.nextCursor}`)).to.deep.equal([a.id]);
  });

  it("counts the tickets still to be dealt with by priority, in the caller's tenant only", async () => {
    const tenant = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Counts ${Date.now()}`, adminEmail: `counts-${Date.now()}@example.test` },
    });
    const owner = await server.signedIn(
      await server.createUser(`counts-owner-${Date.now()}@example.test`, 'owner', undefined, tenant.body.id),
    );
    const rootCounts = async () => (await server.admin.request('GET', `${api}/counts`)).body;
    const rootBefore = await rootCounts();
    const open = async (subject: string, priority: string) =>
      (await owner.request('POST', api, { body: { subject, priority } })).body as { id: string };
    await open('Server down', 'urgent');
    const fixed = await open('Mail down', 'urgent');
    await open('Printer', 'high');
    const waiting = await open('New mouse', 'low');
    const closed = await open('Old laptop', 'low');
    await owner.request('PATCH', `${api}/${fixed.id}`, { body: { status: 'resolved' } });
    await owner.request('PATCH', `${api}/${waiting.id}`, { body: { status: 'waiting' } });
    await owner.request('PATCH', `${api}/${closed.id}`, { body: { status: 'closed' } });
    const counts = await owner.request('GET', `${api}/counts`);
    expect(counts.status).to.equal(200);
    expect(counts.body).to.deep.equal({ open: 3, byPriority: { low: 1, medium: 0, high: 1, urgent: 1 } });
    expect(await rootCounts(), 'another tenant counts its own tickets only').to.deep.equal(rootBefore);
    expect((await server.browser().request('GET', `${api}/counts`)).status).to.equal(401);
  });

  it("mails the team's reply to the customer with a portal link; the customer answers there, notes stay internal, the link opens no other ticket", async () => {
    const email = `dana-${Date.now()}@acme.example`;
    const dana = await contact('Dana Customer', email);
    const tech = await server.createUser(`reply-tech-${Date.now()}@example.test`, 'member');
    const ticket = (
      await server.admin.request('POST', api, {
        body: {
          subject: 'Mail broken',
          description: 'Outlook asks for a password',
          contactId: dana.id,
          assigneeId: tech.id,
        },
      })
    ).body;
    const other = (await server.admin.request('POST', api, { body: { subject: "Someone else's secret" } })).body;
    await server.mail.waitFor((m) => m.subject === `New ticket [#${ticket.number}] Mail broken`);

    expect(
      (
        await server.admin.request('POST', `${api}/${ticket.id}/messages`, {
          body: { body: 'Internal: check the mail server first', internal: true },
        })
      ).status,
    ).to.equal(201);
    await server.admin.request('PATCH', `${api}/${ticket.id}`, { body: { status: 'waiting' } });
    const reply = await server.admin.request('POST', `${api}/${ticket.id}/messages`, {
      body: { body: 'Please restart Outlook and tell us if it still asks.' },
    });
    expect(reply.status).to.equal(201);
    const mailed = await server.mail.waitFor((m) => m.subject === `Re: [#${ticket.number}] Mail broken`);
    expect((mailed.to as { text: string }).text).to.equal(email);
    expect(mailed.text).to.include('Please restart Outlook');
    expect(mailed.html).to.include('Please restart Outlook');
    expect(mailed.text).not.to.include('Internal');
    const link = portalLinkIn(mailed.text);

    const page = await fetch(link);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html)
      .to.include('Mail broken')
      .and.include('Please restart Outlook')
      .and.include('Outlook asks for a password');
    expect(html).not.to.include('check the mail server');
    expect(html).not.to.include('secret');

    const path = new URL(link).pathname;
    const answer = await fetch(`${server.url}${path}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ body: 'Still asks, sorry.' }),
    });
    expect(answer.status).to.equal(201);
    const after = (await server.admin.request('GET', `${api}/${ticket.id}`)).body;
    expect(after.status, "the customer's answer opens a waiting ticket again").to.equal('open');
    expect(after.messages.map((m: { kind: string; author: string }) => [m.kind, m.author])).to.deep.equal([
      ['note', after.messages[0].author],
      ['reply', after.messages[1].author],
      ['customer', 'Dana Customer'],
    ]);
    await server.mail.waitFor(
      (m) => m.subject === `Re: [#${ticket.number}] Mail broken` && Boolean(m.text?.includes('Dana Customer replied')),
    );

    const token = path.split('/').at(-1)!;
    expect(server.logs.join('').includes(token), 'the token stays out of the logs').to.equal(false);
    expect(server.logs.join('')).to.include('"path":"/portal/t/:token/replies"');

    // A token is for one ticket: swapping in another ticket's id breaks the signature.
    const [claim, mac] = path.split('/').at(-1)!.split('.') as [string, string];
    const forged = Buffer.from(Buffer.from(claim, 'base64url').toString('utf8').replace(ticket.id, other.id)).toString(
      'base64url',
    );
    expect((await fetch(`${server.url}/portal/t/${forged}.${mac}`)).status).to.equal(404);
    expect(
      (
        await fetch(`${server.url}/portal/t/${forged}.${mac}/replies`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"body":"x"}',
        })
      ).status,
    ).to.equal(404);
  });

  it('refuses an expired portal link with 410, and a closed ticket takes no reply', async () => {
    const ticket = (await server.admin.request('POST', api, { body: { subject: 'Old one' } })).body;
    // A link signed as the README describes it, whose time ran out yesterday.
    const key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'outpost:tickets.portal-links', 32));
    const claim = Buffer.from(
      JSON.stringify([server.rootTenantId, ticket.id, Math.floor(Date.now() / 1000) - 86_400]),
    ).toString('base64url');
    const old = `${claim}.${createHmac('sha256', key).update(claim).digest('base64url')}`;
    const expired = await fetch(`${server.url}/portal/t/${old}`);
    expect(expired.status).to.equal(410);
    expect(await expired.text()).to.include('This link has expired');
    const fresh = (await server.admin.request('POST', `${api}/${ticket.id}/portal-link`)).body;
    expect(new Date(fresh.expiresAt).getTime()).to.be.greaterThan(Date.now() + 29 * 86_400_000);
    await server.admin.request('PATCH', `${api}/${ticket.id}`, { body: { status: 'closed' } });
    const refused = await fetch(`${new URL(fresh.url).href}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hello?' }),
    });
    expect(refused.status).to.equal(400);
  });

  it("takes a ticket from a device's agent with its credential, linked to the device and its contact", async () => {
    const device = await server.enrollSimulated(82);
    const owner = await contact('Kim Kiosk', `kim-${Date.now()}@acme.example`);
    await server.admin.request('PUT', `/api/v1/contacts/${owner.id}/devices/${device.deviceId}`);
    const post = (authorization: string, body: unknown) =>
      fetch(`${server.url}/agent/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
    expect((await post(`Bearer ${device.deviceId}.wrongwrongwrongwrongwrong`, { subject: 'x' })).status).to.equal(401);
    // The agent's own command, as the tray would run it.
    const state = join(mkdtempSync(join(tmpdir(), 'outpost-ticket-')), 'agent.json');
    writeState(state, device);
    const run = spawn(
      process.execPath,
      [
        agentBinPath,
        'ticket',
        '--state',
        state,
        '--subject',
        'Screen flickers',
        '--description',
        'Since the update',
        '--priority',
        'high',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    run.stdout.on('data', (chunk) => (output += chunk));
    run.stderr.on('data', (chunk) => (output += chunk));
    const [code] = (await once(run, 'exit')) as [number];
    expect(code, output).to.equal(0);
    const number = Number(/support ticket #(\d+) is open/.exec(output)?.[1]);
    const id = (await server.admin.request('GET', `${api}?q=%23${number}`)).body.items[0].id;
    const ticket = (await server.admin.request('GET', `${api}/${id}`)).body;
    expect(ticket).to.include({ source: 'portal', priority: 'high', subject: 'Screen flickers' });
    expect(ticket.device.id).to.equal(device.deviceId);
    expect(ticket.contact.id).to.equal(owner.id);
  });
});
