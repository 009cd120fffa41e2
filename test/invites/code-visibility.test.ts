import { expect } from 'chai';
import { signedInPage } from '../helpers/browser.js';
import { type DevicesServer, startDevicesServer, withChromiumAndDevicesServer } from '../helpers/devices.js';

describe('invites: who sees enrollment codes and links', function () {
  let server: DevicesServer;
  let invite: { code: string; link: string };
  let support: { code: string; link: string };
  let deployment: { code: string };
  before(async () => {
    server = await startDevicesServer();
    invite = (await server.admin.request('POST', '/api/v1/invites', { body: { name: 'Office' } })).body;
    support = (await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Ann' } })).body;
    deployment = (
      await server.admin.request('POST', '/api/v1/invites/deployments', {
        body: { name: 'Q1', expectedCount: 2 },
      })
    ).body;
  });
  after(() => server?.stop());

  const lists = ['/api/v1/invites', '/api/v1/invites/support', '/api/v1/invites/deployments'];
  const secrets = () => [invite.code, invite.link, support.code, support.link, deployment.code];

  it('lists invites, support invitations and deployments to a Viewer without any code or link', async () => {
    const viewer = await server.signedIn(await server.createUser(`viewer-${Date.now()}@example.test`, 'viewer'));
    for (const path of lists) {
      const answer = await viewer.request('GET', path);
      expect(answer.status, path).to.equal(200);
      expect(answer.body.items, path).to.have.length(1);
      const text = JSON.stringify(answer.body);
      for (const secret of secrets()) expect(text, path).to.not.include(secret);
      expect(Object.keys(answer.body.items[0]), path).to.not.include.members(['code', 'displayCode', 'link']);
    }
  });

  it('shows a Member the support codes (it may invite to support) but not the enrollment codes', async () => {
    const member = await server.signedIn(await server.createUser(`member-${Date.now()}@example.test`, 'member'));
    const [invites, supportList] = await Promise.all(lists.slice(0, 2).map((path) => member.request('GET', path)));
    expect(JSON.stringify(invites.body)).to.not.include(invite.code);
    expect(supportList.body.items[0]).to.include({ code: support.code, link: support.link });
  });

  it('shows an Admin every code and link', async () => {
    const [invites, supportList, deployments] = await Promise.all(
      lists.map((path) => server.admin.request('GET', path)),
    );
    expect(invites.body.items[0]).to.include({ code: invite.code, link: invite.link });
    expect(supportList.body.items[0]).to.include({ code: support.code, link: support.link });
    expect(deployments.body.items[0]).to.include({ code: deployment.code });
  });
});

describe('invites: the pages of a Viewer, who sees no codes', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer();

  it('show the invites, support invitations and deployments without codes or Copy buttons, and without errors', async () => {
    const { server, chromium, pageErrors } = env;
    const invite = (await server.admin.request('POST', '/api/v1/invites', { body: { name: 'Front office' } })).body;
    const support = await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Ann' } });
    const deployment = await server.admin.request('POST', '/api/v1/invites/deployments', {
      body: { name: 'Floor rollout', expectedCount: 2 },
    });
    const viewer = await server.createUser(`viewer-page-${Date.now()}@example.test`, 'viewer');
    const page = await signedInPage(chromium, server.url, viewer, pageErrors);
    const secrets = [invite.code, invite.displayCode, support.body.code, deployment.body.displayCode];
    const pages: Array<[string, string]> = [
      ['/', 'Ann'],
      ['/devices/invites', 'Front office'],
      ['/support', 'Ann'],
      ['/deployments', 'Floor rollout'],
    ];
    for (const [path, shown] of pages) {
      await page.goto(`${server.url}${path}`);
      await page.getByText(shown).first().waitFor();
      const text = await page.locator('body').innerText();
      for (const secret of secrets) expect(text, path).to.not.include(secret);
      expect(await page.getByRole('button', { name: /^Copy (link|code)$/ }).count(), path).to.equal(0);
    }
  });
});
