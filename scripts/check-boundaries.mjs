#!/usr/bin/env node
// Lint rule the plugin system depends on: a plugin never imports another
// plugin's files (use the declared dependency's service ref or its events; the
// package root of a dependency in package.json is its public API), and the core
// imports no plugin at all. Prints one line per offending import.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const importPattern = /(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

function sources(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(sources(path));
    else if (/\.(ts|js|mjs)$/.test(entry)) out.push(path);
  }
  return out;
}

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

const problems = [];
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
      if (/^@outpost\/plugin-[a-z0-9-]+$/.test(spec) && from.startsWith('plugins/') && dependsOn(from, spec)) continue;
      problems.push(
        `${relative(root, file)}: imports ${spec}; ${from === 'core' ? 'the core knows no plugin' : "use the dependency's service ref or its events"}`,
      );
    }
  }
}
for (const problem of problems) console.error(`boundaries: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log("boundaries: no plugin imports another plugin's files");
