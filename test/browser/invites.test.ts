import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Locator, Page } from 'playwright-core';
import { until } from '@outpost/core/testing';
import { launchChromium, openSettingsTab, screenshot, signedInPage } from '../helpers/browser.js';
import { type DevicesServer, startDevicesServer, withChromiumAndDevicesServer } from '../helpers/devices.js';
import { chooseOption, controlValue, pickColor } from '../helpers/wa.js';
import { startWebsite } from '../helpers/website.js';
import { enroll, simulatedMachine } from '@outpost/agent';

describe('invites end to end: from the invite page to a device online (chromium)', function () {
  this.timeout(120_000);
  let server: DevicesServer;
  let chromium: Browser;
  const agents: ChildProcess[] = [];
  const pageErrors: string[] = [];
  afterEach(() => expect(pageErrors.splice(0), 'errors in the page').to.deep.equal([]));

  before(async () => {
    chromium = await launchChromium();
    server = await startDevicesServer();
  });
  after(async () => {
    for (const agent of agents) agent.kill('SIGKILL');
    await chromium?.close();
    await server?.stop();
  });

  const signedIn = () => signedInPage(chromium, server.url, server.owner, pageErrors);

  /** Downloads the Linux package from the invite page, unpacks it in a new folder and starts it. */
  async function installFromPage(page: Page, link: string): Promise<void> {
    await page.goto(link);
    await page.getByRole('heading', { name: 'Acme IT Services invites you to connect this computer' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download for Linux' }).click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'outpost-download-'));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(spawnSync('tar', ['xzf', file], { cwd: dir }).status).to.equal(0);
    const agent = spawn(join(dir, 'outpost-agent', 'start.sh'), [], {
      cwd: dir,
      env: { ...process.env, DISPLAY: '' },
      stdio: 'ignore',
    });
    agents.push(agent);
    expect(download.suggestedFilename()).to.match(/^outpost-agent-linux-[A-Z0-9]{12}\.tar\.gz$/);
  }

  it('creates an invite in the dashboard; its page offers the Linux package, which enrolls the machine with no input; the same link enrolls a second', async () => {
    const page = await signedIn();
    await openSettingsTab(page, 'Invite page');
    await page.getByLabel('Company name').fill('Acme IT Services');
    await pickColor(page, 'Primary color', '#0f766e');
    // The color picker shows its swatch and holds the value; the preview follows the form before it is saved.
    expect(
      (await page.getByRole('button', { name: 'Primary color', exact: true }).boundingBox())!.height,
    ).to.be.at.least(32);
    expect(await controlValue(page, 'wa-color-picker[name=primaryColor]')).to.equal('#0f766e');
    const preview = page.getByTestId('invite-preview');
    await preview.getByText('Acme IT Services invites you to connect this computer').waitFor();
    expect(
      await preview
        .getByText('Download for Windows')
        .evaluate(
          (button) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(
              button,
            ).backgroundColor,
        ),
    ).to.equal('rgb(15, 118, 110)');
    await page.getByLabel('Windows download URL').fill('https://downloads.acme.example/AcmeSupport.exe');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The invite page is updated.').waitFor();
    expect((await server.admin.request('GET', '/api/v1/invites/branding')).body.clientUrls).to.deep.equal({
      windows: 'https://downloads.acme.example/AcmeSupport.exe',
      macos: null,
      linux: null,
    });
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    await page.getByTestId('create-invite').first().click();
    const code = (await page.getByTestId('invite-code').textContent())!.replace(/-/g, '').trim();
    const link = `${server.url}/i/${code}`;

    await installFromPage(page, link);
    await screenshot(page, 'invite-page');
    const invite = () =>
      server.admin
        .request('GET', '/api/v1/invites')
        .then((r) => r.body.items.find((i: { code: string }) => i.code === code));
    await until(async () => (await invite()).deviceCount === 1, 30_000, 'the first device to enroll');
    const first = await server.admin.request('GET', '/api/v1/devices?limit=10');
    await until(
      async () =>
        (await server.admin.request('GET', `/api/v1/devices/${first.body.items[0].id}`)).body.status ===
        'not-installed',
      15_000,
      'the first device online',
    );

    await installFromPage(page, link);
    await until(async () => (await invite()).deviceCount === 2, 30_000, 'the second device to enroll');
    const rows = await server.outpost
      .db('devices_devices')
      .where({ enrollment_source: 'invites' })
      .select('enrollment_ref');
    expect(rows.map((r) => r.enrollment_ref)).to.deep.equal([(await invite()).id, (await invite()).id]);

    // Pending Invites lists it with its two devices; deleting it stops its link.
    await page.goto(`${server.url}/devices`);
    await page.getByRole('button', { name: 'Pending Invites' }).click();
    const row = page
      .getByRole('table', { name: 'Pending Invites' })
      .getByRole('row')
      .filter({ hasText: code.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3') });
    expect(await row.getByRole('cell').nth(2).textContent()).to.equal('2');
    await screenshot(page, 'pending-invites');
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.locator('outpost-dialog').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await fetch(link)).status).to.equal(404);
  });

  it('plans a deployment whose progress moves live as devices enroll, and pauses it', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Deployments', exact: true }).click();
    await page.getByText('No deployments yet.').waitFor();
    await page.getByLabel('Name').fill('Floor 3 rollout');
    await page.getByLabel('Expected devices').fill('2');
    await page.getByRole('button', { name: 'New deployment' }).click();
    const panel = page.getByRole('region', { name: 'Floor 3 rollout' });
    await panel.getByText('0 of 2 devices registered').waitFor();
    const code = (await panel.locator('code').textContent())!.replace(/-/g, '');

    await enroll(server.url, code, await simulatedMachine(31).facts());
    await panel.getByText('1 of 2 devices registered').waitFor();
    // Half way: the bar is half full (a style attribute the CSP refuses drew it full).
    const [fill, track] = await Promise.all([
      panel.locator('outpost-meter [part~=indicator]').boundingBox(),
      panel.locator('outpost-meter [part~=base]').boundingBox(),
    ]);
    expect(fill!.width / track!.width).to.be.closeTo(0.5, 0.01);
    await screenshot(page, 'deployments');
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByText('Paused').waitFor();
    const refused = await enroll(server.url, code, await simulatedMachine(32).facts()).catch((error: Error) => error);
    expect((refused as Error).message).to.match(/is paused: enrollment is refused/);
  });

  it('invites a client to remote support; the technician sees them connect live, with a notification', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Remote support', exact: true }).click();
    await page.getByLabel('Client name').fill('Robin at Reception');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = (await page.getByTestId('support-link').textContent())!;
    const code = link.split('/i/')[1]!;
    await page.getByTestId('support-status').filter({ hasText: 'Pending' }).waitFor();
    // Its row copies the link again, later.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page
      .getByRole('row')
      .filter({ hasText: 'Robin at Reception' })
      .getByRole('button', { name: 'Copy link' })
      .click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).to.equal(link);

    const answer = await enroll(server.url, code, await simulatedMachine(51).facts());
    const agent = await server.connect(
      { server: server.url, deviceId: answer.deviceId, secret: answer.secret },
      simulatedMachine(51),
    );
    await page.getByText('Robin at Reception joined the support session').waitFor();
    await page.getByTestId('support-status').filter({ hasText: 'Connected' }).waitFor();
    await screenshot(page, 'remote-support');
    await agent.stop();
    await page.getByText('Robin at Reception left the support session').waitFor();
    await page.getByTestId('support-status').filter({ hasText: 'Ended' }).waitFor();
  });

  it('the code-entry widget on a website of another origin finds the invitation and opens it; it sets no cookies there', async () => {
    await server.admin.request('PUT', '/api/v1/invites/branding', {
      body: { companyName: 'Acme IT Services', primaryColor: '#0f766e', logo: null },
    });
    const page = await signedIn();
    await openSettingsTab(page, 'Widgets');
    const website = await startWebsite(server.url);
    try {
      const settings = page.getByRole('region', { name: 'Code-entry widget' });
      await pickColor(settings, 'Widget color', '#7c3aed');
      await chooseOption(settings, 'Position', 'Floating, bottom left');
      await settings.getByLabel('Greeting').fill('Did Acme give you a code? Type it here.');
      await settings.getByLabel(/Allowed websites/).fill(website.origin);
      await settings.getByRole('button', { name: 'Save widget' }).click();
      await page.getByText('The widget is updated.').waitFor();
      await screenshot(page, 'widget-settings');
      website.snippet = (await settings.getByTestId('widget-snippet').textContent())!;
      const { code } = await server.invite();

      // A visitor of the MSP's website: a browser context that has never seen Outpost.
      const visitor = await (await chromium.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      visitor.on('pageerror', (error) => pageErrors.push(error.message));
      await visitor.goto(website.origin);
      await visitor.getByRole('button', { name: 'Enter your code' }).click();
      await visitor.getByText('Did Acme give you a code? Type it here.').waitFor();
      expect(await visitor.evaluate(`getComputedStyle(document.querySelector('outpost-code-widget')).left`)).to.equal(
        '20px',
      );
      expect(
        await visitor.evaluate(`getComputedStyle(document.querySelector('h1')).color`),
        "the widget leaves the page's styles alone",
      ).to.equal('rgb(255, 0, 0)');

      await visitor.getByLabel('Your code').fill('ABCD-EFGH-JKMN');
      await visitor.getByRole('button', { name: 'Continue' }).click();
      await visitor.getByText('This code is not valid. Check it and try again.').waitFor();
      await visitor.getByLabel('Your code').fill(code.toLowerCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'));
      await visitor.getByRole('button', { name: 'Continue' }).click();
      await visitor.getByText('Acme IT Services invites you to connect this computer.').waitFor();
      await screenshot(visitor, 'widget-on-website');
      const [invitation] = await Promise.all([
        visitor.waitForEvent('popup'),
        visitor.getByRole('link', { name: 'Open the invitation' }).click(),
      ]);
      await invitation
        .getByRole('heading', { name: 'Acme IT Services invites you to connect this computer' })
        .waitFor();
      expect(invitation.url()).to.equal(`${server.url}/i/${code}`);
      expect(await visitor.context().cookies(), 'no cookies, on the website or on Outpost').to.deep.equal([]);
    } finally {
      await website.close();
    }
  });
});

describe('invites that are used up (chromium)', function () {
  this.timeout(60_000);
  const env = withChromiumAndDevicesServer();

  it('a support invitation whose computer joined says it is in use, with no download', async () => {
    const { server } = env;
    const support = await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Lee' } });
    expect(await (await fetch(`${server.url}/i/${support.body.code}`)).text()).to.include('Download for');
    const answer = await enroll(server.url, support.body.code, await simulatedMachine(81).facts());
    const agent = await server.connect({ server: server.url, ...answer }, simulatedMachine(81));
    await until(
      async () => (await server.admin.request('GET', '/api/v1/invites/support')).body.items[0].status === 'active',
      5000,
      'the invitation in use',
    );
    const page = await (await fetch(`${server.url}/i/${support.body.code}`)).text();
    expect(page).to.include('This invitation is in use');
    expect(page).to.not.include('invites you');
    expect(page).to.not.include('Download for');
    await agent.stop();
  });

  it('an invite at its maximum shows as used up and is not counted as open on the home page', async () => {
    const { server, chromium, pageErrors } = env;
    const invite = await server.admin.request('POST', '/api/v1/invites', { body: { name: 'One seat', maxDevices: 1 } });
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    const invitations = page.getByTestId('home-invitations');
    await invitations.getByText('1 open invite link.').waitFor();
    await enroll(server.url, invite.body.code, await simulatedMachine(82).facts());
    await page.reload();
    await invitations.getByText('No open invite links.').waitFor();
    await page.goto(`${server.url}/devices/invites`);
    const row = page.getByRole('table', { name: 'Pending Invites' }).getByRole('row').filter({ hasText: 'One seat' });
    expect((await row.getByTestId('used-up').innerText()).trim()).to.equal('Used up');
  });

  it('withdraws a pending remote-support invitation from its row', async () => {
    const { server, chromium, pageErrors } = env;
    const support = await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Kai' } });
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    await page.goto(`${server.url}/support`);
    const row = page.locator(`tr[data-invitation="${support.body.id}"]`);
    await row.getByRole('button', { name: 'Withdraw' }).click();
    await page.locator('outpost-dialog').getByRole('button', { name: 'Withdraw' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await fetch(`${server.url}/i/${support.body.code}`)).status).to.equal(404);
  });
});

describe('invite codes in tables (chromium)', function () {
  this.timeout(60_000);
  const env = withChromiumAndDevicesServer();

  /** The lines the first code of a table takes; a code broken mid-way takes more than one. */
  const codeLines = (table: Locator) =>
    table
      .locator('td code')
      .first()
      .evaluate((code: { getClientRects(): { length: number } }) => code.getClientRects().length);

  it('keeps each invite code on one line in Pending Invites and Remote support, on a desktop and a phone', async () => {
    const { server, chromium, pageErrors } = env;
    await server.admin.request('POST', '/api/v1/invites', {
      body: { name: 'Front desk and back office computers of the third floor', maxDevices: 3 },
    });
    await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Ola' } });
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await signedInPage(chromium, server.url, server.owner, pageErrors, viewport);
      await page.goto(`${server.url}/devices/invites`);
      const invites = page.getByRole('table', { name: 'Pending Invites' });
      await invites.locator('td code').first().waitFor();
      expect(await codeLines(invites), `Pending Invites, ${viewport}`).to.equal(1);
      await screenshot(page, `pending-invites-codes`);
      await page.goto(`${server.url}/support`);
      const support = page.getByRole('table', { name: 'Support invitations' });
      await support.locator('td code').first().waitFor();
      expect(await codeLines(support), `Remote support, ${viewport}`).to.equal(1);
      await screenshot(page, `support-codes`);
      await page.close();
    }
  });
});
