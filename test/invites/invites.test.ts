import { expect } from 'chai';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

describe('invites: the public page and downloads', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  const page = (
    path: string,
    userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  ) => fetch(`${server.url}${path}`, { headers: { 'user-agent': userAgent } });

  it("shows the tenant's branding and the download for the visitor's OS, under a strict content policy", async () => {
    const logo = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;
    const saved = await server.admin.request('PUT', '/api/v1/invites/branding', {
      body: { companyName: 'Acme <IT>', primaryColor: '#0f766e', logo },
    });
    expect(saved.status).to.equal(200);
    const bad = await server.admin.request('PUT', '/api/v1/invites/branding', {
      body: { companyName: 'x', primaryColor: 'red', logo: 'javascript:alert(1)' },
    });
    expect(bad.status).to.equal(400);
    const invite = await server.invite();
    const answer = await page(`/i/${invite.code.toLowerCase()}`);
    expect(answer.status).to.equal(200);
    const html = await answer.text();
    expect(html).to.include('Acme &lt;IT&gt; invites you');
    expect(html).to.include(`href="/i/${invite.code}/download/windows"`);
    expect(html).to.include('Download for Windows');
    expect(answer.headers.get('content-security-policy')).to.match(
      /default-src 'none'; style-src 'nonce-[^']+'; img-src data:/,
    );
    const mac = await (
      await page(
        `/i/${invite.code}`,
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15',
      )
    ).text();
    expect(mac).to.include('Download for macOS');
    expect(server.logs.join('').includes(invite.code), 'the code stays out of the access log').to.equal(false);
  });

  it('serves the package with the code in its file name and the server and code inside', async () => {
    const invite = await server.invite();
    const answer = await page(`/i/${invite.code}/download/linux`);
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-disposition')).to.equal(
      `attachment; filename="outpost-agent-linux-${invite.code}.tar.gz"`,
    );
    const { gunzipSync } = await import('node:zlib');
    const tar = gunzipSync(Buffer.from(await answer.arrayBuffer())).toString('latin1');
    expect(tar).to.include('outpost-agent/start.sh');
    expect(tar).to.include('outpost-agent/node_modules/ws/package.json');
    expect(tar).to.include(`"code": "${invite.code}"`);
    expect(tar).to.include(`"server": "${server.url}"`);
  });

  it('refuses expired and deleted invites on the page and the download', async () => {
    const expired = await server.invite();
    await server.outpost
      .db('invites_invites')
      .where({ id: expired.id })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await page(`/i/${expired.code}`)).status).to.equal(410);
    expect((await page(`/i/${expired.code}/download/linux`)).status).to.equal(410);
    const deleted = await server.invite();
    await server.admin.request('DELETE', `/api/v1/invites/${deleted.id}`);
    const gone = await page(`/i/${deleted.code}`);
    expect(gone.status).to.equal(404);
    expect(await gone.text()).to.include('This invite is not valid');
  });

  it('throttles 1,000 wrong codes from one address after the first few', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i += 1) {
      const status = (await page(`/i/WRONG${String(i).padStart(7, '2')}`)).status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    // 20 wrong codes per address and window; the deleted invite above was one of them.
    expect(statuses.get(404)).to.equal(19);
    expect(statuses.get(429)).to.equal(981);
    const good = await server.invite();
    expect((await page(`/i/${good.code}`)).status, 'the address stays throttled for its window').to.equal(429);
  });
});
