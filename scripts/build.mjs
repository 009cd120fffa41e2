#!/usr/bin/env node
// npm run build: TypeScript everywhere (tsc -b), then each plugin's browser bundle (plugins/<id>/dist/browser)
// and the web app bundle (rollup, ui/build).
// npm run typecheck (--typecheck): only the TypeScript part.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginFolders } from './plugin-folders.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}ui/build`;

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/**
 * The TypeScript projects tsc -b builds, computed so that a new plugin folder with a
 * tsconfig.json is built without editing any list: core, agent, ui, each plugin, test.
 */
export function typescriptProjects() {
  const plugins = pluginFolders(root, 'tsconfig.json').map((dir) => relative(root, dir));
  // A plugin's browser code is a project of its own (DOM, no Node), built after the plugin's (for its API types).
  const pluginUis = pluginFolders(root, 'ui/tsconfig.json').map((dir) => `${relative(root, dir)}/ui`);
  return ['core', 'agent', 'ui', ...plugins, ...pluginUis, 'test'];
}

export function typecheck(log = console.log) {
  const projects = typescriptProjects();
  log(`building: tsc -b ${projects.join(' ')}`);
  run('npx', ['tsc', '-b', ...projects], root);
}

export function build(log = console.log) {
  typecheck(log);
  // Each plugin's browser bundle (rollup, in a process of its own: this build is synchronous).
  run(process.execPath, [`${root}scripts/build-plugin-ui.mjs`], root);
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--typecheck')) typecheck();
  else build();
}
