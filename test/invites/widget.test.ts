import { expect } from 'chai';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

describe('invites: the code-entry widget', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  const website = 'https://www.acme-it.example';
  const lookup = (key: string, code: string, origin: string | null = website) =>
    fetch(`${server.url}/w/${key}/codes/${code}`, { headers: origin ? { origin } : {} });

  it('has settings with a snippet from the start; a Member cannot change them; bad websites are refused whole', async () => {
    const widget = (await server.admin.request('GET', '/api/v1/invites/widget')).body;
    expect(widget).to.include({ position: 'bottom-right', color: '#1d4ed8' });
    expect(widget.snippet).to.equal(`<script src="${server.url}/w/${widget.key}/code-widget.js" async></script>`);
    const saved = await server.admin.request('PUT', '/api/v1/invites/widget', {
      body: {
        color: '#0f766e',
        position: 'inline',
        greeting: ' Hello there ',
        allowedOrigins: ['https://WWW.acme-it.example/', website],
      },
    });
    expect(saved.status).to.equal(200);
    expect(saved.body).to.include({ key: widget.key, color: '#0f766e', position: 'inline', greeting: 'Hello there' });
    expect(saved.body.allowedOrigins).to.deep.equal([website]);

    const bad = await server.admin.request('PUT', '/api/v1/invites/widget', {
      body: {
        color: '#000000',
        position: 'inline',
        greeting: 'x',
        allowedOrigins: ['https://ok.example', 'https://www.acme-it.example/path'],
      },
    });
    expect(bad.status).to.equal(400);
    expect(bad.body.detail).to.include('https://www.acme-it.example/path');
    expect(
      (await server.admin.request('GET', '/api/v1/invites/widget')).body.color,
      'nothing of the refused change is kept',
    ).to.equal('#0f766e');
    expect(
      (
        await server.admin.request('PUT', '/api/v1/invites/widget', {
          body: { color: '#000000', position: 'top', greeting: 'x', allowedOrigins: [] },
        })
      ).status,
    ).to.equal(400);

    const member = await server.signedIn(await server.createUser(`member-${Date.now()}@example.test`, 'member'));
    expect((await member.request('GET', '/api/v1/invites/widget')).status).to.equal(200);
    expect(
      (
        await member.request('PUT', '/api/v1/invites/widget', {
          body: { color: '#000000', position: 'inline', greeting: 'x', allowedOrigins: [] },
        })
      ).status,
    ).to.equal(403);
  });

  it('serves its script with the settings built in, loadable from any website', async () => {
    const { key } = (await server.admin.request('GET', '/api/v1/invites/widget')).body;
    const script = await fetch(`${server.url}/w/${key}/code-widget.js`);
    expect(script.status).to.equal(200);
    expect(script.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(script.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
    expect(script.headers.get('set-cookie')).to.equal(null);
    const body = await script.text();
    expect(body).to.include('attachShadow');
    expect(body).to.include(`"key":"${key}"`);
    expect(body).to.include('"greeting":"Hello there"');
    expect((await fetch(`${server.url}/w/no-such-key/code-widget.js`)).status).to.equal(404);
    expect((await fetch(`${server.url}/w/${key}`)).headers.get('content-security-policy')).to.include(
      "script-src 'self'",
    );
  });

  it("looks codes up for allowed websites only, with CORS for them, and only the tenant's own codes", async () => {
    const { key } = (await server.admin.request('GET', '/api/v1/invites/widget')).body;
    const invite = await server.invite();
    const found = await lookup(key, invite.code.toLowerCase());
    expect(found.status).to.equal(200);
    expect(found.headers.get('access-control-allow-origin')).to.equal(website);
    expect(found.headers.get('access-control-allow-credentials')).to.equal(null);
    expect(found.headers.get('set-cookie')).to.equal(null);
    expect(await found.json()).to.deep.equal({
      company: (await server.admin.request('GET', '/api/v1/invites/branding')).body.companyName,
      displayCode: invite.code.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'),
      link: `${server.url}/i/${invite.code}`,
    });

    const elsewhere = await lookup(key, invite.code, 'https://evil.example');
    expect(elsewhere.status).to.equal(403);
    expect(
      elsewhere.headers.get('access-control-allow-origin'),
      'a browser on another website cannot read the answer',
    ).to.equal(null);

    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Widget other ${Date.now()}`, adminEmail: `widget-${Date.now()}@example.test` },
    });
    const otherAdmin = await server.signedIn(
      await server.createUser(`widget-admin-${Date.now()}@example.test`, 'owner', undefined, other.body.id),
    );
    const theirs = await server.invite(otherAdmin);
    const foreign = await lookup(key, theirs.code);
    expect(foreign.status, "another tenant's code is no code on this widget").to.equal(404);
    expect(foreign.headers.get('access-control-allow-origin'), 'the widget can read why').to.equal(website);
    expect(((await foreign.json()) as { detail: string }).detail).to.equal(
      'This code is not valid. Check it and try again.',
    );

    const support = await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Robin' } });
    const supportLookup = (await (await lookup(key, support.body.code)).json()) as { technician?: string };
    expect(supportLookup.technician).to.be.a('string');

    await server.outpost
      .db('invites_invites')
      .where({ id: invite.id })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await lookup(key, invite.code)).status).to.equal(410);
  });

  it('throttles wrong codes per address: guessing through the widget stops as on the invite pages', async () => {
    const { key } = (await server.admin.request('GET', '/api/v1/invites/widget')).body;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await lookup(key, `WRONG${String(i).padStart(7, '2')}`)).status);
    expect(statuses.filter((s) => s === 429).length).to.be.greaterThan(10);
    const throttled = await lookup(key, (await server.invite()).code);
    expect(throttled.status).to.equal(429);
    expect(throttled.headers.get('access-control-allow-origin')).to.equal(website);
    expect(throttled.headers.get('retry-after')).to.match(/^\d+$/);
  });

  it("keeps each widget, key and settings, through the move of its settings into the core's embeds (the migration down and up)", async () => {
    const before = (
      await server.admin.request('PUT', '/api/v1/invites/widget', {
        body: { color: '#0f766e', position: 'inline', greeting: 'Moved along', allowedOrigins: [website] },
      })
    ).body;
    // Back to before the move, whatever invites migrations came after it.
    const steps = (await server.outpost.migrator.status()).filter(
      (m) => m.owner === 'invites' && m.name >= '202611281600_invites_widget_to_core_embeds',
    ).length;
    await server.outpost.migrator.rollback('invites', steps);
    const kept = await server.outpost.db('invites_widget').where({ key: before.key }).first();
    expect(kept).to.include({ color: '#0f766e', position: 'inline', greeting: 'Moved along' });
    expect(await server.outpost.db('core_embeds').where({ kind: 'invites.code-widget' }).first()).to.equal(undefined);
    await server.outpost.migrator.latest();
    const after = (await server.admin.request('GET', '/api/v1/invites/widget')).body;
    expect(after).to.deep.equal(before);
  });
});
