import { expect } from 'chai';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import type { Locator, Page } from 'playwright-core';
import { screenshot, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { chooseOption, controlValue, tick } from '../helpers/wa.js';

/** The table's "View options" panel, opened. */
async function openOptions(scope: Locator): Promise<Locator> {
  await scope.getByTestId('table-options').click();
  const panel = scope.getByRole('dialog', { name: /^View options/ });
  await panel.waitFor();
  return panel;
}

const headers = (page: Page, table: string) => page.locator(`${table} table thead th`).allTextContents();

describe('table views: column chooser, density and saved filters, kept per user (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });
  const preference = async (key: string) =>
    (await env.server.admin.request('GET', `/api/v1/account/preferences/table.${key}`)).body.value;

  it('devices: a hidden column, compact rows and a saved filter survive a reload; the filter applies and is deleted', async () => {
    const names: string[] = [];
    for (const index of [3, 4]) {
      const state = await env.server.enrollSimulated(index);
      const device = await env.server.admin.request('GET', `/api/v1/devices/${state.deviceId}`);
      names.push(device.body.name);
    }
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors);
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    const list = page.locator('devices-list');
    await list.locator('tr[data-device]').nth(1).waitFor();
    expect(await headers(page, 'devices-list')).to.include('OS');

    const panel = await openOptions(list);
    await tick(panel.getByRole('checkbox', { name: 'OS' }), false);
    expect(await panel.getByRole('checkbox', { name: 'Name' }).isDisabled(), 'the name always shows').to.equal(true);
    await panel.getByRole('radio', { name: 'Compact' }).check();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    // The view arrives with the user's preference, after the rows.
    await list.locator('table.compact').waitFor();
    expect(await headers(page, 'devices-list')).to.not.include('OS');

    // Filter: search for the first device's name, newest sign-in first; save it under a name.
    await list.getByRole('searchbox').fill(names[0]!);
    await list.getByRole('combobox', { name: 'Order' }).click();
    await list.getByRole('option', { name: 'Descending' }).click();
    await list.locator('tr[data-device]').filter({ hasText: names[1]! }).waitFor({ state: 'detached' });
    const again = await openOptions(list);
    await again.getByLabel('Name for the current filters').fill('First device');
    await again.getByRole('button', { name: 'Save filters' }).click();
    await again.getByRole('button', { name: 'First device', exact: true }).waitFor();
    await screenshot(page, 'table-view-options');
    await page.keyboard.press('Escape');

    await page.reload();
    await list.locator('tr[data-device]').nth(1).waitFor();
    expect(await list.getByRole('searchbox').inputValue(), 'a reload starts unfiltered').to.equal('');
    // The view arrives with the user's preference, after the rows.
    await list.locator('table.compact').waitFor();
    expect(await headers(page, 'devices-list')).to.not.include('OS');
    const saved = await openOptions(list);
    await saved.getByRole('button', { name: 'First device', exact: true }).click();
    await saved.waitFor({ state: 'hidden' });
    expect(await list.getByRole('searchbox').inputValue()).to.equal(names[0]);
    expect(
      await list
        .locator('wa-select[label="Order"]')
        .evaluate((select) => (select as unknown as { value: string }).value),
    ).to.equal('desc');
    await list.locator('tr[data-device]').filter({ hasText: names[1]! }).waitFor({ state: 'detached' });
    expect(await list.locator('tr[data-device]').count()).to.equal(1);

    expect(await preference('devices')).to.deep.equal({
      hidden: ['os'],
      density: 'compact',
      saved: [{ name: 'First device', search: names[0], filters: { sort: 'name', order: 'desc' } }],
    });
    const remove = await openOptions(list);
    await remove.getByRole('button', { name: 'Delete the saved filter First device' }).click();
    await remove.getByText('None yet').waitFor();
    expect((await preference('devices')).saved).to.deep.equal([]);
    await page.context().close();
  });

  it('tickets: the column chooser, density and a saved filter by status and search, after a reload', async () => {
    for (const subject of ['Printer jams on floor 2', 'Printer toner empty', 'VPN drops'])
      expect(
        (await env.server.admin.request('POST', '/api/v1/tickets', { body: { subject, priority: 'high' } })).status,
      ).to.equal(201);
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors);
    await page.goto(`${env.server.url}/tickets`);
    const list = page.locator('tickets-list');
    await list.getByRole('link', { name: 'VPN drops' }).waitFor();
    const panel = await openOptions(list);
    await tick(panel.getByRole('checkbox', { name: 'Priority' }), false);
    await panel.getByRole('radio', { name: 'Compact' }).check();
    await page.keyboard.press('Escape');
    expect(await headers(page, 'tickets-list')).to.not.include('Priority');

    await list.getByRole('searchbox').fill('printer');
    await chooseOption(list.locator('.filters'), 'Status', 'Open');
    await list.getByRole('link', { name: 'VPN drops' }).waitFor({ state: 'detached' });
    const save = await openOptions(list);
    await save.getByLabel('Name for the current filters').fill('Open printer tickets');
    await save.getByRole('button', { name: 'Save filters' }).click();
    await save.getByRole('button', { name: 'Open printer tickets', exact: true }).waitFor();
    await page.keyboard.press('Escape');

    await page.reload();
    await list.getByRole('link', { name: 'VPN drops' }).waitFor();
    await list.locator('table.compact').waitFor();
    expect(await headers(page, 'tickets-list')).to.not.include('Priority');
    const saved = await openOptions(list);
    await saved.getByRole('button', { name: 'Open printer tickets', exact: true }).click();
    await list.getByRole('link', { name: 'VPN drops' }).waitFor({ state: 'detached' });
    expect(await list.getByRole('searchbox').inputValue()).to.equal('printer');
    expect(await controlValue(list.locator('.filters'), 'wa-select[name=status]')).to.equal('open');
    expect(await list.getByRole('link', { name: /^Printer/ }).count()).to.equal(2);
    expect((await preference('tickets')).saved).to.deep.equal([
      { name: 'Open printer tickets', search: 'printer', filters: { status: 'open' } },
    ]);
    await page.context().close();
  });

  it('outpost-data-table (the team page): hidden column, density and a saved role filter; on a phone too', async () => {
    await env.server.createUser(`table-viewer-${Date.now()}@example.test`, 'viewer');
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors, 'phone');
    await page.goto(`${env.server.url}/team`);
    const table = page.locator('outpost-data-table[label="Members"]');
    await table.getByTestId('row').nth(1).waitFor();
    const panel = await openOptions(table);
    await tick(panel.getByRole('checkbox', { name: 'Name' }), false);
    await panel.getByRole('radio', { name: 'Compact' }).check();
    await screenshot(page, 'data-table-options');
    await page.keyboard.press('Escape');
    await page.locator('outpost-data-table[label="Members"][density="compact"]').waitFor();
    await table.getByLabel('Filter by Role').selectOption('Viewer');
    expect(await table.getByTestId('row').count()).to.equal(1);
    const save = await openOptions(table);
    await save.getByLabel('Name for the current filters').fill('Viewers');
    await save.getByRole('button', { name: 'Save filters' }).click();
    await save.getByRole('button', { name: 'Viewers', exact: true }).waitFor();
    await page.keyboard.press('Escape');

    await page.reload();
    await table.getByTestId('row').nth(1).waitFor();
    await page.locator('outpost-data-table[label="Members"][density="compact"]').waitFor();
    expect(await table.locator('td[data-label="Name"]').count(), 'the hidden column stays hidden').to.equal(0);
    const saved = await openOptions(table);
    await saved.getByRole('button', { name: 'Viewers', exact: true }).click();
    await table.getByTestId('row').nth(1).waitFor({ state: 'detached' });
    expect(await table.getByTestId('row').count()).to.equal(1);
    expect(await table.getByLabel('Filter by Role').inputValue()).to.equal('Viewer');
    await screenshot(page, 'data-table-saved-filter');
    await page.context().close();
  });
});
