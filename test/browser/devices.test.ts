import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { until } from '@outpost/core/testing';
import { simulatedMachine } from '@outpost/agent';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, signedInPage, viewports } from '../helpers/browser.js';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { repoRoot } from '../helpers/processes.js';
import { type VirtualDisplay, startXvfb } from '../helpers/xvfb.js';

const agentBin = join(repoRoot, 'agent', 'bin', 'outpost-agent.js');

function runAgent(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [agentBin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

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
  const signedIn = (viewport: keyof typeof viewports = 'desktop') => signedInPage(chromium, server.url, server.owner, pageErrors, viewport);

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
    await page.getByText(/is online$/).first().waitFor();
    await screenshot(page, 'devices-list');

    await page.getByTestId('tiles-view').click();
    const tile = page.locator('li.tile img');
    await tile.waitFor({ timeout: 20_000 });
    type Image = { complete: boolean; naturalWidth: number; naturalHeight: number };
    const size = await until(async () => {
      const image = await tile.evaluate((img: Image) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight }));
      return image.complete && image.width > 0 ? image : undefined;
    }, 10_000, 'the screenshot to load');
    expect(size.width, 'the tile shows the screenshot of the 1280x800 virtual display').to.equal(1280);
    expect(size.height).to.equal(800);
    await screenshot(page, 'devices-tiles');

    await page.locator('li.tile .body a').first().click();
    await page.getByTestId('device-status').filter({ hasText: 'Online' }).waitFor();
    expect(await page.getByTestId('os').textContent()).to.match(/Debian|Linux/i);
    await page.getByText('Detailed system information').click();
    await page.getByText('fileSystems').first().waitFor();
    await page.getByRole('combobox', { name: 'Operation' }).selectOption('diagnostics:disk_usage');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = page.getByTestId('operation-result');
    await result.waitFor();
    expect(JSON.parse((await result.textContent())!).fileSystems.some((f: { mount: string }) => f.mount === '/')).to.equal(true);
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
    await page.waitForFunction(`window.shownNotifications.includes('sim-00077 is online')`, undefined, { timeout: 5000 });
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
    await page.locator('tr[data-device] input[type=checkbox]').nth(1).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    await page.locator('outpost-dialog').getByRole('button', { name: 'Move to Trash' }).click();
    await page.getByRole('link', { name: /^Trash/ }).filter({ hasText: '1' }).waitFor();
    await page.getByRole('link', { name: /^Trash/ }).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Trash is empty.').waitFor();
    await screenshot(page, 'devices-trash');
  });
});
