import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';

/** Fails when any of these buttons or links is visible, or any of these (shown) fields can be changed. */
async function expectNoChangeControls(
  page: Page,
  where: string,
  controls: { buttons?: string[]; links?: string[]; fields?: string[] },
): Promise<void> {
  for (const name of controls.buttons ?? [])
    expect(await page.getByRole('button', { name, exact: true }).count(), `${where}: button ${name}`).to.equal(0);
  for (const name of controls.links ?? [])
    expect(await page.getByRole('link', { name, exact: true }).count(), `${where}: link ${name}`).to.equal(0);
  for (const name of controls.fields ?? []) {
    // A wa-select's closed option list carries its label too: it is no field.
    const fields = await page.getByLabel(name).and(page.locator(':not([role=listbox])')).all();
    expect(fields.length, `${where}: field ${name} is shown`).to.be.above(0);
    for (const one of fields) expect(await one.isEnabled(), `${where}: field ${name}`).to.equal(false);
  }
}

describe('a Viewer in the browser (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });

  it('a Viewer sees devices, remote support, deployments, contacts, tickets, team and roles with no control to change them, and no error', async () => {
    const { server, chromium, pageErrors } = env;
    const admin = server.admin;
    const device = await server.enrollSimulated(71);
    await admin.request('PATCH', `/api/v1/devices/${device.deviceId}`, { body: { name: 'lobby-pc' } });
    await server.invite();
    await admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Casey Client' } });
    await admin.request('POST', '/api/v1/invites/deployments', { body: { name: 'Floor 3 rollout', expectedCount: 5 } });
    const contact = await admin.request('POST', '/api/v1/contacts', { body: { name: 'Robin Reception' } });
    expect(contact.status).to.equal(201);
    const ticket = await admin.request('POST', '/api/v1/tickets', { body: { subject: 'Printer jams' } });
    expect(ticket.status).to.equal(201);
    const viewer = await server.createUser(`viewer-${Date.now()}@example.test`, 'viewer');
    const page = await signedInPage(chromium, server.url, viewer, pageErrors);
    const open = (path: string) => page.goto(new URL(path, server.url).href);
    // A page asks only for what the Viewer may read: no request of the web app is refused.
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 403) refused.push(`${response.request().method()} ${response.url()}`);
    });

    await page.getByRole('heading', { name: 'Devices' }).first().waitFor();
    await expectNoChangeControls(page, 'home', {
      links: ['+ Add a device', '+ Invite to remote support', '+ Add Contact', '+ Create Ticket', 'Invite a client'],
    });

    await open('/devices');
    await page.getByRole('link', { name: 'lobby-pc' }).waitFor();
    await expectNoChangeControls(page, 'devices', { buttons: ['Create Invite', 'Add tag', 'Delete'] });
    expect(await page.getByRole('checkbox', { name: 'Select lobby-pc' }).count(), 'devices: select').to.equal(0);
    await page.getByRole('button', { name: 'Pending Invites' }).click();
    await page.getByRole('table', { name: 'Pending Invites' }).waitFor();
    await expectNoChangeControls(page, 'pending invites', { buttons: ['Delete', 'Create with these options'] });

    await open('/devices/trash');
    await page.getByText('Trash is empty.').waitFor();
    await expectNoChangeControls(page, 'trash', { buttons: ['Empty Trash'] });

    await open(`/devices/${device.deviceId}`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText('Changing these needs the device.manage permission.').waitFor();
    await expectNoChangeControls(page, 'device', {
      buttons: ['Save', 'Move to Trash', 'Run', 'Share', 'Stop sharing'],
      fields: ['Name', 'Notes', 'Permalink'],
    });
    expect(await page.getByRole('heading', { name: 'Run an operation' }).count(), 'device: operations').to.equal(0);

    await open('/support');
    await page.getByText('Casey Client').waitFor();
    await page.getByText('Inviting a client needs the device.connect permission.').waitFor();
    await expectNoChangeControls(page, 'remote support', { buttons: ['Create invitation', 'Withdraw'] });

    await open('/deployments');
    await page.getByRole('heading', { name: /Floor 3 rollout/ }).waitFor();
    await expectNoChangeControls(page, 'deployments', {
      buttons: ['New deployment', 'Pause', 'Resume', 'Mark completed', 'Delete'],
    });

    await open('/contacts');
    await page.getByRole('link', { name: 'Robin Reception' }).click();
    await page.getByRole('heading', { name: 'Robin Reception' }).waitFor();
    await expectNoChangeControls(page, 'contact', {
      buttons: ['Save', 'Delete', 'Unlink', 'Create Ticket'],
      fields: ['Name', 'E-mail', 'Notes'],
    });
    await open('/contacts');
    await page.getByRole('link', { name: 'Robin Reception' }).waitFor();
    await expectNoChangeControls(page, 'contacts', { buttons: ['Add Contact'] });
    expect(await page.getByText('Import CSV').count(), 'contacts: import').to.equal(0);

    await open('/tickets');
    await page.getByRole('link', { name: /Printer jams/ }).click();
    await page.getByRole('heading', { name: /Printer jams/ }).waitFor();
    await expectNoChangeControls(page, 'ticket', {
      buttons: ['Reply to customer', 'Add internal note', 'Copy customer link'],
      fields: ['Status', 'Priority', 'Assignee'],
    });
    await open('/tickets');
    await page.getByRole('link', { name: /Printer jams/ }).waitFor();
    await expectNoChangeControls(page, 'tickets', { buttons: ['Create Ticket'] });

    // Settings: the Viewer's own tabs only; the team's, roles' and tenants' addresses are not found.
    await open('/settings');
    await page.getByRole('heading', { name: 'Account settings' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents()).to.deep.equal([
      'Account & security',
      'Notifications',
      'API keys',
    ]);
    for (const path of ['/settings/team', '/settings/roles', '/settings/tenants', '/team', '/roles', '/tenants']) {
      await open(path);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await expectNoChangeControls(page, path, {
        buttons: ['Invite', 'Remove', 'Revoke', 'Create role', 'Create tenant'],
      });
    }
    expect(refused).to.deep.equal([]);
    await page.close();
  });
});
