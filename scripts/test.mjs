#!/usr/bin/env node
// npm test: installs what the tests need, builds, then runs every suite on SQLite
// and again on a fresh PostgreSQL database.
//   npm test -- --db sqlite|pg     one database only
//   npm test -- --grep <text>      only the tests whose title matches
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInstalled } from './install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`test: ${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  return result;
}

const log = (line) => console.log(`test: ${line}`);
await ensureInstalled(log);
build(log);
console.log('test: making sure chromium is installed (browser tests)');
run('sh', [join(root, 'scripts/ensure-chromium.sh')]);
console.log('test: making sure Xvfb and ImageMagick are installed (agent screenshots)');
run('sh', [join(root, 'scripts/ensure-agent-tools.sh')]);

const databases = option('--db') ? [option('--db')] : ['sqlite', 'pg'];
const results = [];
for (const db of databases) {
  const env = { ...process.env, NODE_ENV: 'test', OUTPOST_TEST_DB: db };
  let dropDatabase = () => {};
  if (db === 'pg') {
    run('bash', ['scripts/ensure-postgres.sh']);
    const admin = process.env.OUTPOST_TEST_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `outpost_test_${Date.now()}_${process.pid}`;
    run(process.execPath, ['scripts/pg-database.mjs', 'create', admin, name]);
    env.OUTPOST_TEST_PG = admin.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = () => run(process.execPath, ['scripts/pg-database.mjs', 'drop', admin, name]);
  }
  const statsDir = mkdtempSync(join(tmpdir(), 'outpost-stats-'));
  console.log(`\ntest: === ${db === 'pg' ? 'PostgreSQL' : 'SQLite'} ===`);
  const mochaArgs = ['scripts/run-mocha.mjs', join(statsDir, 'stats.json')];
  if (option('--grep')) mochaArgs.push('--grep', option('--grep'));
  const result = spawnSync(process.execPath, ['--enable-source-maps', ...mochaArgs], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  dropDatabase();
  const statsFile = join(statsDir, 'stats.json');
  const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : { passes: 0, failures: 1 };
  results.push({ db, ...stats, status: result.status });
}

const passed = results.reduce((sum, r) => sum + r.passes, 0);
const failed = results.reduce((sum, r) => sum + r.failures, 0);
for (const r of results) console.log(`test: ${r.db}: ${r.passes} passed, ${r.failures} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => r.status !== 0) || passed === 0 ? 1 : 0);
