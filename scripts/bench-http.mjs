#!/usr/bin/env node
// npm run bench:http: Outpost's full HTTP stack (request id, logging, metrics,
// security headers, authentication hook, ajv validation of a JSON body, response
// shaping) against a bare koa hello-world, in the same run on the same machine.
// Prints req/s of both and their ratio. Goal: Outpost keeps at least 60% of bare koa.
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

function startProcess(args, env, readyPattern) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (readyPattern.test(output)) {
        child.stdout.resume();
        child.stdout.removeAllListeners('data');
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

function measure(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${options.title}: ${result.non2xx} non-2xx answers, ${result.errors} errors`));
      resolve(result.requests.average);
    });
  });
}

console.log('bench:http: building');
if (spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const { freePort } = await import('@outpost/core/testing');

const [outpostPort, koaPort] = [await freePort(), await freePort()];
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
const overrides = {
  app: { baseUrl: `http://127.0.0.1:${outpostPort}`, listen: { host: '127.0.0.1', port: outpostPort }, dataDir },
  database: { client: 'better-sqlite3', connection: { filename: join(dataDir, 'outpost.sqlite') } },
  plugins: { notes: { enabled: true }, reminders: { enabled: true }, work: { enabled: true } },
};
const outpost = await startProcess(['test/dist/fixtures/instance.js'], { NODE_ENV: 'production', OUTPOST_TEST_OVERRIDES: JSON.stringify(overrides) }, /Outpost is running/);
const koa = await startProcess(['scripts/bench/bare-koa.mjs'], { PORT: String(koaPort) }, /ready/);

try {
  const echo = {
    url: `http://127.0.0.1:${outpostPort}/api/v1/notes/echo`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'hello from the benchmark', count: 42 }),
  };
  // Warm both up so the JIT has settled before the measured runs.
  await measure({ ...echo, title: 'warm-up', duration: 2 });
  await measure({ url: `http://127.0.0.1:${koaPort}/`, title: 'warm-up', duration: 2 });
  console.log(`bench:http: ${seconds}s per target, ${connections} connections`);
  const bare = await measure({ url: `http://127.0.0.1:${koaPort}/`, title: 'bare koa' });
  const stack = await measure({ ...echo, title: 'outpost' });
  const ratio = stack / bare;
  console.log(`bare koa hello-world:            ${bare.toFixed(0)} req/s`);
  console.log(`outpost validated JSON route:    ${stack.toFixed(0)} req/s`);
  console.log(`ratio:                           ${(ratio * 100).toFixed(1)}% of bare koa (goal: at least 60%)`);
  process.exitCode = ratio >= 0.6 ? 0 : 1;
} finally {
  outpost.kill('SIGTERM');
  koa.kill('SIGTERM');
}
