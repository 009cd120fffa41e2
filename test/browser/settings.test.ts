import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { expectFitsWidth, screenshot, settled, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { tick } from '../helpers/wa.js';
import { notesPlugin } from '../fixtures/plugins/notes.js';

/** Every answer of 400 or more the page got (a tab that asks for what the user may not see). */
function refusedRequests(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') refused.push(message.text());
  });
  return refused;
}

const tabsOf = (page: Page) => page.getByRole('navigation', { name: 'Settings' }).getByRole('link');

describe('settings in the browser (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin, notesPlugin] });

  it('shows an Owner every tab, the core’s then the plugins’, each a link that opens its content', async () => {
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors);
    const refused = refusedRequests(page);
    // The sidebar keeps the daily work; Settings is its last entry and in the account menu.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const entries = await nav.locator(':scope > a, :scope > div > a').allTextContents();
    for (const moved of ['Team', 'Roles', 'Tenants', 'API keys', 'Audit log', 'Invite page', 'Support widget'])
      expect(entries, moved).to.not.include(moved);
    expect(entries.at(-1)).to.equal('Settings');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.waitForURL('**/settings/account');
    await page.getByRole('heading', { name: 'Account settings' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).to.equal('true');

    expect(await tabsOf(page).allTextContents()).to.deep.equal([
      'Account & security',
      'Notifications',
      'Team',
      'Roles',
      'API keys',
      'Audit log',
      'Tenants',
      'Billing',
      'Invite page',
      'Widgets',
      'Notes',
    ]);
    const contents: Array<[string, string, string]> = [
      ['Notifications', 'notifications', 'Notifications'],
      ['Team', 'team', 'Team'],
      ['Roles', 'roles', 'Roles'],
      ['API keys', 'api-keys', 'API keys'],
      ['Audit log', 'audit', 'Audit log'],
      ['Tenants', 'tenants', 'Tenants'],
      ['Billing', 'billing', 'Billing'],
      ['Invite page', 'invite-page', 'Invite page'],
      ['Widgets', 'widgets', 'Widgets'],
      ['Notes', 'notes', 'Notes'],
      ['Account & security', 'account', 'Account settings'],
    ];
    for (const [tab, id, heading] of contents) {
      await tabsOf(page).getByText(tab, { exact: true }).click();
      await page.waitForURL(`**/settings/${id}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      expect(await tabsOf(page).filter({ hasText: tab }).first().getAttribute('aria-current'), tab).to.equal('page');
      expect(await page.title()).to.equal(`${tab} · Settings · Outpost`);
    }
    // A plugin's tab: its module's elements, given the account; a shared tab shows each plugin's part.
    await page.goto(`${env.server.url}/settings/notes`);
    await page.getByRole('heading', { name: 'Note settings' }).waitFor();
    expect(await page.getByTestId('notes-settings-account').textContent()).to.equal(env.server.owner.email);
    await page.goto(`${env.server.url}/settings/widgets`);
    await page.getByRole('heading', { name: 'Code-entry widget' }).waitFor();
    await page.getByRole('heading', { name: 'Support widget' }).waitFor();
    await page.getByTestId('support-widget-snippet').waitFor();
    await screenshot(page, 'settings-widgets');
    // On a desktop every tab is in view (the row wraps rather than hiding tabs past its end).
    for (const link of await tabsOf(page).all()) expect(await link.isVisible()).to.equal(true);
    const right = await tabsOf(page).evaluateAll((links) =>
      Math.max(
        ...links.map(
          (link) => (link as unknown as { getBoundingClientRect(): { right: number } }).getBoundingClientRect().right,
        ),
      ),
    );
    expect(right).to.be.at.most(1280);
    await page.goto(`${env.server.url}/settings/billing`);
    await page.getByTestId('billing-usage').getByText('Plan: unlimited').waitFor();
    await screenshot(page, 'settings-billing');

    // Keyboard only: the tabs are links in the tab order; Enter opens one.
    await tabsOf(page).filter({ hasText: 'Roles' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/settings/api-keys');
    await page.getByRole('heading', { name: 'API keys', exact: true }).waitFor();
    // Back returns to the tab before.
    await page.goBack();
    await page.waitForURL('**/settings/billing');
    expect(refused).to.deep.equal([]);
    await page.close();
  });

  it('sends the old addresses, bookmarks included, to their tab', async () => {
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors);
    for (const [old, tab] of [
      ['/account', 'account'],
      ['/team', 'team'],
      ['/roles', 'roles'],
      ['/api-keys', 'api-keys'],
      ['/audit', 'audit'],
      ['/tenants', 'tenants'],
      ['/billing', 'billing'],
      ['/invite-page', 'invite-page'],
      ['/support-widget', 'widgets'],
      ['/notes-settings', 'notes'],
      ['/settings', 'account'],
    ]) {
      await page.goto(`${env.server.url}${old}`);
      await page.waitForURL(`**/settings/${tab}`);
      await page.locator('main h1').first().waitFor();
      expect(await page.getByTestId('not-found').count(), old).to.equal(0);
    }
    // A plain link to an old address, outside the app's own links.
    await page.goto(`${env.server.url}/`);
    // A string: the tests compile without DOM types.
    await page.evaluate(
      "document.body.append(Object.assign(document.createElement('a'), { href: '/team', id: 'old-link', textContent: 'old link' }))",
    );
    await page.locator('#old-link').click();
    await page.waitForURL('**/settings/team');
    await page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    await page.close();
  });

  for (const role of ['member', 'viewer'] as const) {
    it(`shows a ${role} only their tabs; another tab's address is not found, without a refused request`, async () => {
      const user = await env.server.createUser(`settings-${role}@example.test`, role);
      const page = await signedInPage(env.chromium, env.server.url, user, env.pageErrors);
      const refused = refusedRequests(page);
      await page.goto(`${env.server.url}/settings`);
      await page.getByRole('heading', { name: 'Account settings' }).waitFor();
      expect(await tabsOf(page).allTextContents()).to.deep.equal(['Account & security', 'Notifications', 'API keys']);
      for (const tab of ['notifications', 'api-keys']) {
        await page.goto(`${env.server.url}/settings/${tab}`);
        await settled(page);
        expect(await page.getByTestId('not-found').count(), tab).to.equal(0);
      }
      for (const path of [
        '/settings/team',
        '/settings/roles',
        '/settings/audit',
        '/settings/tenants',
        '/settings/billing',
        '/settings/invite-page',
        '/settings/widgets',
        '/settings/notes',
        '/settings/nothing-here',
        '/team',
      ]) {
        await page.goto(`${env.server.url}${path}`);
        await page.getByRole('heading', { name: 'Page not found' }).waitFor();
        await settled(page);
        expect(await tabsOf(page).count(), path).to.equal(0);
      }
      expect(refused).to.deep.equal([]);
      await page.close();
    });
  }

  it('offers a user in no tenant their own tabs, and keeps no notification choice without a tenant', async () => {
    const user = await env.server.createUser('settings-nowhere@example.test', 'member', undefined, null);
    const page = await signedInPage(env.chromium, env.server.url, user, env.pageErrors);
    const refused = refusedRequests(page);
    await page.goto(`${env.server.url}/settings/notifications`);
    await page.getByText('Notification choices are kept per tenant: choose a tenant first.').waitFor();
    expect(await tabsOf(page).allTextContents()).to.deep.equal(['Account & security', 'Notifications']);
    expect(await page.locator('fieldset').count()).to.equal(0);
    await settled(page);
    expect(refused).to.deep.equal([]);
    await page.close();
  });

  it('keeps each topic’s notification choice on the account and honours it', async () => {
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors);
    await page.goto(`${env.server.url}/settings/notifications`);
    const topic = (name: string) => page.locator(`fieldset[data-topic="${name}"]`);
    await topic('tickets.ticket.created').waitFor();
    expect(await page.locator('fieldset legend').allTextContents()).to.include.members([
      'A device comes online',
      'A new ticket',
      'A customer replies to a ticket',
      'A client joins a support session',
    ]);
    // The device chime is on by default; a new ticket has none.
    expect(await topic('devices.device.online').getByRole('checkbox', { name: 'Play a sound' }).isChecked()).to.equal(
      true,
    );
    expect(await topic('tickets.ticket.created').getByRole('checkbox', { name: 'Play a sound' }).isChecked()).to.equal(
      false,
    );
    await tick(topic('tickets.ticket.created').getByRole('checkbox', { name: 'Show', exact: true }), false);
    expect(await topic('tickets.ticket.created').getByRole('checkbox', { name: 'Play a sound' }).isDisabled()).to.equal(
      true,
    );
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your notification settings are saved.').waitFor();
    await screenshot(page, 'settings-notifications');

    // The choice is the account's: it is there after a reload.
    await page.reload();
    await topic('tickets.ticket.created').waitFor();
    expect(
      await topic('tickets.ticket.created').getByRole('checkbox', { name: 'Show', exact: true }).isChecked(),
    ).to.equal(false);

    // Off: a new ticket reaches the live list, and raises no toast.
    const create = (subject: string) => env.server.admin.request('POST', '/api/v1/tickets', { body: { subject } });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets', exact: true }).click();
    await page.locator('main h1').first().waitFor();
    expect((await create('Quiet ticket')).status).to.equal(201);
    await page.getByRole('link', { name: /Quiet ticket/ }).waitFor();
    expect(await page.getByTestId('toast').filter({ hasText: 'Quiet ticket' }).count()).to.equal(0);

    // On again: it shows.
    await page.goto(`${env.server.url}/settings/notifications`);
    await tick(topic('tickets.ticket.created').getByRole('checkbox', { name: 'Show', exact: true }));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your notification settings are saved.').waitFor();
    expect((await create('Loud ticket')).status).to.equal(201);
    await page.getByTestId('toast').filter({ hasText: 'Loud ticket' }).waitFor();
    await page.close();
  });

  it('fits a phone: the tabs scroll sideways, the page does not', async () => {
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors, 'phone');
    for (const tab of ['account', 'notifications', 'team', 'tenants', 'billing', 'invite-page', 'widgets', 'notes']) {
      await page.goto(`${env.server.url}/settings/${tab}`);
      await settled(page);
      await expectFitsWidth(page, `/settings/${tab}`);
    }
    await screenshot(page, 'settings-notes');
    // The open tab is scrolled into view in the row.
    const current = tabsOf(page).filter({ hasText: 'Notes' });
    const box = (await current.boundingBox())!;
    expect(box.x + box.width).to.be.at.most(390);
    // The row scrolls: it is wider inside than on the screen.
    const row = page.getByRole('navigation', { name: 'Settings' });
    expect(await row.evaluate((el) => el.scrollWidth > el.clientWidth)).to.equal(true);
    await page.close();
  });
});
