#!/usr/bin/env node
// npm run build: TypeScript everywhere (tsc -b), then the web app bundle (rollup, ui/build).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function build(log = console.log) {
  for (const [label, command, args, cwd] of [
    ['tsc -b', 'npx', ['tsc', '-b'], root],
    ['web app (rollup)', 'npx', ['rollup', '-c', 'rollup.config.mjs', '--silent'], `${root}ui`],
  ]) {
    log(`building: ${label}`);
    // Rollup adds to its output folder; a clean one holds only this build's files.
    if (cwd !== root) rmSync(`${root}ui/build`, { recursive: true, force: true });
    const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`build: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
