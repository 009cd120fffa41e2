#!/usr/bin/env node
// npm run bench:ui: the web app's size and paint budgets, measured in Debian's chromium. Not part of CI.
// - The shell gzipped: what the app loads before any plugin chunk (index.html's scripts and stylesheets, what they
//   import statically, and whatever else the sign-in page or the dashboard loads before a plugin chunk), Web Awesome's
//   components included. Budget: 150 KB. The chunks loaded per page (components a page asks for with
//   loadComponents) and each plugin's bundle are listed beside it.
// - First contentful paint of the sign-in page and of a signed-in user's dashboard, against a static page served by
//   the same Outpost process from the same folder as the app (the baseline). Budget: 1.5x the baseline.
// The Outpost instance (all plugins, SQLite, seeded with a few simulated devices, a contact and a ticket) runs in its
// own process pinned with taskset to the first core; this process and chromium run on the second. Each figure is
// the median of BENCH_RUNS (default 3) rounds of cold loads (a new browser context each), after one load of each
// page that is not counted. Prints every figure and PASS or FAIL per budget; exits 1 when a budget fails.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOwner } from './bench/owner.mjs';
import { pluginBundles, shellFiles } from './bench/ui-files.mjs';
import { build } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const budget = { shellKb: 150, paintRatio: 1.5 };

build((line) => console.log(`bench:ui: ${line}`));
const { chromium } = await import('playwright-core');
const { freePort } = await import('@outpost/core/testing');
const agent = await import('@outpost/agent');

// Two cores: the server on the first, this process and chromium (which inherits the affinity) on the second.
const pinned = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (pinned) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
else console.log('bench:ui: not pinning processes to cores (needs taskset and two cores); figures are noisier');

// The app's files and the baseline page, served from one folder by the same middleware.
const uiDir = mkdtempSync(join(tmpdir(), 'outpost-bench-ui-build-'));
cpSync(join(root, 'ui/build'), uiDir, { recursive: true });
writeFileSync(
  join(uiDir, 'baseline.html'),
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Baseline</title><h1>Outpost</h1><p>A static page.</p>',
);
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-ui-'));
const overlay = join(dataDir, 'bench.yaml');
writeFileSync(overlay, `app:\n  uiDir: ${JSON.stringify(uiDir)}\n`);
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(
  pinned ? 'taskset' : process.execPath,
  [...(pinned ? ['-c', '0', process.execPath] : []), 'core/bin/outpost.js', 'start'],
  {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      OUTPOST_BASE_URL: origin,
      OUTPOST_DATA_DIR: dataDir,
      OUTPOST_CONFIG: overlay,
      OUTPOST_DEMO_AGENT: 'false',
      OUTPOST_LOG_LEVEL: 'warn',
      OUTPOST_ADMIN_EMAIL: 'bootstrap@example.test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const agents = [];
let browser;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** A signed-in API caller (cookie and origin), for seeding. */
async function apiSession(email, password) {
  let cookie = '';
  const call = async (method, path, body) => {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { origin, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length) cookie = set.join('; ');
    const text = await response.text();
    if (!response.ok) throw new Error(`bench:ui: ${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  await call('POST', '/auth/login', { email, password });
  return call;
}

/** Three online simulated devices, a contact and a ticket: a dashboard with something in each card. The tour is
 * taken: the dashboard is measured as a returning user sees it (the first sign-in opens the tour over it). */
async function seed(api) {
  await api('PATCH', '/account', { tourCompleted: true });
  for (let i = 1; i <= 3; i += 1) {
    const { code } = await api('POST', '/invites', {});
    const machine = agent.simulatedMachine(i);
    const answer = await agent.enroll(origin, code, await machine.facts());
    await new Promise((resolve) => {
      const connection = new agent.AgentConnection({
        state: { server: origin, deviceId: answer.deviceId, secret: answer.secret },
        machine,
        agentVersion: agent.agentVersion,
        service: true,
        onReady: resolve,
      });
      agents.push(connection);
      connection.start();
    });
  }
  const contact = await api('POST', '/contacts', { name: 'Robin Reception', email: 'robin@example.test' });
  await api('POST', '/tickets', { subject: 'The printer prints blank pages', contactId: contact.id });
}

/** First contentful paint of `url` in a new context (signed in when `session` holds credentials), and what loaded. */
async function load(url, session) {
  const context = await browser.newContext();
  if (session) {
    const answer = await context.request.post(`${origin}/api/v1/auth/login`, { data: session, headers: { origin } });
    if (answer.status() !== 200) throw new Error(`bench:ui: sign-in failed: ${answer.status()}`);
  }
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
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
  let shown;
  if (session) {
    // The dashboard shown (a heading in the main area) with its live connection up: informative, no budget.
    await page.locator('main h1').first().waitFor();
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ state: 'attached' });
    shown = await page.evaluate(() => performance.now());
    // Signed out again: each load is a new session, and an account may hold only so many (auth.sessions.maxConcurrent).
    await context.request.post(`${origin}/api/v1/auth/logout`, { headers: { origin } });
  }
  await context.close();
  return { fcp, shown, requested };
}

try {
  for (let i = 0; ; i += 1) {
    const up = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i >= 300 || server.exitCode !== null) throw new Error('bench:ui: the Outpost instance did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const session = { email: 'ui.bench@example.test', password: 'measuring the dashboard' };
  createOwner(dataDir, session.email, session.password);
  await seed(await apiSession(session.email, session.password));

  browser = await chromium.launch({
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
  const pages = {
    baseline: () => load(`${origin}/baseline.html`),
    signIn: () => load(`${origin}/`),
    dashboard: () => load(`${origin}/`, session),
  };
  const results = { baseline: [], signIn: [], dashboard: [] };
  const loadAtStart = loadavg()[0];
  for (const measure of Object.values(pages)) await measure(); // warm-up, not counted
  for (let round = 0; round < runs; round += 1)
    for (const [name, measure] of Object.entries(pages)) results[name].push(await measure());

  // The shell: index.html's files and their static imports, and every file of the app the sign-in page and the
  // dashboard loaded before their first plugin chunk.
  const beforePlugins = (requested) => {
    const first = requested.findIndex((path) => path.startsWith('/ui/plugins/'));
    return (first < 0 ? requested : requested.slice(0, first)).filter((path) => /\.(js|css)$/.test(path));
  };
  const appFiles = new Set(
    [...results.signIn, ...results.dashboard].flatMap((r) => beforePlugins(r.requested)).map((p) => p.slice(1)),
  );
  const { shell, lazy } = shellFiles(uiDir, [...appFiles]);
  const shellBytes = shell.reduce((sum, f) => sum + f.bytes, 0);
  const dashboardFiles = new Set(results.dashboard.flatMap((r) => r.requested).map((p) => p.slice(1)));

  const line = (label, value) => console.log(`  ${`${label}:`.padEnd(50)}${value}`);
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `\nbench:ui: ${runs} round(s) of cold loads, medians; server ${pinned ? 'pinned to core 0, chromium to core 1' : 'not pinned'}`,
  );
  console.log('shell (what the app loads before any plugin chunk), gzipped:');
  for (const f of shell) line(f.file, kb(f.bytes));
  const shellOk = shellBytes <= budget.shellKb * 1024;
  line('shell total', `${kb(shellBytes)} in ${shell.length} file(s), budget ${budget.shellKb} KB  ${verdict(shellOk)}`);
  console.log('chunks loaded per page (not in the shell), gzipped:');
  if (!lazy.length) line('(none)', '');
  for (const f of lazy) line(f.file, `${kb(f.bytes)}${dashboardFiles.has(f.file) ? ' (the dashboard loads it)' : ''}`);
  console.log('plugin bundles, gzipped:');
  for (const p of pluginBundles(root)) line(`plugins/${p.id}`, `${kb(p.bytes)} in ${p.files} file(s)`);

  const baseline = median(results.baseline.map((r) => r.fcp));
  console.log('first contentful paint:');
  line('static page (baseline, same server)', `${baseline.toFixed(0)} ms`);
  const paint = (name, label) => {
    const value = median(results[name].map((r) => r.fcp));
    const ok = value <= baseline * budget.paintRatio;
    line(
      label,
      `${value.toFixed(0)} ms = ${(value / baseline).toFixed(2)}x, budget ${budget.paintRatio}x  ${verdict(ok)}`,
    );
    return ok;
  };
  const signInOk = paint('signIn', 'sign-in page');
  const dashboardOk = paint('dashboard', 'dashboard, signed in');
  line('dashboard shown and live (no budget)', `${median(results.dashboard.map((r) => r.shown)).toFixed(0)} ms`);
  // Other work on the machine slows the app's pages (scripts, style, layout) far more than the static baseline.
  line(
    'load average (1 min) at the start and end',
    `${loadAtStart.toFixed(1)}, ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
  const ok = shellOk && signInOk && dashboardOk;
  console.log(`bench:ui: ${ok ? 'PASS: every budget holds' : 'FAIL: a budget is exceeded'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser?.close();
  await Promise.all(agents.map((a) => a.stop()));
  server.kill('SIGTERM');
}
