#!/usr/bin/env node
// npm run bench:http: Outpost's full HTTP stack (request id, logging, metrics,
// security headers, authentication hook, ajv validation of a JSON body, response
// shaping) against a bare koa hello-world, in the same run on the same machine,
// plus koa + @koa/router + ajv doing the same validation with nothing else, to
// show what the decided stack costs by itself and what Outpost adds, and the same
// echo behind a permission, signed in by a session cookie and by an API key.
// Prints req/s of each and the ratios. Goals: at least 60% of bare koa on the public
// route, at least 50% with authentication.
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createOwner } from './bench/owner.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

/**
 * Starts a server whose output goes to /dev/null, as a production log would go to a
 * file: piping it into this process would make the load generator read every log line.
 */
async function startProcess(args, env, port) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (exited) throw new Error(`${args[0]} exited before it answered`);
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${args[0]} did not answer on port ${port}`);
}

function measure(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0)
        return reject(new Error(`${options.title}: ${result.non2xx} non-2xx answers, ${result.errors} errors`));
      resolve(result.requests.average);
    });
  });
}

console.log('bench:http: building');
if (spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const { freePort } = await import('@outpost/core/testing');

const [outpostPort, koaPort, floorPort] = [await freePort(), await freePort(), await freePort()];
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
const overrides = {
  app: { baseUrl: `http://127.0.0.1:${outpostPort}`, listen: { host: '127.0.0.1', port: outpostPort }, dataDir },
  database: { client: 'better-sqlite3', connection: { filename: join(dataDir, 'outpost.sqlite') } },
  plugins: { notes: { enabled: true }, reminders: { enabled: true }, work: { enabled: true } },
};
const outpostOrigin = `http://127.0.0.1:${outpostPort}`;
const servers = [
  await startProcess(
    ['test/dist/fixtures/instance.js'],
    { NODE_ENV: 'production', OUTPOST_TEST_OVERRIDES: JSON.stringify(overrides) },
    outpostPort,
  ),
  await startProcess(['scripts/bench/bare-koa.mjs'], { PORT: String(koaPort) }, koaPort),
  await startProcess(['scripts/bench/koa-validated.mjs'], { PORT: String(floorPort) }, floorPort),
];

const echoOn = (port, path = '/api/v1/notes/echo', headers = {}) => ({
  url: `http://127.0.0.1:${port}${path}`,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ message: 'hello from the benchmark', count: 42 }),
});
let credentials;
try {
  credentials = await signedInCredentials();
} catch (error) {
  for (const server of servers) server.kill('SIGTERM');
  throw error;
}
const targets = [
  { name: 'bare koa hello-world', request: { url: `http://127.0.0.1:${koaPort}/` } },
  { name: 'koa + @koa/router + ajv echo', request: echoOn(floorPort) },
  { name: 'outpost validated JSON route', request: echoOn(outpostPort) },
  {
    name: 'outpost, session cookie',
    request: echoOn(outpostPort, '/api/v1/notes/echo/private', { cookie: credentials.cookie, origin: outpostOrigin }),
  },
  {
    name: 'outpost, API key',
    request: echoOn(outpostPort, '/api/v1/notes/echo/private', { authorization: `Bearer ${credentials.key}` }),
  },
];

/** An account made with `outpost user create`, its session cookie, and an API key it created. */
async function signedInCredentials() {
  const email = 'bench@example.test';
  const password = 'load test passphrase';
  createOwner(dataDir, email, password);
  const headers = { 'content-type': 'application/json', origin: outpostOrigin };
  const signIn = await fetch(`${outpostOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair.startsWith('outpost_session='));
  const created = await fetch(`${outpostOrigin}/api/v1/api-keys`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: 'bench', scopes: ['*', 'write'] }),
  });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.status} ${await created.text()}`);
  return { cookie, key: (await created.json()).key };
}

try {
  // Warm every server up so the JIT has settled before the measured runs.
  for (const target of targets) await measure({ ...target.request, title: target.name, duration: 2 });
  console.log(`bench:http: ${seconds}s per target, ${connections} connections`);
  const rates = [];
  for (const target of targets) rates.push(await measure({ ...target.request, title: target.name }));
  const [bare, floor, stack, session, apiKey] = rates;
  const line = (label, value) => console.log(`${`${label}:`.padEnd(40)}${value}`);
  targets.forEach((target, index) => line(target.name, `${rates[index].toFixed(0)} req/s`));
  const ofBare = (rate) => `${((rate / bare) * 100).toFixed(1)}% of bare koa`;
  line('the decided stack alone', ofBare(floor));
  line('outpost against the stack alone', `${((stack / floor) * 100).toFixed(1)}%`);
  line('ratio, public route', `${ofBare(stack)} (goal: at least 60%)`);
  line('ratio, session cookie', `${ofBare(session)} (goal: at least 50%)`);
  line('ratio, API key', `${ofBare(apiKey)} (goal: at least 50%)`);
  process.exitCode = stack / bare >= 0.6 && session / bare >= 0.5 && apiKey / bare >= 0.5 ? 0 : 1;
} finally {
  for (const server of servers) server.kill('SIGTERM');
}
