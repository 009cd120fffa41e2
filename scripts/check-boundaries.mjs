#!/usr/bin/env node
// Lint rules the plugin system depends on:
// - a plugin never imports another plugin's files (use the declared dependency's
//   service ref or its events; the package root of a dependency in package.json is
//   its public API), and the core imports no plugin at all;
// - a plugin never names a `core_` table outside its migrations (which may declare
//   foreign keys to core tables): it reads users, memberships and tenants through
//   coreServices.directory. A plugin's tests (`plugins/<id>/test/`) may arrange core
//   rows, as the cross-plugin suites in test/ do.
// Prints one line per offence. `node scripts/check-boundaries.mjs [root]` checks
// another checkout (the tests run it on a fixture).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFiles } from './source-files.mjs';

const root = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('..', import.meta.url));
const importPattern = /(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

const sources = (dir) => sourceFiles(dir, (name) => /\.(ts|js|mjs)$/.test(name));

const owner = (file) => {
  const parts = relative(root, file).split('/');
  return parts[0] === 'plugins' ? `plugins/${parts[1]}` : parts[0];
};

const dependsOn = (pluginDir, spec) => {
  try {
    const manifest = JSON.parse(readFileSync(join(root, pluginDir, 'package.json'), 'utf8'));
    return Boolean(manifest.dependencies?.[spec]);
  } catch {
    return false;
  }
};

const coreTable = /\bcore_[a-z][a-z0-9_]*/g;

/** `plugins/<id>/.../migrations.ts`, anything under a `migrations` folder, and the plugin's `test/` folder. */
const mayNameCoreTables = (file) => {
  const parts = relative(root, file).split(sep);
  return (
    parts[2] === 'test' || parts.slice(2, -1).includes('migrations') || /^migrations\.[mc]?[jt]s$/.test(parts.at(-1))
  );
};

const problems = [];
for (const file of sources(join(root, 'plugins'))) {
  if (mayNameCoreTables(file)) continue;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      for (const [table] of line.matchAll(coreTable))
        problems.push(
          `${relative(root, file)}:${index + 1}: names the core table ${table}; read users, memberships and tenants through coreServices.directory (only migrations may name core tables)`,
        );
    });
}
for (const area of ['core', 'plugins']) {
  for (const file of sources(join(root, area))) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(importPattern)) {
      const from = owner(file);
      let target;
      if (spec.startsWith('.')) target = owner(resolve(dirname(file), spec));
      else if (spec.startsWith('@outpost/plugin-'))
        target = `plugins/${spec.slice('@outpost/plugin-'.length).split('/')[0]}`;
      else continue;
      if (target === from || !target.startsWith('plugins/')) continue;
      // A declared dependency's package root is its public API (service refs and types).
      const packageRoot = /^@outpost\/plugin-[a-z0-9-]+$/.test(spec);
      if (packageRoot && from.startsWith('plugins/') && dependsOn(from, spec)) continue;
      let why = "use the dependency's service ref or its events";
      if (from === 'core') why = 'the core knows no plugin';
      else if (packageRoot)
        why = `${from}/package.json does not list it: declare the dependency (src/plugin.ts dependencies, package.json dependencies, a tsconfig.json reference)`;
      problems.push(`${relative(root, file)}: imports ${spec}; ${why}`);
    }
  }
}
for (const problem of problems) console.error(`boundaries: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log("boundaries: no plugin imports another plugin's files or names a core table outside its migrations");
