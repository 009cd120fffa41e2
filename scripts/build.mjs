#!/usr/bin/env node
// npm run build: TypeScript everywhere (tsc -b), then the web app bundle (rollup, ui/build).
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}ui/build`;

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

export function build(log = console.log) {
  log('building: tsc -b');
  run('npx', ['tsc', '-b'], root);
  log('building: web app (rollup)');
  // Rollup adds to its output folder, so it writes a fresh one beside the bundle; the two
  // are swapped at the end, and a server running from ui/build never finds it empty.
  rmSync(`${bundle}.next`, { recursive: true, force: true });
  run('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent', '--dir', 'build.next'], `${root}ui`);
  rmSync(`${bundle}.old`, { recursive: true, force: true });
  try {
    renameSync(bundle, `${bundle}.old`);
  } catch {
    // The first build: there is no bundle yet.
  }
  renameSync(`${bundle}.next`, bundle);
  rmSync(`${bundle}.old`, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
