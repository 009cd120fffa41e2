import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';

const windowsUserAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const installer = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256 * 1024, 7)]);
const diskImage = Buffer.from('a disk image for macOS');

/** The MSP's own download server: an internal mirror on this machine. */
async function startMirror(): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url!);
    if (request.url === '/downloads/YourBrand.exe')
      return void response.writeHead(200, { 'content-type': 'application/x-msdownload' }).end(installer);
    if (request.url === '/latest/YourBrand.dmg')
      return void response.writeHead(302, { location: '/releases/1.2/YourBrand-1.2.dmg' }).end();
    if (request.url === '/releases/1.2/YourBrand-1.2.dmg')
      return void response.writeHead(200, { 'content-type': 'application/x-apple-diskimage' }).end(diskImage);
    response.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, server };
}

const branding = (clientUrls: Record<string, string | null>) => ({
  companyName: 'Acme IT',
  primaryColor: '#0f766e',
  logo: null,
  clientUrls,
});

describe('invites: custom client downloads ("host your own client")', function () {
  describe('from an internal mirror (private addresses allowed)', () => {
    let server: DevicesServer;
    let mirror: Awaited<ReturnType<typeof startMirror>>;
    before(async () => {
      mirror = await startMirror();
      server = await startDevicesServer({ config: { outbound: { allowPrivateAddresses: true } } });
    });
    after(async () => {
      await server?.stop();
      mirror?.server.close();
    });

    it("serves the tenant's client for its OS under a name with the code, through a redirect; other systems still get the agent package", async () => {
      const saved = await server.admin.request('PUT', '/api/v1/invites/branding', {
        body: branding({
          windows: `${mirror.url}/downloads/YourBrand.exe`,
          macos: `${mirror.url}/latest/YourBrand.dmg`,
        }),
      });
      expect(saved.status).to.equal(200);
      expect(saved.body.clientUrls).to.deep.equal({
        windows: `${mirror.url}/downloads/YourBrand.exe`,
        macos: `${mirror.url}/latest/YourBrand.dmg`,
        linux: null,
      });
      const { code } = await server.invite();

      const windows = await fetch(`${server.url}/i/${code}/download/windows`);
      expect(windows.status).to.equal(200);
      expect(windows.headers.get('content-disposition')).to.equal(`attachment; filename="YourBrand-${code}.exe"`);
      expect(windows.headers.get('content-type')).to.equal('application/x-msdownload');
      expect(Buffer.from(await windows.arrayBuffer()).equals(installer)).to.equal(true);

      const mac = await fetch(`${server.url}/i/${code}/download/macos`);
      expect(mac.headers.get('content-disposition')).to.equal(`attachment; filename="YourBrand-${code}.dmg"`);
      expect(Buffer.from(await mac.arrayBuffer()).equals(diskImage)).to.equal(true);
      expect(mirror.paths).to.deep.equal([
        '/downloads/YourBrand.exe',
        '/latest/YourBrand.dmg',
        '/releases/1.2/YourBrand-1.2.dmg',
      ]);

      const linux = await fetch(`${server.url}/i/${code}/download/linux`);
      expect(linux.headers.get('content-disposition')).to.equal(
        `attachment; filename="outpost-agent-linux-${code}.tar.gz"`,
      );

      const page = await (
        await fetch(`${server.url}/i/${code}`, { headers: { 'user-agent': windowsUserAgent } })
      ).text();
      expect(page).to.include(`Download <code>YourBrand-${code}.exe</code>`);
      expect(page).to.include('Run it and follow its steps: it connects this computer to Acme IT.');

      const kept = await server.admin.request('PUT', '/api/v1/invites/branding', {
        body: { companyName: 'Acme IT', primaryColor: '#0f766e', logo: null },
      });
      expect(kept.body.clientUrls.windows, 'left out: kept').to.equal(`${mirror.url}/downloads/YourBrand.exe`);
    });

    it('a client URL that fails gives the visitor a plain page saying so, with nothing of the cause', async () => {
      await server.admin.request('PUT', '/api/v1/invites/branding', {
        body: branding({ windows: `${mirror.url}/downloads/Gone.exe` }),
      });
      const { code } = await server.invite();
      const before = server.logs.length;
      const answer = await fetch(`${server.url}/i/${code}/download/windows`);
      expect(answer.status).to.equal(502);
      // Any visitor can cause it: a warning, not an error that pages someone.
      const levels = server.logs.slice(before).map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(levels.filter((line) => line.level >= 50)).to.deep.equal([]);
      expect(levels.find((line) => line.msg === 'request')).to.include({ level: 40, status: 502 });
      const text = await answer.text();
      expect(text).to.include('This download is not available right now');
      expect(text).not.to.include('404');
      expect(text).not.to.include('127.0.0.1');
    });
  });

  describe('by default (public addresses only)', () => {
    let server: DevicesServer;
    let mirror: Awaited<ReturnType<typeof startMirror>>;
    before(async () => {
      mirror = await startMirror();
      server = await startDevicesServer();
    });
    after(async () => {
      await server?.stop();
      mirror?.server.close();
    });

    it('refuses URLs that are not public https when saved, and keeps nothing of the refused change', async () => {
      const port = new URL(mirror.url).port;
      for (const url of [
        'http://downloads.example.com/YourBrand.exe',
        `https://127.0.0.1:${port}/downloads/YourBrand.exe`,
        'https://localhost/x.exe',
        'https://[::1]/x.exe',
        'https://169.254.169.254/latest/meta-data',
      ]) {
        const refused = await server.admin.request('PUT', '/api/v1/invites/branding', {
          body: branding({ linux: 'https://downloads.example.com/ok.AppImage', windows: url }),
        });
        expect(refused.status, url).to.equal(400);
        expect(refused.body.detail, url).to.match(/^Custom client for windows: /);
      }
      const now = await server.admin.request('GET', '/api/v1/invites/branding');
      expect(now.body.clientUrls).to.deep.equal({ windows: null, macos: null, linux: null });
      const saved = await server.admin.request('PUT', '/api/v1/invites/branding', {
        body: branding({ linux: 'https://downloads.example.com/ok.AppImage' }),
      });
      expect(saved.body.clientUrls.linux).to.equal('https://downloads.example.com/ok.AppImage');
    });

    it('does not fetch a private address that got into the settings (say, by a name that now resolves to one)', async () => {
      const { code } = await server.invite();
      await server.admin.request('PUT', '/api/v1/invites/branding', {
        body: branding({ windows: 'https://downloads.example.com/YourBrand.exe' }),
      });
      await server.outpost
        .db('invites_branding')
        .update({ client_url_windows: `${mirror.url}/downloads/YourBrand.exe` });
      const answer = await fetch(`${server.url}/i/${code}/download/windows`);
      expect(answer.status).to.equal(502);
      expect(mirror.paths, 'the mirror was never asked').to.deep.equal([]);
    });
  });
});
