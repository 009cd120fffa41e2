#!/usr/bin/env node
// npm run bench:ui: the web app's budget and speed, measured in Debian's chromium.
// - Shell JS (everything the app loads before any plugin chunk), gzipped. Budget: 120 KB.
// - First contentful paint of the sign-in page, against a one-line static page served
//   from the same machine in the same run (the baseline).
// - Time to interactive of the dashboard: from navigation until the dashboard is shown
//   and the live connection is up, for a signed-in user.
// Each is the median of BENCH_RUNS (default 7) cold loads (a new browser context each).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createOwner } from './bench/owner.mjs';
import { build } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const budgetKb = 120;

build((line) => console.log(`bench:ui: ${line}`));
const { chromium } = await import('playwright-core');
const { freePort } = await import('@outpost/core/testing');

const assets = join(root, 'ui/build/assets');
const shellJs = readdirSync(assets).filter((f) => f.endsWith('.js'));
const shellBytes = shellJs.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-ui-'));
const origin = `http://127.0.0.1:${port}`;
const overrides = {
  app: { baseUrl: origin, listen: { host: '127.0.0.1', port }, dataDir },
  database: { client: 'better-sqlite3', connection: { filename: join(dataDir, 'outpost.sqlite') } },
  plugins: { notes: { enabled: true } },
};
const server = spawn(process.execPath, ['test/dist/fixtures/instance.js'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    OUTPOST_LOG_LEVEL: 'warn',
    OUTPOST_TEST_OVERRIDES: JSON.stringify(overrides),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const baseline = createServer((_request, response) =>
  response.end('<!doctype html><title>baseline</title><p>Hello</p>'),
).listen(0, '127.0.0.1');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function firstContentfulPaint(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const fcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return resolve(entry.startTime);
        new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({
          type: 'paint',
          buffered: true,
        });
      }),
  );
  await context.close();
  return fcp;
}

try {
  for (let i = 0; i < 100; i += 1) {
    if (
      await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const email = 'ui.bench@example.test';
  const password = 'measuring the dashboard';
  createOwner(dataDir, email, password);

  const baselineUrl = `http://127.0.0.1:${baseline.address().port}/`;
  const baselineFcp = [];
  const signInFcp = [];
  const dashboardTti = [];
  for (let i = 0; i < runs; i += 1) {
    baselineFcp.push(await firstContentfulPaint(baselineUrl));
    signInFcp.push(await firstContentfulPaint(origin));

    const context = await browser.newContext();
    const signIn = await context.request.post(`${origin}/api/v1/auth/login`, {
      data: { email, password },
      headers: { origin },
    });
    if (signIn.status() !== 200) throw new Error(`sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto(origin);
    await page.locator('[data-testid=dashboard-empty]').waitFor();
    await page.locator('[data-testid=connection][data-state=live]').waitFor();
    dashboardTti.push(await page.evaluate(() => performance.now()));
    await page.request.post(`${origin}/api/v1/auth/logout`, { headers: { origin } });
    await context.close();
  }

  const line = (label, value) => console.log(`${`${label}:`.padEnd(44)}${value}`);
  console.log(`bench:ui: ${runs} cold loads each, medians`);
  line(
    'shell JS, gzipped',
    `${(shellBytes / 1024).toFixed(1)} KB in ${shellJs.length} file(s) (budget: ${budgetKb} KB)`,
  );
  line('first contentful paint, baseline page', `${median(baselineFcp).toFixed(0)} ms`);
  line(
    'first contentful paint, sign-in page',
    `${median(signInFcp).toFixed(0)} ms (${(median(signInFcp) / median(baselineFcp)).toFixed(2)}x the baseline)`,
  );
  line(
    'time to interactive, dashboard',
    `${median(dashboardTti).toFixed(0)} ms (${(median(dashboardTti) / median(baselineFcp)).toFixed(2)}x the baseline paint)`,
  );
  process.exitCode = shellBytes <= budgetKb * 1024 ? 0 : 1;
} finally {
  await browser.close();
  baseline.close();
  server.kill('SIGTERM');
}
