import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { remotePlugin } from '@outpost/plugin-remote';
import { expectFitsWidth, screenshot, settled, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { enrollNetworkDevice } from '../helpers/remote.js';

describe('remote: Quick Connect on the Devices page (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, remotePlugin] });

  const enrolled = (index: number, name: string, networks: string[], macs: string[], online: boolean) =>
    enrollNetworkDevice(env.server, { index, name, networks, macs, online });

  it('Quick Connect takes a 9-digit ID and offers Web, Terminal and Files; another tenant’s ID is unknown', async () => {
    const { server, chromium, pageErrors } = env;
    const mine = await enrolled(210, 'quick-box', [], ['02:00:00:00:02:10'], true);
    const other = await server.admin.request('POST', '/api/v1/tenants', {
      body: { name: `Quick UI other ${Date.now()}`, adminEmail: `quick-ui-other-${Date.now()}@example.test` },
    });
    const outsider = await server.createUser(
      `quick-ui-outsider-${Date.now()}@example.test`,
      'admin',
      undefined,
      other.body.id,
    );
    const theirs = await server.enrollSimulated(211, await server.signedIn(outsider));
    const theirShortId = (await server.outpost.db('devices_devices').where({ id: theirs.deviceId }).first('short_id'))
      .short_id as string;

    const admin = await server.createUser(`quick-ui-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, admin, pageErrors);
    await page.goto(`${server.url}/devices`);
    const field = page.getByRole('textbox', { name: 'Quick Connect' });
    await field.fill(`${mine.shortId.slice(0, 3)} ${mine.shortId.slice(3, 6)} ${mine.shortId.slice(6)}`);
    await page.getByTestId('quick-connect-find').click();
    const found = page.getByTestId('quick-connect-device');
    await found.getByText('quick-box').waitFor();
    expect(await found.getByTestId('quick-connect-web').getAttribute('href')).to.equal(`/remote/web/${mine.deviceId}`);
    expect(await found.getByTestId('quick-connect-terminal').getAttribute('href')).to.equal(
      `/remote/terminal/${mine.deviceId}`,
    );
    expect(await found.getByTestId('quick-connect-files').getAttribute('href')).to.equal(
      `/remote/files/${mine.deviceId}`,
    );

    await field.fill(theirShortId);
    await page.getByTestId('quick-connect-find').click();
    await page.getByTestId('quick-connect-problem').getByText('No device of yours has the ID').waitFor();
    expect(await found.count()).to.equal(0);

    await field.fill(mine.shortId);
    await page.getByTestId('quick-connect-find').click();
    await found.waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await expectFitsWidth(page);
    await screenshot(page, 'remote-quick-connect-390');
    const listed = (await server.admin.request('GET', '/api/v1/devices?limit=500')).body.items.map(
      (d: { id: string }) => d.id,
    );
    expect(listed).to.not.include(theirs.deviceId);
  });

  it('a device page shows its remote session count and log', async () => {
    const { server, chromium, pageErrors } = env;
    const box = await enrolled(220, 'logged-box', [], ['02:00:00:00:02:20'], false);
    await server.outpost.db('remote_sessions').insert({
      id: randomUUID(),
      tenant_id: server.rootTenantId,
      device_id: box.deviceId,
      user_id: server.owner.id,
      kind: 'terminal',
      started_at: '2026-11-20T09:00:00.000Z',
      ended_at: '2026-11-20T09:05:00.000Z',
      end_reason: 'terminated',
      ended_by_user_id: server.owner.id,
    });
    const admin = await server.createUser(`session-log-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, admin, pageErrors);
    await page.goto(`${server.url}/devices/d/${box.deviceId}`);
    const panel = page.getByTestId('remote-device-sessions');
    await panel.getByTestId('remote-session-count').getByText('1 remote session').waitFor();
    await panel.getByRole('cell', { name: 'Terminal' }).waitFor();
    await panel.getByRole('cell', { name: '5 min' }).waitFor();
    await panel.getByRole('cell', { name: /terminated/ }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await screenshot(page, 'remote-device-sessions');
  });

  it('a contact’s history lists the remote sessions on its devices', async () => {
    const { server, chromium, pageErrors } = env;
    const box = await enrolled(230, 'contact-box', [], ['02:00:00:00:02:30'], false);
    await server.outpost.db('remote_sessions').insert({
      id: randomUUID(),
      tenant_id: server.rootTenantId,
      device_id: box.deviceId,
      user_id: server.owner.id,
      kind: 'files',
      started_at: '2026-11-21T09:00:00.000Z',
      ended_at: '2026-11-21T09:00:40.000Z',
      end_reason: 'browser closed',
    });
    const contact = await server.admin.request('POST', '/api/v1/contacts', { body: { name: 'Remote History' } });
    expect(contact.status).to.equal(201);
    await server.admin.request('PUT', `/api/v1/contacts/${contact.body.id}/devices/${box.deviceId}`);
    const admin = await server.createUser(`contact-log-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, admin, pageErrors);
    await page.goto(`${server.url}/contacts/${contact.body.id}`);
    const panel = page.getByTestId('remote-contact-sessions');
    await panel.getByRole('cell', { name: 'contact-box' }).waitFor();
    await panel.getByRole('cell', { name: 'Files' }).waitFor();
    await panel.getByRole('cell', { name: '40 s' }).waitFor();
  });
});
