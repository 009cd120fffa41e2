import { expect } from 'chai';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { portalLinkIn } from '../helpers/mail.js';

describe('tickets: the support widget', function () {
  this.timeout(60_000);
  let server: DevicesServer;
  let key: string;
  before(async () => {
    server = await startDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });
    key = (await server.admin.request('GET', '/api/v1/tickets/widget')).body.key;
  });
  after(() => server?.stop());

  const website = 'https://www.acme-it.example';
  const send = (body: unknown, origin: string | null = website) =>
    fetch(`${server.url}/support-widget/${key}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify(body),
    });

  it('has settings and a snippet from the start; only settings.manage changes them; its script loads from any website', async () => {
    const widget = (await server.admin.request('GET', '/api/v1/tickets/widget')).body;
    expect(widget).to.include({ position: 'bottom-right', companyName: 'Default' });
    expect(widget.snippet).to.equal(`<script src="${server.url}/support-widget/${key}/widget.js" async></script>`);
    const saved = await server.admin.request('PUT', '/api/v1/tickets/widget', {
      body: {
        companyName: 'Acme IT',
        color: '#7c3aed',
        position: 'bottom-left',
        greeting: 'How can we help?',
        allowedOrigins: [`${website}/`],
      },
    });
    expect(saved.body).to.include({ companyName: 'Acme IT', position: 'bottom-left', key });
    expect(saved.body.allowedOrigins).to.deep.equal([website]);
    expect(
      (
        await server.admin.request('PUT', '/api/v1/tickets/widget', {
          body: { ...saved.body, key: undefined, snippet: undefined, testPage: undefined, position: 'top' },
        })
      ).status,
    ).to.equal(400);
    const member = await server.signedIn(await server.createUser(`widget-member-${Date.now()}@example.test`, 'member'));
    expect(
      (
        await member.request('PUT', '/api/v1/tickets/widget', {
          body: { companyName: 'x', color: '#000000', position: 'bottom-left', greeting: 'x', allowedOrigins: [] },
        })
      ).status,
    ).to.equal(403);

    const script = await fetch(`${server.url}/support-widget/${key}/widget.js`);
    expect(script.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(script.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
    expect(await script.text()).to.include('"company":"Acme IT"');
  });

  it("answers the browser's preflight and creates a ticket with source Widget for the contact with that e-mail; the customer gets a receipt with their link; no cookies", async () => {
    const preflight = await fetch(`${server.url}/support-widget/${key}/tickets`, {
      method: 'OPTIONS',
      headers: {
        origin: website,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(website);
    expect(preflight.headers.get('access-control-allow-headers')).to.equal('content-type');

    const email = `visitor-${Date.now()}@customer.example`;
    const answer = await send({
      email,
      subject: 'Laptop will not boot',
      description: 'Black screen',
      priority: 'urgent',
    });
    expect(answer.status).to.equal(201);
    expect(answer.headers.get('access-control-allow-origin')).to.equal(website);
    expect(answer.headers.get('access-control-allow-credentials')).to.equal(null);
    expect(answer.headers.get('set-cookie')).to.equal(null);
    const { number } = (await answer.json()) as { number: number };
    const ticket = (await server.admin.request('GET', `/api/v1/tickets?q=%23${number}`)).body.items[0];
    expect(ticket).to.include({ source: 'widget', priority: 'urgent', requesterEmail: email });
    expect(ticket.contact).to.include({ email, name: email });
    const receipt = await server.mail.waitFor((m) => m.subject === `[#${number}] Laptop will not boot`);
    expect(receipt.text, "in the tenant's support brand").to.include('— Acme IT');
    expect(receipt.html).to.include('#7c3aed');
    expect((await fetch(portalLinkIn(receipt.text))).status).to.equal(200);

    const again = (await (await send({ email, subject: 'Second one' })).json()) as { number: number };
    const second = (await server.admin.request('GET', `/api/v1/tickets?q=%23${again.number}`)).body.items[0];
    expect(second.contact.id, 'the same contact for the same e-mail').to.equal(ticket.contact.id);
  });

  it('refuses other websites, bad input (readably, across origins), robots that fill the hidden field, and floods from one address', async () => {
    const elsewhere = await send({ email: 'a@b.example', subject: 'x' }, 'https://evil.example');
    expect(elsewhere.status).to.equal(403);
    expect(elsewhere.headers.get('access-control-allow-origin')).to.equal(null);

    const bad = await send({ email: 'not-mail', subject: 'x' });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('access-control-allow-origin'), 'the widget can read why').to.equal(website);

    const before = (await server.admin.request('GET', '/api/v1/tickets?source=widget')).body.items.length;
    const robot = await send({ email: 'robot@spam.example', subject: 'Cheap pills', website: 'http://spam.example' });
    expect(robot.status).to.equal(201);
    expect(
      (await server.admin.request('GET', '/api/v1/tickets?source=widget')).body.items.length,
      'no ticket from the robot',
    ).to.equal(before);

    // 5 requests per address in 10 minutes: the test before sent 2, the robot's counts too.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await send({ email: 'flood@customer.example', subject: `Flood ${i}` })).status);
    expect(statuses).to.deep.equal([201, 201, 429, 429]);
    const limited = await send({ email: 'flood@customer.example', subject: 'More' });
    expect(limited.headers.get('access-control-allow-origin')).to.equal(website);
    expect(limited.headers.get('retry-after')).to.match(/^\d+$/);
  });
});
