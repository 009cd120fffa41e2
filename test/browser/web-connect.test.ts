import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Outpost } from '@outpost/core';
import { startSecondInstance, testDatabaseKind, until } from '@outpost/core/testing';
import { devicesPlugin } from '@outpost/plugin-devices';
import { invitesPlugin } from '@outpost/plugin-invites';
import { remotePlugin } from '@outpost/plugin-remote';
import type { Browser, Locator } from 'playwright-core';
import {
  accessibilityViolations,
  expectFitsWidth,
  launchChromium,
  screenshot,
  signedInPage,
} from '../helpers/browser.js';
import { type Desktop, cellAverages, desktopOn } from '../helpers/desktop.js';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { runAgent } from '../helpers/processes.js';
import { type VirtualDisplay, startXvfb } from '../helpers/xvfb.js';

const grid = { columns: 32, rows: 20 };

/** The viewer's canvas as averages over a grid of cells (what `cellAverages` gives for the device's screenshot). */
async function canvasCells(canvas: Locator): Promise<{ width: number; height: number; cells: number[] }> {
  return (await canvas.evaluate((element, grid) => {
    const c = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const sums = new Array(grid.columns * grid.rows * 3).fill(0);
    const counts = new Array(grid.columns * grid.rows).fill(0);
    for (let y = 0; y < c.height; y += 1)
      for (let x = 0; x < c.width; x += 1) {
        const cell =
          Math.min(grid.rows - 1, Math.floor((y * grid.rows) / c.height)) * grid.columns +
          Math.min(grid.columns - 1, Math.floor((x * grid.columns) / c.width));
        const at = (y * c.width + x) * 4;
        sums[cell * 3] += data[at];
        sums[cell * 3 + 1] += data[at + 1];
        sums[cell * 3 + 2] += data[at + 2];
        counts[cell] += 1;
      }
    return { width: c.width, height: c.height, cells: sums.map((sum, i) => sum / counts[Math.floor(i / 3)]) };
  }, grid)) as { width: number; height: number; cells: number[] };
}

describe('Web Connect end to end: the agent’s x11vnc under Xvfb, seen and driven in chromium', function () {
  this.timeout(400_000);
  let server: DevicesServer;
  let chromium: Browser;
  let xvfb: VirtualDisplay;
  let desktop: Desktop;
  const agents: ChildProcess[] = [];
  let agent: ReturnType<typeof runAgent>;
  const pageErrors: string[] = [];
  let deviceId = '';

  before(async () => {
    xvfb = await startXvfb();
    desktop = desktopOn(xvfb.display);
    chromium = await launchChromium();
    server = await startDevicesServer({ plugins: [remotePlugin] });
    // The real agent, enrolled with an invite, running with the virtual display: the tunnel and x11vnc are its own.
    const { code } = await server.invite();
    const stateFile = join(mkdtempSync(join(tmpdir(), 'outpost-agent-')), 'agent.json');
    const enrolled = runAgent(['enroll', '--server', server.url, '--code', code, '--state', stateFile], {});
    expect(await enrolled.exited, enrolled.output()).to.equal(0);
    deviceId = (JSON.parse(readFileSync(stateFile, 'utf8')) as { deviceId: string }).deviceId;
    agent = runAgent(['run', '--state', stateFile], { DISPLAY: xvfb.display, OUTPOST_AGENT_SERVICE: '1' });
    agents.push(agent.child);
  });
  after(async () => {
    // SIGTERM: the agent closes its tunnels (x11vnc, the notice, xclip) before it exits.
    for (const child of agents) child.kill('SIGTERM');
    await Promise.race([agent?.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    for (const child of agents) child.kill('SIGKILL');
    desktop?.stop();
    await chromium?.close();
    await server?.stop();
    await xvfb?.stop();
  });
  afterEach(() => expect(pageErrors.splice(0), 'errors in the page').to.deep.equal([]));

  it('opens from the device row and shows the device’s screen; keys, clicks and the clipboard reach the device and back', async () => {
    await desktop.picture(80, 80);
    const keyLog = desktop.keyWindow(700, 420, 480, 300);
    await until(async () => (await desktop.windows('Outpost test picture')).length > 0, 60_000, 'the picture');

    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    const row = page.locator(`tr[data-device="${deviceId}"]`);
    await row.getByTestId('status').filter({ hasText: 'Online' }).waitFor({ timeout: 60_000 });
    await row.getByRole('link', { name: /^Web Connect to / }).click();
    await page.waitForURL(`**/remote/web/${deviceId}`);
    const state = page.getByTestId('viewer-state');
    await state.filter({ hasText: /^Connected$/ }).waitFor({ timeout: 60_000 });

    // The person at the device sees the notice naming the technician (the session's, as the server logs it).
    await until(async () => (await desktop.windows('Outpost remote session')).length > 0, 60_000, 'the notice');
    const live = await server.admin.request('GET', `/api/v1/remote/sessions?state=live&deviceId=${deviceId}`);
    const session = (live.body as { items: Array<{ id: string; kind: string; technician: string }> }).items[0]!;
    expect(session.kind).to.equal('vnc');
    const notices = execFileSync('ps', ['-eo', 'args='])
      .toString()
      .split('\n')
      .filter((l) => l.startsWith('xmessage') && l.includes(`-display ${xvfb.display} `));
    expect(notices.join('\n')).to.include(
      `Outpost remote session: ${session.technician} is viewing and can control this screen.`,
    );

    // The canvas shows what a screenshot on the device shows.
    const canvas = page.locator('remote-web-connect canvas').first();
    const shot = await desktop.screenshot();
    const expected = cellAverages(shot.rgb, shot.width, shot.height, 3, grid.columns, grid.rows);
    const seen = await until(
      async () => {
        const cells = await canvasCells(canvas);
        const worst = Math.max(...cells.cells.map((v, i) => Math.abs(v - expected[i]!)));
        return worst <= 12 ? { ...cells, worst } : undefined;
      },
      60_000,
      'the canvas to match the device’s screenshot',
    );
    expect([seen.width, seen.height], 'the canvas is the device’s 1280x800 screen').to.deep.equal([1280, 800]);
    await screenshot(page, 'web-connect');
    expect(await accessibilityViolations(page), 'serious or critical axe violations').to.deep.equal([]);

    // A click lands where it was made: in the key window, read back with xdotool and by the window itself.
    const box = (await canvas.boundingBox())!;
    const remote = { x: 900, y: 560 };
    await page.mouse.click(box.x + (remote.x * box.width) / 1280, box.y + (remote.y * box.height) / 800);
    const pointer = await until(
      async () => {
        const at = await desktop.pointer();
        return Math.abs(at.x - remote.x) <= 2 && Math.abs(at.y - remote.y) <= 2 ? at : undefined;
      },
      60_000,
      'the pointer to reach the click',
    );
    expect(pointer.x).to.be.closeTo(remote.x, 2);
    const click = await until(async () => keyLog.clicks()[0], 60_000, 'the window to see the click');
    expect(click.x).to.be.closeTo(remote.x, 2);
    expect(click.y).to.be.closeTo(remote.y, 2);

    // Typed in the viewer, the text arrives in the window under the pointer.
    await page.keyboard.type('hello outpost');
    await until(async () => keyLog.text() === 'hello outpost', 60_000, `typed text (got "${keyLog.text()}")`);

    // Ctrl+Alt+Del from the toolbar, Alt+Tab from the key menu.
    await page.getByRole('button', { name: 'Ctrl+Alt+Del' }).click();
    await until(async () => keyLog.keys().includes('Delete'), 60_000, 'Ctrl+Alt+Del');
    expect(keyLog.keys().slice(-3)).to.deep.equal(['Control_L', 'Alt_L', 'Delete']);
    await page.getByRole('button', { name: 'Keys' }).click();
    await page.getByRole('menuitem', { name: 'Alt+Tab' }).click();
    await until(async () => keyLog.keys().at(-1) === 'Tab', 60_000, 'Alt+Tab');
    expect(keyLog.keys().slice(-2)).to.deep.equal(['Alt_L', 'Tab']);

    // View only: nothing typed reaches the device until it is off again.
    await page.getByText('View only', { exact: true }).click();
    await state.filter({ hasText: 'Connected, view only' }).waitFor();
    await canvas.focus();
    await page.keyboard.type('x');
    await page.getByText('View only', { exact: true }).click();
    await state.filter({ hasText: /^Connected$/ }).waitFor();
    await page.mouse.click(box.x + (remote.x * box.width) / 1280, box.y + (remote.y * box.height) / 800);
    await page.keyboard.type('y');
    await until(async () => keyLog.text().endsWith('y'), 60_000, 'the key typed after view only');
    expect(keyLog.text()).to.equal('hello outposty');

    await page.getByRole('button', { name: 'Clipboard' }).click();
    // ...and from the device to the browser.
    desktop.writeClipboard('from the device');
    const fromDevice = page.getByTestId('device-clipboard');
    await until(
      async () => (await fromDevice.evaluate((el) => (el as unknown as { value: string }).value)) === 'from the device',
      60_000,
      'the device’s clipboard in the viewer',
    );

    // The clipboard, from the browser to the device...
    await page.getByLabel('To the device').fill('from the technician');
    await page.getByRole('button', { name: 'Send to the device' }).click();
    await until(async () => (await desktop.readClipboard()) === 'from the technician', 60_000, 'the device clipboard');
    // Quality and scaling are the viewer's own: kept in this browser.
    await page.getByText('Fit to window', { exact: true }).click();
    const saved = JSON.parse((await page.evaluate("localStorage.getItem('outpost.remote.viewer')")) as string);
    expect(saved).to.include({ fit: false, viewOnly: false });

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByTestId('viewer-ended').waitFor();
    await until(async () => (await desktop.windows('Outpost remote session')).length === 0, 60_000, 'the notice to go');
    // The session log says who ended it, and what crossed.
    const ended = await until(
      async () => {
        const row = await server.admin.request('GET', `/api/v1/remote/sessions/${session.id}`);
        return row.body.endedAt
          ? (row.body as { endedBy: string; bytesFromDevice: number; bytesToDevice: number })
          : undefined;
      },
      60_000,
      'the session to end',
    );
    expect(ended.endedBy).to.equal(session.technician);
    expect(ended.bytesFromDevice).to.be.greaterThan(1000);
    expect(ended.bytesToDevice).to.be.greaterThan(0);
    await page.context().close();
  });

  it('on a phone, tapping a device’s card connects, and the viewer fits the screen', async () => {
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors, 'phone');
    await page.goto(`${server.url}/devices`);
    const card = page.locator(`tr[data-device="${deviceId}"]`);
    await card.getByTestId('status').filter({ hasText: 'Online' }).click();
    await page.waitForURL(`**/remote/web/${deviceId}`);
    await page
      .getByTestId('viewer-state')
      .filter({ hasText: /^Connected$/ })
      .waitFor({ timeout: 60_000 });
    // The device's screen is drawn: the picture's green band is in it.
    const canvas = page.locator('remote-web-connect canvas').first();
    await until(
      async () => (await canvasCells(canvas)).cells.some((v, i) => i % 3 === 1 && v > 150),
      60_000,
      'the screen on the phone',
    );
    await expectFitsWidth(page);
    await screenshot(page, 'web-connect');
    await page.context().close();
  });
  it('opens from the device page too, goes full screen, and closes when another admin terminates the session', async () => {
    const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
    await page.goto(`${server.url}/devices/d/${deviceId}`);
    await page.getByTestId('device-status').filter({ hasText: 'Online' }).waitFor();
    await page.getByRole('link', { name: 'Web Connect' }).click();
    await page.waitForURL(`**/remote/web/${deviceId}`);
    const state = page.getByTestId('viewer-state');
    await state.filter({ hasText: /^Connected$/ }).waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Full screen' }).click();
    await page.getByRole('button', { name: 'Leave full screen' }).waitFor();
    const viewer = page.locator('remote-web-connect');
    expect(
      await viewer.evaluate((element) =>
        (element as unknown as { matches(s: string): boolean }).matches(':fullscreen'),
      ),
    ).to.equal(true);
    await page.getByRole('button', { name: 'Leave full screen' }).click();
    await page.getByRole('button', { name: 'Full screen' }).waitFor();

    const live = await server.admin.request('GET', `/api/v1/remote/sessions?state=live&deviceId=${deviceId}`);
    const session = (live.body as { items: Array<{ id: string }> }).items[0]!;
    const other = await server.createUser(`admin-${Date.now()}@example.test`, 'admin');
    const otherBrowser = await server.signedIn(other);
    const started = Date.now();
    expect((await otherBrowser.request('DELETE', `/api/v1/remote/sessions/${session.id}`)).status).to.equal(204);
    const ended = page.getByTestId('viewer-ended');
    await ended.waitFor();
    const closedAfterMs = Date.now() - started;
    expect(await ended.textContent()).to.include('ended this session');
    console.log(`      (the viewer showed the end ${closedAfterMs} ms after the other admin's DELETE)`);
    const row = await server.admin.request('GET', `/api/v1/remote/sessions/${session.id}`);
    expect(row.body.endedByUserId).to.equal(other.id);
    await page.context().close();
  });
});

// Several instances share one database only on PostgreSQL (DESIGN 6); SQLite is one process.
if (testDatabaseKind() === 'pg') {
  describe('Web Connect across two instances on one PostgreSQL: the browser on one, the device on the other', function () {
    this.timeout(400_000);
    let server: DevicesServer;
    let second: Outpost;
    let chromium: Browser;
    let xvfb: VirtualDisplay;
    let desktop: Desktop;
    let agent: ReturnType<typeof runAgent> | undefined;
    const pageErrors: string[] = [];

    before(async () => {
      xvfb = await startXvfb();
      desktop = desktopOn(xvfb.display);
      chromium = await launchChromium();
      server = await startDevicesServer({ plugins: [remotePlugin] });
      let secondUrl: string;
      ({ outpost: second, url: secondUrl } = await startSecondInstance(
        server,
        [devicesPlugin, invitesPlugin, remotePlugin],
        {
          devices: { enabled: true, demoLocalAgent: false, heartbeatSeconds: 1 },
          invites: { enabled: true },
          remote: { enabled: true },
        },
      ));
      const { code } = await server.invite();
      const stateFile = join(mkdtempSync(join(tmpdir(), 'outpost-agent-')), 'agent.json');
      const enrolled = runAgent(['enroll', '--server', server.url, '--code', code, '--state', stateFile], {});
      expect(await enrolled.exited, enrolled.output()).to.equal(0);
      // The agent's channel (and so its tunnel) goes to the second instance.
      agent = runAgent(['run', '--state', stateFile, '--server', secondUrl], {
        DISPLAY: xvfb.display,
        OUTPOST_AGENT_SERVICE: '1',
      });
    });
    after(async () => {
      agent?.child.kill('SIGTERM');
      await Promise.race([agent?.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      agent?.child.kill('SIGKILL');
      desktop?.stop();
      await chromium?.close();
      await second?.stop();
      await server?.stop();
      await xvfb?.stop();
    });
    afterEach(() => expect(pageErrors.splice(0), 'errors in the page').to.deep.equal([]));

    it('shows the screen and takes keys through the bridge between the instances', async () => {
      await desktop.picture(80, 80);
      const keyLog = desktop.keyWindow(700, 420, 480, 300);
      const page = await signedInPage(chromium, server.url, server.owner, pageErrors);
      await page.getByRole('link', { name: 'Devices', exact: true }).click();
      const row = page.locator('tr[data-device]');
      await row.getByTestId('status').filter({ hasText: 'Online' }).waitFor({ timeout: 60_000 });
      await row.getByRole('link', { name: /^Web Connect to / }).click();
      await page
        .getByTestId('viewer-state')
        .filter({ hasText: /^Connected$/ })
        .waitFor({ timeout: 60_000 });
      const sessionRow = await server.outpost.db('remote_sessions').where({ kind: 'vnc' }).first();
      expect(sessionRow.browser_instance_id).to.be.a('string');
      expect(sessionRow.browser_instance_id).to.not.equal(
        sessionRow.agent_instance_id,
        'the ends are on two instances',
      );

      const canvas = page.locator('remote-web-connect canvas').first();
      const shot = await desktop.screenshot();
      const expected = cellAverages(shot.rgb, shot.width, shot.height, 3, grid.columns, grid.rows);
      await until(
        async () => {
          const { cells } = await canvasCells(canvas);
          return Math.max(...cells.map((v, i) => Math.abs(v - expected[i]!))) <= 12;
        },
        60_000,
        'the canvas to match the device’s screenshot',
      );
      const box = (await canvas.boundingBox())!;
      await page.mouse.click(box.x + (900 * box.width) / 1280, box.y + (560 * box.height) / 800);
      await page.keyboard.type('across');
      await until(async () => keyLog.text() === 'across', 60_000, `typed text (got "${keyLog.text()}")`);
      await page.context().close();
    });
  });
}
