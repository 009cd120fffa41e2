import { expect } from 'chai';
import { until } from '@outpost/core/testing';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import type { Page } from 'playwright-core';
import { screenshot, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';

/** A description of the element focused deepest in shadow roots, to compare before and after. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active ? active.tagName.toLowerCase() + ':' + (active.getAttribute('role') || '') + ':' + active.textContent.trim() : '';
  })()`);

/** The label of the option the combobox marks active (aria-activedescendant). */
const activeOption = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    const root = document.querySelector('outpost-app').shadowRoot.querySelector('outpost-command-palette').shadowRoot;
    const id = root.querySelector('input').getAttribute('aria-activedescendant');
    const option = id ? root.getElementById(id) : null;
    return option ? option.querySelector('.label').textContent : '';
  })()`);

describe('command palette (chromium)', function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });
  let device: { id: string; name: string; shortId: string };

  before(async () => {
    const state = await env.server.enrollSimulated(7);
    await env.server.connect(state);
    const list = await env.server.admin.request('GET', '/api/v1/devices');
    device = list.body.items.find((d: { id: string }) => d.id === state.deviceId);
    expect(device.shortId).to.match(/^\d{9}$/);
  });

  it('keyboard only: Ctrl+K, a device by its 9-digit ID with spaces, Enter opens it; then "Create invite" makes one', async () => {
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors);
    await page.locator('main h1').first().waitFor();

    // Focus goes back where it was: Tab to the first control, open, close with Escape.
    await page.keyboard.press('Tab');
    const before = await focused(page);
    expect(before).to.not.equal('');
    await page.keyboard.press('Control+k');
    const field = page.getByRole('combobox', { name: 'Search devices, tickets, contacts, pages and actions' });
    await field.waitFor();
    expect(await focused(page)).to.match(/^input:combobox:/);
    // With nothing typed: the actions and pages; Home and End reach the ends of the list.
    await page.getByRole('option', { name: 'Create invite' }).waitFor();
    await page.keyboard.press('End');
    expect(await activeOption(page)).to.equal('Widgets', 'the last Settings tab');
    await page.keyboard.press('Home');
    const first = await activeOption(page);
    await page.keyboard.press('ArrowUp');
    expect(await activeOption(page)).to.equal('Widgets', 'ArrowUp on the first option wraps to the last');
    await page.keyboard.press('ArrowDown');
    expect(await activeOption(page)).to.equal(first);
    await page.keyboard.press('Escape');
    await field.waitFor({ state: 'hidden' });
    await until(async () => (await focused(page)) === before, 3000, `focus back on ${before}`);

    // The device, by its ID read out in groups of three.
    await page.keyboard.press('Control+k');
    await field.waitFor();
    const spaced = device.shortId.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
    await page.keyboard.type(spaced);
    const option = page.getByRole('option', { name: new RegExp(device.name) });
    await option.waitFor();
    await page.getByRole('group', { name: 'Devices' }).waitFor();
    expect(await activeOption(page)).to.equal(device.name);
    expect(await option.getAttribute('aria-selected')).to.equal('true');
    await screenshot(page, 'palette-device');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/devices/d/${device.id}`);
    await page.locator('main h1').filter({ hasText: device.name }).waitFor();
    await field.waitFor({ state: 'hidden' });

    // An action: "Create invite" makes an invite at once and shows its code in the palette.
    const invitesBefore = (await env.server.admin.request('GET', '/api/v1/invites')).body.items.length;
    await page.keyboard.press('Control+k');
    await field.waitFor();
    await page.keyboard.type('create inv');
    await page.getByRole('option', { name: 'Create invite' }).waitFor();
    expect(await activeOption(page)).to.equal('Create invite');
    await page.keyboard.press('Enter');
    const code = page.getByTestId('palette-invite-code');
    await code.waitFor();
    await screenshot(page, 'palette-invite');
    const shown = (await code.textContent())!.trim();
    const invites = (await env.server.admin.request('GET', '/api/v1/invites')).body.items as Array<{
      displayCode: string | null;
    }>;
    expect(invites).to.have.length(invitesBefore + 1);
    expect(invites.map((i) => i.displayCode)).to.include(shown);
    await page.keyboard.press('Escape');
    await field.waitFor({ state: 'hidden' });
    await page.context().close();
  });

  it('on a phone: the header’s search button opens it, and it fits the screen', async () => {
    const page = await signedInPage(env.chromium, env.server.url, env.server.owner, env.pageErrors, 'phone');
    await page.locator('.topbar').getByRole('button', { name: 'Search' }).first().waitFor();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const field = page.getByRole('combobox', { name: 'Search devices, tickets, contacts, pages and actions' });
    await field.waitFor();
    await field.fill(device.name.slice(0, 6));
    await page.getByRole('option', { name: new RegExp(device.name) }).waitFor();
    await screenshot(page, 'palette');
    await page.getByRole('option', { name: new RegExp(device.name) }).click();
    await page.waitForURL(`**/devices/d/${device.id}`);
    await page.context().close();
  });

  it('offers a Viewer no action they may not run, and still finds what they may see', async () => {
    const viewer = await env.server.createUser(`palette-viewer-${Date.now()}@example.test`, 'viewer');
    const page = await signedInPage(env.chromium, env.server.url, viewer, env.pageErrors);
    await page.locator('main h1').first().waitFor();
    await page.keyboard.press('Control+k');
    const field = page.getByRole('combobox', { name: 'Search devices, tickets, contacts, pages and actions' });
    await field.waitFor();
    await page.getByRole('option', { name: 'Pending invites' }).waitFor();
    const offered = await page.getByRole('option').allTextContents();
    for (const action of ['Create invite', 'New ticket', 'New contact', 'New device group'])
      expect(offered.join('\n')).to.not.include(action);
    await page.keyboard.type('new');
    await page.getByText(/Nothing found for “new”|result/).waitFor();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(device.shortId);
    await page.getByRole('option', { name: new RegExp(device.name) }).waitFor();
    expect((await page.getByRole('option').allTextContents()).join('\n')).to.not.match(/Create invite|New ticket/);
    await page.context().close();
  });
});
