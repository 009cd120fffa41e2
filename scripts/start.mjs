#!/usr/bin/env node
// npm start: install dependencies if they are missing, build, then `outpost start`
// (which migrates, creates the first tenant and Owner on a new instance, and serves).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function step(label, command, args) {
  console.log(`start: ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) step('installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
build((line) => console.log(`start: ${line}`));

const server = spawn(process.execPath, ['--enable-source-maps', join(root, 'core/bin/outpost.js'), 'start', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
