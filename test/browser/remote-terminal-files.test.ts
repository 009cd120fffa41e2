import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { until } from '@outpost/core/testing';
import { remotePlugin } from '@outpost/plugin-remote';
import type { Browser, Page } from 'playwright-core';
import { expectFitsWidth, launchChromium, screenshot, signedInPage } from '../helpers/browser.js';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { runAgent } from '../helpers/processes.js';

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

interface Transfer {
  name: string;
  size: number;
  bytes: number;
  direction: string;
  result: string;
  technician: string;
  deviceName: string;
}

describe('remote terminal and files end to end: the real agent through the tunnel, in chromium', function () {
  this.timeout(300_000);
  let server: DevicesServer;
  let chromium: Browser;
  let agent: ReturnType<typeof runAgent>;
  let deviceId = '';
  let shared = '';
  let work = '';
  const pageErrors: string[] = [];

  before(async () => {
    chromium = await launchChromium();
    server = await startDevicesServer({ plugins: [remotePlugin] });
    shared = realpathSync(mkdtempSync(join(tmpdir(), 'outpost-shared-')));
    work = mkdtempSync(join(tmpdir(), 'outpost-transfer-'));
    const { code } = await server.invite();
    const state = join(mkdtempSync(join(tmpdir(), 'outpost-agent-')), 'agent.json');
    const enrolled = runAgent(['enroll', '--server', server.url, '--code', code, '--state', state], {});
    expect(await enrolled.exited, enrolled.output()).to.equal(0);
    agent = runAgent(['run', '--state', state], { OUTPOST_AGENT_FILES_ROOT: shared, OUTPOST_AGENT_SERVICE: '1' });
    deviceId = await until(
      async () => {
        const list = await server.admin.request('GET', '/api/v1/devices');
        const online = (list.body.items as { id: string; status: string }[]).find((d) => d.status === 'online');
        return online?.id;
      },
      30_000,
      'the agent to come online',
    );
  });
  after(async () => {
    agent?.child.kill('SIGTERM');
    await chromium?.close();
    await server?.stop();
    rmSync(shared, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(() => expect(pageErrors.splice(0), 'errors in the page').to.deep.equal([]));

  const signedIn = (viewport: 'desktop' | 'phone' = 'desktop'): Promise<Page> =>
    signedInPage(chromium, server.url, server.owner, pageErrors, viewport);

  async function sessionsOf(
    kind: string,
  ): Promise<{ id: string; bytesToDevice: number; bytesFromDevice: number; endedAt: string | null }[]> {
    const answer = await server.admin.request('GET', `/api/v1/remote/sessions?state=all&deviceId=${deviceId}`);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    return (
      answer.body.items as {
        kind: string;
        id: string;
        bytesToDevice: number;
        bytesFromDevice: number;
        endedAt: string | null;
      }[]
    ).filter((s) => s.kind === kind);
  }

  it('opens a terminal on the device, runs a command and reads its output; the session log has its bytes', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/remote/terminal/${deviceId}`);
    await page.getByText(`Signed in as ${userInfo().username}`).waitFor({ timeout: 60_000 });
    const terminal = page.getByTestId('terminal');
    await terminal.click();
    await page.keyboard.type('echo "outpost-$((40+2))-$(id -un)"');
    await page.keyboard.press('Enter');
    // The typed line shows `$((40+2))`; only the shell's output has the sum.
    await terminal.getByText(`outpost-42-${userInfo().username}`).waitFor({ timeout: 60_000 });
    await screenshot(page, 'remote-terminal');
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await page.getByText('The shell exited.').waitFor({ timeout: 60_000 });
    const [session] = await until(
      async () => {
        const sessions = await sessionsOf('terminal');
        return sessions.length && sessions[0]!.endedAt ? sessions : undefined;
      },
      60_000,
      'the terminal session to end in the log',
    );
    expect(session!.bytesToDevice).to.be.greaterThan(10);
    expect(session!.bytesFromDevice).to.be.greaterThan(10);
    await page.context().close();
  });

  it('uploads a 50 MB file with a moving progress bar, downloads it again with the same SHA-256, and logs both with their sizes', async () => {
    const size = 50 * 1024 * 1024;
    const source = join(work, 'payload.bin');
    writeFileSync(source, randomBytes(size));
    const expected = await sha256File(source);

    const page = await signedIn();
    await page.goto(`${server.url}/remote/files/${deviceId}`);
    await page.locator('remote-files code.path').filter({ hasText: shared }).waitFor({ timeout: 60_000 });
    await page.getByText('This folder is empty. Upload files or create a folder.').waitFor();
    await expectFitsWidth(page);

    // Every value the progress bar shows, recorded in the page as it renders.
    await page.evaluate(`(() => {
      const seen = [];
      window.progressSeen = seen;
      const find = (node) => {
        for (const element of node.querySelectorAll('*')) {
          if (element.localName === 'remote-files') return element.shadowRoot;
          if (element.shadowRoot) {
            const found = find(element.shadowRoot);
            if (found) return found;
          }
        }
        return undefined;
      };
      const files = find(document);
      new MutationObserver(() => {
        const bar = files.querySelector('wa-progress-bar');
        const value = bar ? Number(bar.getAttribute('value')) : NaN;
        if (!Number.isNaN(value) && seen.at(-1) !== value) seen.push(value);
      }).observe(files, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    })()`);
    await page.locator('remote-files input[type=file]').setInputFiles(source);
    await page.getByText('Uploading payload.bin').waitFor();
    await page.locator('remote-files li[data-name="payload.bin"]').waitFor({ timeout: 240_000 });
    const seen = (await page.evaluate('window.progressSeen')) as number[];
    const between = seen.filter((v) => v > 0 && v < 100);
    expect(between.length, `progress values seen: ${seen.join(', ')}`).to.be.greaterThan(3);
    if (process.env.OUTPOST_TEST_VERBOSE) console.log(`progress values seen: ${seen.join(', ')}`);
    expect(between, 'the bar only moves forward').to.deep.equal([...between].sort((a, b) => a - b));
    expect(await sha256File(join(shared, 'payload.bin'))).to.equal(expected);
    await screenshot(page, 'remote-files-uploaded');

    const downloading = page.waitForEvent('download', { timeout: 240_000 });
    await page.locator('remote-files li[data-name="payload.bin"]').getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).to.equal('payload.bin');
    const saved = join(work, 'downloaded.bin');
    await download.saveAs(saved);
    expect(await sha256File(saved)).to.equal(expected);

    const transfers = await until(
      async () => {
        const answer = await server.admin.request('GET', `/api/v1/remote/transfers?deviceId=${deviceId}`);
        const items = answer.body.items as Transfer[];
        return items.length >= 2 ? items : undefined;
      },
      60_000,
      'both transfers in the log',
    );
    expect(transfers.map((t) => [t.direction, t.name, t.size, t.bytes, t.result])).to.have.deep.members([
      ['upload', 'payload.bin', size, size, 'completed'],
      ['download', 'payload.bin', size, size, 'completed'],
    ]);
    for (const transfer of transfers) {
      expect(transfer.technician).to.not.equal('');
      expect(transfer.deviceName).to.not.equal('');
    }
    const csv = await server.admin.request('GET', `/api/v1/remote/transfers/export.csv?deviceId=${deviceId}`);
    expect(String(csv.body)).to.include(`payload.bin,${join(shared, 'payload.bin')},${size},${size},completed`);
    await page.context().close();
  });

  it('creates, renames and deletes a folder on a phone-sized screen, with no way up out of the shared folder', async () => {
    const page = await signedIn('phone');
    await page.goto(`${server.url}/remote/files/${deviceId}`);
    await page.locator('remote-files code.path').filter({ hasText: shared }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('Folder name').fill('reports');
    await page.getByRole('button', { name: 'Save' }).click();
    const folder = page.locator('remote-files li[data-name="reports"]');
    await folder.waitFor();
    await folder.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name').fill('reports-2026');
    await page.getByRole('button', { name: 'Save' }).click();
    const renamed = page.locator('remote-files li[data-name="reports-2026"]');
    await renamed.waitFor();
    await expectFitsWidth(page);
    await renamed.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).last().click();
    await renamed.waitFor({ state: 'detached' });
    // At the top of the shared folder there is no way up.
    expect(await page.getByRole('button', { name: 'Up', exact: true }).isDisabled()).to.equal(true);
    await page.context().close();
  });
});
