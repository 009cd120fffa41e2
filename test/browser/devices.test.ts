import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { until } from '@outpost/core/testing';
import { enroll, simulatedMachine } from '@outpost/agent';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, signedInPage, viewports } from '../helpers/browser.js';
import { type DevicesServer, startDevicesServer, withChromiumAndDevicesServer } from '../helpers/devices.js';
import { runAgent } from '../helpers/processes.js';
import { tick } from '../helpers/wa.js';
import { type VirtualDisplay, startXvfb } from '../helpers/xvfb.js';

describe('devices end to end: the real agent under Xvfb, seen in chromium', function () {
  this.timeout(120_000);
  let server: DevicesServer;
  let chromium: Browser;
  let display: VirtualDisplay;
  const agents: ChildProcess[] = [];
  /** The invite the first test creates in the browser. */
  let inviteCode = '';

  before(async () => {
    display = await startXvfb();
    display.showWindow('Outpost end-to-end test: this window is on the virtual display');
    chromium = await launchChromium();
    server = await startDevicesServer({ devices: { heartbeatSeconds: 2 } });
  });
  after(async () => {
    for (const agent of agents) agent.kill('SIGKILL');
    await chromium?.close();
    await server?.stop();
    await display?.stop();
  });

  const pageErrors: string[] = [];
  afterEach(() => expect(pageErrors.splice(0), 'errors in the page').to.deep.equal([]));
  const signedIn = (viewport: keyof typeof viewports = 'desktop') =>
    signedInPage(chromium, server.url, server.owner, pageErrors, viewport);

  it('creates an invite in the browser, enrolls the agent with it, and shows the device Online with system info, a real screenshot and an operation', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    await page.getByText('No devices yet.').waitFor();
    await screenshot(page, 'devices-empty');
    await page.getByTestId('create-invite').first().click();
    const code = (await page.getByTestId('invite-code').textContent())!.trim();
    expect(code).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    inviteCode = code.replace(/-/g, '');

    const state = join(mkdtempSync(join(tmpdir(), 'outpost-agent-')), 'agent.json');
    const enrolled = runAgent(['enroll', '--server', server.url, '--code', code.toLowerCase(), '--state', state], {});
    expect(await enrolled.exited, enrolled.output()).to.equal(0);
    expect(statSync(state).mode & 0o777).to.equal(0o600);
    const agent = runAgent(['run', '--state', state], { DISPLAY: display.display, OUTPOST_AGENT_SERVICE: '1' });
    agents.push(agent.child);

    // Live: the row arrives through the stream, without reloading the page.
    const row = page.locator('tr[data-device]');
    await row.getByTestId('status').filter({ hasText: 'Online' }).waitFor({ timeout: 15_000 });
    // The devices plugin's notifications reach the shell wherever the user is.
    await page
      .getByText(/is online$/)
      .first()
      .waitFor();
    await screenshot(page, 'devices-list');

    await page.getByTestId('tiles-view').click();
    const tile = page.locator('li.tile img');
    await tile.waitFor({ timeout: 20_000 });
    type Image = { complete: boolean; naturalWidth: number; naturalHeight: number };
    const size = await until(
      async () => {
        const image = await tile.evaluate((img: Image) => ({
          complete: img.complete,
          width: img.naturalWidth,
          height: img.naturalHeight,
        }));
        return image.complete && image.width > 0 ? image : undefined;
      },
      10_000,
      'the screenshot to load',
    );
    expect(size.width, 'the tile shows the screenshot of the 1280x800 virtual display').to.equal(1280);
    expect(size.height).to.equal(800);
    await screenshot(page, 'devices-tiles');

    await page.locator('li.tile .body a').first().click();
    await page.getByTestId('device-status').filter({ hasText: 'Online' }).waitFor();
    expect(await page.getByTestId('os').textContent()).to.match(/Debian|Linux/i);
    // The disk bar is as full as the disk (a style attribute the CSP refuses drew every bar full).
    const rootDisk = page.locator('section[aria-labelledby=disks] [data-mount="/"] outpost-meter');
    const [used, capacity] = await rootDisk.evaluate((meter: { value: number; max: number }) => [
      meter.value,
      meter.max,
    ]);
    const [fill, track] = await Promise.all([
      rootDisk.locator('[part~=indicator]').boundingBox(),
      rootDisk.locator('[part~=base]').boundingBox(),
    ]);
    expect(fill!.width / track!.width).to.be.closeTo(used! / capacity!, 0.02);
    // The detailed system information comes in sections.
    await page.getByText('Detailed system information').click();
    const info = page.locator('details');
    for (const name of ['Operating system', 'CPU', 'Memory', 'Hardware', 'Disks', 'Network', 'Users'])
      await info.getByRole('region', { name, exact: true }).waitFor();
    await info
      .getByRole('table', { name: 'Network interfaces' })
      .getByRole('cell', { name: '127.0.0.1', exact: true })
      .waitFor();
    await page.getByRole('combobox', { name: 'Operation' }).click();
    await page.getByRole('option', { name: 'Size, use and free space of each mounted file system' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = page.getByTestId('operation-result');
    await result.waitFor();
    // Named by what it does, its file systems a table with their keys as columns, the JSON a click away.
    await result.getByRole('heading', { name: 'Size, use and free space of each mounted file system' }).waitFor();
    const table = result.getByRole('table');
    await table.getByRole('columnheader', { name: 'mount', exact: true }).waitFor();
    await table.getByRole('cell', { name: '/', exact: true }).first().waitFor();
    const json = result.getByTestId('operation-json');
    expect(await json.isVisible()).to.equal(false);
    await result.getByText('Show JSON').click();
    expect(
      JSON.parse((await json.textContent())!).fileSystems.some((f: { mount: string }) => f.mount === '/'),
    ).to.equal(true);
    await screenshot(page, 'device-details');

    agent.child.kill('SIGTERM');
    expect(await agent.exited).to.equal(0);
    await page.getByTestId('device-status').filter({ hasText: 'Offline' }).waitFor({ timeout: 5000 });

    const phone = await signedIn('phone');
    await phone.goto(`${server.url}/devices`);
    await phone.locator('tr[data-device]').first().waitFor();
    await screenshot(phone, 'devices-list');
  });

  it('raises a browser notification for a device that comes online while the tab is hidden', async () => {
    const page = await signedIn();
    await page.context().grantPermissions(['notifications'], { origin: server.url });
    // Seen from the page, the tab is in the background; notifications the app raises are recorded as they are shown.
    await page.evaluate(`(() => {
      const shown = [];
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title, options) {
          super(title, options);
          shown.push(title);
        }
      }
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.assign(window, { Notification: Recorded, shownNotifications: shown });
    })()`);
    const state = await server.enrollSimulated(77);
    const agent = await server.connect(state, simulatedMachine(77));
    await page.waitForFunction(`window.shownNotifications.includes('sim-00077 is online')`, undefined, {
      timeout: 5000,
    });
    await agent.stop();
  });

  it('the same invite enrolls a second device; Trash keeps it out until restored', async () => {
    const code = inviteCode;
    const state = join(mkdtempSync(join(tmpdir(), 'outpost-agent-')), 'agent.json');
    const enrolled = runAgent(['enroll', '--server', server.url, '--code', code, '--state', state], {});
    expect(await enrolled.exited, enrolled.output()).to.equal(0);
    const again = await server.admin.request('GET', '/api/v1/invites');
    expect(again.body.items.find((i: { code: string }) => i.code === code).deviceCount).to.equal(2);

    const page = await signedIn();
    await page.goto(`${server.url}/devices`);
    await page.locator('tr[data-device]').nth(1).waitFor();
    await page.locator('tr[data-device]').nth(1).locator('wa-checkbox').click();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    await page.locator('outpost-dialog').getByRole('button', { name: 'Move to Trash' }).click();
    await page
      .getByRole('link', { name: /^Trash/ })
      .filter({ hasText: '1' })
      .waitFor();
    await page.getByRole('link', { name: /^Trash/ }).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Trash is empty.').waitFor();
    await screenshot(page, 'devices-trash');
  });

  it('creates a group from the navigation, moves a device into it from its row, renames it, moves the device to a new group from its page, and deletes that group', async () => {
    const { deviceId } = await server.enrollSimulated(61);
    await server.admin.request('PATCH', `/api/v1/devices/${deviceId}`, { body: { name: 'front-desk-pc' } });
    const groupOf = async () =>
      (await server.admin.request('GET', `/api/v1/devices/${deviceId}`)).body.groupName as string | null;
    // An Admin of their own: the owner's sessions are at the server's limit by now.
    const page = await signedInPage(
      chromium,
      server.url,
      await server.createUser(`groups-${Date.now()}@example.test`, 'admin'),
      pageErrors,
    );
    const nav = page.getByRole('navigation', { name: 'Main' });

    await nav.getByRole('link', { name: '+ Add group' }).click();
    await page.getByLabel('Group name').fill('Front office');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: /^Front office/ }).waitFor();
    await page.getByText('No devices in this group yet.').waitFor();
    await nav.getByRole('link', { name: /^Front office/ }).waitFor();

    // "+ Add to group" on the device's row.
    await nav.getByRole('link', { name: /^All devices/ }).click();
    const row = page.locator('tr[data-device]').filter({ hasText: 'front-desk-pc' });
    await row.getByRole('button', { name: 'Add to group: front-desk-pc' }).click();
    await row.getByRole('combobox', { name: 'Group of front-desk-pc' }).click();
    await row.getByRole('option', { name: 'Front office' }).click();
    await page.getByText('front-desk-pc is now in Front office.').waitFor();
    await row.getByRole('button', { name: 'Front office: move front-desk-pc to another group' }).waitFor();
    expect(await groupOf()).to.equal('Front office');

    // The group's own view: its one device, and Rename.
    await nav.getByRole('link', { name: /^Front office/ }).click();
    await page.locator('tr[data-device]').filter({ hasText: 'front-desk-pc' }).waitFor();
    expect(await page.getByTestId('device-count').textContent(), 'a plural through the i18n layer').to.equal(
      '1 device',
    );
    await page.getByRole('button', { name: 'Rename Front office' }).click();
    await page.getByLabel('New name of Front office').fill('Reception');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: /^Reception/ }).waitFor();
    await nav.getByRole('link', { name: /^Reception/ }).waitFor();
    expect(await groupOf()).to.equal('Reception');

    // From the device's page, into a group made there.
    await page.getByRole('link', { name: 'front-desk-pc' }).click();
    await page.getByRole('button', { name: 'Reception: move front-desk-pc to another group' }).click();
    await page.getByRole('combobox', { name: 'Group of front-desk-pc' }).click();
    await page.getByRole('option', { name: '+ New group…' }).click();
    await page.getByLabel('New group for front-desk-pc').fill('Back office');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('button', { name: 'Back office: move front-desk-pc to another group' }).waitFor();
    expect(await groupOf()).to.equal('Back office');

    // Deleting a group says what happens to its devices; they stay, without a group.
    // On a phone.
    const phone = page;
    await phone.setViewportSize(viewports.phone);
    await phone.goto(`${server.url}/devices/groups`);
    await phone.getByRole('row').filter({ hasText: 'Back office' }).waitFor();
    await screenshot(phone, 'device-groups');
    await phone.getByRole('button', { name: 'Delete Back office' }).click();
    const dialog = phone.locator('outpost-dialog');
    await dialog.getByText('Delete the group Back office? Its device stays, without a group.').waitFor();
    await dialog.getByRole('button', { name: 'Delete group' }).click();
    await phone.getByText('The group Back office is deleted.').waitFor();
    await phone.getByRole('row').filter({ hasText: 'Back office' }).waitFor({ state: 'detached' });
    expect(await groupOf()).to.equal(null);
    const groups = (await server.admin.request('GET', '/api/v1/devices/groups')).body.items.map(
      (g: { name: string }) => g.name,
    );
    expect(groups).to.include('Reception').and.not.include('Back office');
  });

  it('the roles form names each permission, the devices ones too, by what it allows, with its id beside', async () => {
    const page = await signedInPage(
      chromium,
      server.url,
      await server.createUser(`roles-${Date.now()}@example.test`, 'owner'),
      pageErrors,
    );
    await page.goto(`${server.url}/settings/roles`);
    const groups = page.getByRole('checkbox', { name: /^Create and change device groups/ });
    expect(await groups.getAttribute('value')).to.equal('groups.manage');
    await page.getByRole('checkbox', { name: /^groups\.manage/ }).waitFor({ state: 'detached' });
    await page.getByLabel('Name', { exact: true }).fill('Group keepers');
    await tick(groups);
    await page.getByRole('button', { name: 'Create role' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'Group keepers' })
      .getByText('Create and change device groups')
      .waitFor();
    await screenshot(page, 'roles');
  });

  it('the home page shows devices online and offline and the pending invitations, live, with quick actions; it fits a phone', async () => {
    await server.enrollSimulated(63);
    const support = await server.admin.request('POST', '/api/v1/invites/support', {
      body: { clientName: 'Kim at Accounts' },
    });
    const technician = await server.createUser(`home-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, technician, pageErrors);
    const online = page.getByTestId('home-devices').getByTestId('devices-online');
    await online.filter({ hasText: /^0 online/ }).waitFor();
    const invitations = page.getByTestId('home-invitations');
    await invitations.getByText('Kim at Accounts', { exact: true }).waitFor();

    // Kim's client connects: one more device online, and Kim waits no more, without a reload.
    const answer = await enroll(server.url, support.body.code, await simulatedMachine(62).facts());
    const agent = await server.connect(
      { server: server.url, deviceId: answer.deviceId, secret: answer.secret },
      simulatedMachine(62),
    );
    await online.filter({ hasText: /^1 online/ }).waitFor();
    // The ring is filled by the share online.
    const ring = page.getByTestId('home-devices').getByRole('progressbar');
    expect(Number(await ring.getAttribute('aria-valuenow'))).to.be.greaterThan(0);
    await invitations.getByText('Kim at Accounts', { exact: true }).waitFor({ state: 'detached' });
    await screenshot(page, 'home');
    await page.setViewportSize(viewports.phone);
    await screenshot(page, 'home');
    await agent.stop();
    await online.filter({ hasText: /^0 online/ }).waitFor();
    expect(await ring.getAttribute('aria-valuenow')).to.equal('0');

    await page.getByRole('group', { name: 'Quick actions' }).getByRole('link', { name: '+ Add a device' }).click();
    await page.getByRole('region', { name: 'Pending Invites' }).waitFor();
    await screenshot(page, 'pending-invites');
  });
});

describe('devices: a device page with system info that makes no sense', function () {
  this.timeout(60_000);
  const env = withChromiumAndDevicesServer();

  it('the home page ring says "1 device" for one device, never "1 devices"', async () => {
    const { server, chromium, pageErrors } = env;
    await server.enrollSimulated(70);
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    // The ring (Web Awesome's progress ring, filled by the share online) names the devices it counts.
    const ring = page.getByTestId('home-devices').getByRole('progressbar');
    await ring.waitFor();
    expect(await ring.getAttribute('aria-label')).to.match(/^1 device: \d online, \d offline$/);
  });

  it('loads without a page error and shows "—" for what is not valid or a placeholder', async () => {
    const { server, chromium, pageErrors } = env;
    const state = await server.enrollSimulated(71);
    // As an earlier version stored it, unchecked.
    const info = {
      collectedAt: 'not a date',
      uptimeSeconds: 93_784,
      cpu: { brand: 'Simulated', speedGHz: 0 },
      system: { serial: '-' },
      memory: { totalBytes: -50, usedBytes: -1, modules: [{ sizeBytes: 5e20, clockSpeed: 0 }] },
      disks: [],
      fileSystems: [{ mount: '/data', sizeBytes: 100, usedBytes: 500 }],
      network: [{ name: 'eth0', speedMbps: -1 }],
    };
    await server.outpost
      .db('devices_devices')
      .where({ id: state.deviceId })
      .update({ system_info: JSON.stringify(info), status_info: JSON.stringify({ uptimeSeconds: 93_784 }) });
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    await page.goto(`${server.url}/devices/d/${state.deviceId}`);
    await page.getByText('Detailed system information').click();
    const details = page.locator('details');
    await details.getByRole('heading', { name: 'File systems' }).waitFor();
    const text = (await page.locator('devices-details .panel').allInnerTexts()).join('\n');
    for (const shown of ['not a date', '500 B', '-50 B', '-1 B', 'TB', 'Invalid', '0 GHz'])
      expect(text, shown).to.not.include(shown);
    expect(text).to.not.match(/Disks\s+None reported\./);
    expect(text.match(/1 d 2 h/g), 'uptime, the same in both places').to.have.length(2);
    expect(await details.locator('dt:has-text("Speed (GHz)") + dd').innerText()).to.equal('—');
    expect(await details.locator('dt:has-text("Serial number") + dd').innerText()).to.equal('—');
    expect(await details.getByRole('cell', { name: '—' }).count()).to.be.greaterThan(0);
    // Shared with every other member: nobody left to pick, so no empty picker and no Share button.
    const team = (await server.admin.request('GET', '/api/v1/team')).body as { items: { userId: string }[] };
    for (const { userId } of team.items.filter((m) => m.userId !== server.owner.id))
      expect(
        (await server.admin.request('POST', `/api/v1/devices/${state.deviceId}/shares`, { body: { userId } })).status,
      ).to.be.oneOf([200, 201, 204]);
    await page.reload();
    const sharing = page.getByRole('region', { name: 'Sharing' });
    await sharing.getByText('No other members to share with.').waitFor();
    expect(await sharing.getByRole('button', { name: 'Share' }).count()).to.equal(0);
    expect(await sharing.getByRole('combobox').count()).to.equal(0);
  });
});
