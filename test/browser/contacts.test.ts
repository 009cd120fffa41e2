import { expect } from 'chai';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { screenshot, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';

describe('contacts in the browser (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin] });

  it('adds a contact, links a device from the contact and another contact from the device', async () => {
    const { server, chromium, pageErrors } = env;
    const device = await server.enrollSimulated(71);
    await server.admin.request('PATCH', `/api/v1/devices/${device.deviceId}`, { body: { name: 'reception-laptop' } });
    await server.admin.request('POST', '/api/v1/contacts', {
      body: { name: 'Pat Partner', email: 'pat@acme.example' },
    });
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('button', { name: 'Add Contact' }).click();
    const form = page.getByRole('region', { name: 'New contact' });
    await form.getByLabel('Name').fill('Robin Reception');
    await form.getByLabel('E-mail').fill('robin@acme.example');
    await form.getByLabel('Company').fill('Acme Dental');
    await form.getByRole('button', { name: 'Save Contact' }).click();
    await page.getByText('Robin Reception is added.').waitFor();

    await page.getByLabel('Search contacts').fill('dental');
    await page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(1).getByText('Robin Reception').waitFor();
    await page.getByRole('link', { name: 'Robin Reception' }).click();
    await page.getByRole('heading', { name: /Robin Reception/ }).waitFor();
    await page.getByLabel('Find a device to link').fill('reception');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByText('reception-laptop is linked.').waitFor();
    await screenshot(page, 'contact');

    await page.getByRole('link', { name: 'reception-laptop' }).click();
    const panel = page.getByRole('region', { name: 'Contacts' });
    await panel.getByRole('link', { name: 'Robin Reception' }).waitFor();
    await panel.getByLabel('Link Contact').fill('pat');
    await panel.getByRole('button', { name: 'Link', exact: true }).click();
    await panel.getByRole('link', { name: 'Pat Partner' }).waitFor();
    await screenshot(page, 'device-contacts');
    const linked = await server.admin.request('GET', `/api/v1/contacts/by-device/${device.deviceId}`);
    expect(linked.body.items.map((c: { name: string }) => c.name)).to.deep.equal(['Pat Partner', 'Robin Reception']);
  });

  it('imports a CSV file with a report of the rejected lines, and exports the list', async () => {
    const { server, chromium, pageErrors } = env;
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors, 'phone');
    await page.goto(`${server.url}/contacts`);
    const csv =
      'name,email,phone\nAnna Import,anna@import.example,+44 20 7946 0000\n,nameless@import.example,\nBen Import,ben@import.example,call me\n';
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-summary').filter({ hasText: '1 imported, 2 rejected.' }).waitFor();
    const rejected = page.getByRole('table', { name: 'Rejected lines' });
    await rejected.getByText('the name is empty').waitFor();
    await rejected.getByText('"call me" is not a phone number').waitFor();
    await screenshot(page, 'contacts-import');
    await page.getByRole('cell', { name: 'Anna Import' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).to.equal('contacts.csv');
    const exported = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(exported, 'the phone number guarded against formulas').to.include(
      "Anna Import,anna@import.example,'+44 20 7946 0000",
    );
  });
});
