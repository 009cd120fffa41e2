import { expect } from 'chai';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { openSettingsTab, screenshot, signedInPage, viewports } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { portalLinkIn } from '../helpers/mail.js';
import { startWebsite } from '../helpers/website.js';
import { chooseOption, controlValue, pickColor } from '../helpers/wa.js';

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
    await chooseOption(panel, 'Priority', 'High');
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
    await chooseOption(details, 'Status', 'Waiting');
    await page
      .getByRole('region', { name: 'History' })
      .getByText(/changed status from Open to Waiting/)
      .waitFor();

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
    expect(await controlValue(details, 'wa-select[name=status]')).to.equal('open');
    await screenshot(page, 'ticket');

    await page.getByRole('link', { name: '← Tickets' }).click();
    await chooseOption(page, 'Priority', 'High');
    await page
      .getByRole('table', { name: 'Tickets' })
      .getByRole('link', { name: 'Printer prints blank pages' })
      .waitFor();
    await screenshot(page, 'tickets');
    await page.setViewportSize(viewports.phone);
    await screenshot(page, 'tickets');
    await page.getByRole('link', { name: 'Printer prints blank pages' }).click();
    await heading.waitFor();
    await screenshot(page, 'ticket');
  });

  it('the support widget on a website of another origin opens a ticket that appears in the dashboard live', async () => {
    const { server, chromium, pageErrors } = env;
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    await openSettingsTab(page, 'Widgets');
    const website = await startWebsite(server.url);
    try {
      // The Widgets tab also holds the invites plugin's code-entry widget: this is the support widget's part.
      const settings = page.locator('tickets-support-widget');
      await settings.getByLabel('Company name').fill('Acme IT Services');
      await pickColor(settings, 'Brand color', '#0f766e');
      await chooseOption(settings, 'Position', 'Bottom left');
      await settings.getByLabel('Greeting').fill('Stuck? Tell us here.');
      await settings.getByLabel(/Allowed websites/).fill(website.origin);
      await settings.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('The support widget is updated.').waitFor();
      website.snippet = (await page.getByTestId('support-widget-snippet').textContent())!;
      await screenshot(page, 'support-widget-settings');
      await page.getByRole('link', { name: 'Tickets', exact: true }).click();

      const visitor = await (await chromium.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      visitor.on('pageerror', (error) => pageErrors.push(error.message));
      await visitor.goto(website.origin);
      await visitor.getByRole('button', { name: 'Support' }).click();
      await visitor.getByText('Stuck? Tell us here.').waitFor();
      await visitor.getByLabel('Your e-mail').fill('sam@customer.example');
      await visitor.getByLabel('Subject').fill('Cannot print from the laptop');
      await visitor.getByLabel('What do you need?').fill('It says the printer is offline.');
      await visitor.getByLabel('Priority').selectOption('high');
      await visitor.getByRole('button', { name: 'Send' }).click();
      await visitor.getByText(/Thank you! Your request #\d+ is with Acme IT Services\./).waitFor();
      await screenshot(visitor, 'support-widget-on-website');
      expect(await visitor.context().cookies(), 'no cookies, on the website or on Outpost').to.deep.equal([]);

      await page.getByText(/New ticket #\d+/).waitFor();
      const row = page
        .getByRole('table', { name: 'Tickets' })
        .getByRole('row')
        .filter({ hasText: 'Cannot print from the laptop' });
      await row.getByText('Widget').waitFor();
      await row.getByText('sam@customer.example').waitFor();
    } finally {
      await website.close();
    }
  });

  it('the home page shows the open tickets by priority, live, and its quick action opens a new ticket', async () => {
    const { server, chromium, pageErrors } = env;
    const open = (subject: string) =>
      server.admin.request('POST', '/api/v1/tickets', { body: { subject, priority: 'urgent' } });
    await open('Server room is hot');
    const technician = await server.createUser(`home-tickets-${Date.now()}@example.test`, 'admin');
    const page = await signedInPage(chromium, server.url, technician, pageErrors);
    const card = page.getByTestId('home-tickets');
    const urgent = card.locator('li[data-priority=urgent] .count');
    const before = Number(await urgent.textContent());
    expect(before).to.equal((await server.admin.request('GET', '/api/v1/tickets/counts')).body.byPriority.urgent);
    await open('Backup failed tonight');
    await urgent.filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    await card.getByRole('link', { name: /Backup failed tonight/ }).waitFor();
    await page.setViewportSize(viewports.phone);
    await screenshot(page, 'home-tickets');
    await page.getByRole('group', { name: 'Quick actions' }).getByRole('link', { name: '+ Create Ticket' }).click();
    await page.getByRole('region', { name: 'New ticket' }).getByLabel('Subject').waitFor();
    expect(new URL(page.url()).pathname).to.equal('/tickets/new');
  });
});
