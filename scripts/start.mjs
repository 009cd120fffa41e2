#!/usr/bin/env node
// npm start: install dependencies if they are missing, build, then `outpost start`
// (which migrates, creates the first tenant and Owner on a new instance, and serves).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInstalled } from './install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const log = (line) => console.log(`start: ${line}`);
await ensureInstalled(log);
build(log);

const server = spawn(
  process.execPath,
  ['--enable-source-maps', join(root, 'core/bin/outpost.js'), 'start', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
