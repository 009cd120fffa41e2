import { expect } from 'chai';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { screenshot, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { portalLinkIn } from '../helpers/mail.js';

describe('tickets in the browser (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });

  it('a technician adds a contact, links a device, opens a ticket from it and replies; the customer answers by the mailed link, live in the dashboard', async () => {
    const { server, chromium, pageErrors } = env;
    const device = await server.enrollSimulated(91);
    await server.admin.request('PATCH', `/api/v1/devices/${device.deviceId}`, { body: { name: 'front-desk-pc' } });
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);

    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('button', { name: 'Add Contact' }).click();
    await page.getByLabel('Name').fill('Robin Reception');
    await page.getByLabel('E-mail').fill('robin@acme.example');
    await page.getByRole('button', { name: 'Save Contact' }).click();
    await page.getByRole('link', { name: 'Robin Reception' }).click();
    await page.getByLabel('Find a device to link').fill('front');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('link', { name: 'front-desk-pc' }).click();

    const panel = page.getByRole('region', { name: 'Tickets' });
    await panel.getByText('No tickets yet.').waitFor();
    await panel.getByRole('button', { name: 'Create Ticket' }).click();
    await panel.getByLabel('Subject').fill('Printer prints blank pages');
    await panel.getByLabel('Description').fill('Since this morning.');
    await panel.getByLabel('Priority').selectOption('high');
    await panel.getByRole('button', { name: 'Create' }).click();
    const heading = page.getByRole('heading', { name: /^#\d+ Printer prints blank pages$/ });
    await heading.waitFor();
    const number = (await heading.textContent())!.match(/#(\d+)/)![1];
    const details = page.getByRole('region', { name: 'Ticket' });
    await details.getByRole('link', { name: 'Robin Reception' }).waitFor();
    await details.getByRole('link', { name: 'front-desk-pc' }).waitFor();

    await page.getByLabel('Your message').fill('Please check the toner; we are looking into it.');
    await page.getByRole('button', { name: 'Reply to customer' }).click();
    await page.getByText('Reply sent to the customer.').waitFor();
    await page.getByLabel('Your message').fill('Toner was replaced last week.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.locator('article[data-kind=note]').waitFor();
    await details.getByLabel('Status').selectOption('waiting');
    await page.getByRole('region', { name: 'History' }).getByText(/changed status from Open to Waiting/).waitFor();

    const mail = await server.mail.waitFor((m) => m.subject === `Re: [#${number}] Printer prints blank pages`);
    expect((mail.to as { text: string }).text).to.equal('robin@acme.example');
    const customer = await (await chromium.newContext()).newPage();
    customer.on('pageerror', (error) => pageErrors.push(error.message));
    await customer.goto(portalLinkIn(mail.text));
    await customer.getByText('Please check the toner').waitFor();
    expect(await customer.getByText('Toner was replaced').count(), 'internal notes stay internal').to.equal(0);
    await customer.getByLabel('Your reply').fill('New toner fixed it, thank you!');
    await customer.getByRole('button', { name: 'Send reply' }).click();
    await customer.getByText('New toner fixed it, thank you!').waitFor();
    await screenshot(customer, 'ticket-portal');

    // The technician's page shows it without a reload, with a notification, and the ticket is open again.
    await page.getByText(`Robin Reception replied to #${number}`).waitFor();
    await page.locator('article[data-kind=customer]').getByText('New toner fixed it, thank you!').waitFor();
    expect(await details.getByLabel('Status').inputValue()).to.equal('open');
    await screenshot(page, 'ticket');

    await page.getByRole('link', { name: '← Tickets' }).click();
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('table', { name: 'Tickets' }).getByRole('link', { name: 'Printer prints blank pages' }).waitFor();
    await screenshot(page, 'tickets');
  });
});
