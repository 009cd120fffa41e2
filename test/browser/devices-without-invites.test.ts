import { expect } from 'chai';
import { enroll, simulatedMachine } from '@outpost/agent';
import { screenshot, settled, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { fixedCode, fixedCodesPlugin } from '../fixtures/plugins/fixed-codes.js';

// The Devices page offers invites only through what the invites plugin adds at `devices.list.actions`
// (and the home page's "+ Add a device" through `core.home.actions`): with that plugin disabled, devices
// enroll through another source and every devices page works, with no invite control and no call to /invites.
describe('devices with the invites plugin disabled (chromium)', function () {
  this.timeout(90_000);
  const env = withChromiumAndDevicesServer({ invites: { enabled: false }, plugins: [fixedCodesPlugin] });

  it('lists devices, opens a device and the groups, with no invite control and no request to /invites, on a desktop and a phone', async () => {
    const { server, chromium, pageErrors } = env;
    const tenantId: string = (await server.outpost.db('core_tenants').whereNull('parent_id').first('id')).id;
    const { deviceId } = await enroll(server.url, fixedCode(tenantId), await simulatedMachine(81).facts());
    await server.admin.request('PATCH', `/api/v1/devices/${deviceId}`, { body: { name: 'no-invite-pc' } });
    expect((await server.admin.request('GET', '/api/v1/invites')).status, 'invites is off').to.equal(404);

    const admin = await server.createUser(`no-invites-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, admin, pageErrors);
    const invitesRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/v1/invites')) invitesRequests.push(request.url());
    });
    const noInviteControls = async (where: string) => {
      for (const name of ['Create Invite', 'Pending Invites', 'Create with these options'])
        expect(await page.getByRole('button', { name }).count(), `${where}: ${name}`).to.equal(0);
      expect(await page.getByRole('link', { name: '+ Add a device' }).count(), `${where}: + Add a device`).to.equal(0);
    };

    // Home: the devices card, and no "+ Add a device" (the invites plugin adds it).
    await page.getByTestId('home-devices').getByTestId('devices-online').waitFor();
    await settled(page);
    await noInviteControls('home');

    // The list, in lines and tiles.
    await page.goto(`${server.url}/devices`);
    const row = page.locator('tr[data-device]').filter({ hasText: 'no-invite-pc' });
    await row.waitFor();
    await page.getByRole('radiogroup', { name: 'View' }).waitFor();
    await settled(page);
    await noInviteControls('devices');
    await page.getByTestId('tiles-view').click();
    await page.locator('li.tile').filter({ hasText: 'no-invite-pc' }).waitFor();
    await page.getByRole('radio', { name: 'Lines' }).click();

    // /devices/invites asks for Pending Invites, which nobody offers: the list all the same.
    await page.goto(`${server.url}/devices/invites`);
    await row.waitFor();
    await settled(page);
    await noInviteControls('/devices/invites');

    // A device's page.
    await row.getByRole('link', { name: 'no-invite-pc' }).click();
    await page.getByRole('heading', { name: 'General' }).waitFor();
    await page.getByTestId('os').waitFor();
    await settled(page);

    // The groups: a new one, and the device moved into it from its row.
    await page.goto(`${server.url}/devices/groups`);
    await page.getByLabel('Group name').fill('Lobby');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByText('No devices in this group yet.').waitFor();
    await page.goto(`${server.url}/devices`);
    await row.getByRole('button', { name: 'Add to group: no-invite-pc' }).click();
    await row.getByRole('combobox', { name: 'Group of no-invite-pc' }).click();
    await row.getByRole('option', { name: 'Lobby' }).click();
    await page.getByText('no-invite-pc is now in Lobby.').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await screenshot(page, 'devices-without-invites');
    await page.goto(`${server.url}/devices/d/${deviceId}`);
    await page.getByRole('heading', { name: 'General' }).waitFor();
    await settled(page);
    await screenshot(page, 'device-without-invites');
    expect(invitesRequests, 'requests to the invites API').to.deep.equal([]);
  });
});
