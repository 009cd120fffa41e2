// A plugin's browser bundle: rollup takes what tsc -b compiled from plugins/<id>/ui (into
// plugins/<id>/dist/ui) and writes one bundle, plugins/<id>/dist/browser/index.js (plus a
// hashed chunk per lazily imported module), which the server serves at /ui/plugins/<id>/.
// A plugin with command palette providers (ui/palette.ts) gets a second entry, palette.js,
// small enough to load when the palette opens; code both entries use goes into a shared chunk.
// Lit and the shell's helpers come from window.Outpost through @outpost/ui-sdk, never
// from a copy in the bundle. The plugin's dictionaries (plugins/<id>/ui/locales/<tag>.json)
// are copied beside it, into dist/browser/locales, where the UI manifest points the web app.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { pluginFolders } from './plugin-folders.mjs';

/** A plugin has a typed UI when plugins/<id>/ui/tsconfig.json exists. */
export function pluginsWithUi(root) {
  return pluginFolders(root, 'ui/tsconfig.json');
}

/** Refuses Lit in a plugin bundle: a second copy would break `instanceof` and templates across the shell. */
function oneCopyOfLit(pluginDir) {
  return {
    name: 'outpost-one-copy-of-lit',
    resolveId(source, importer) {
      if (/^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(source)) {
        this.error(
          `${importer ?? pluginDir} imports ${source}: import LitElement, html, css and the rest from '@outpost/ui-sdk'`,
        );
      }
      return null;
    },
  };
}

/**
 * Copies a plugin's dictionaries (`ui/locales/<tag>.json`: English text → translation) into
 * its browser files; a file that is no flat object of strings stops the build with its name.
 */
function copyDictionaries(pluginDir, out) {
  const source = join(pluginDir, 'ui', 'locales');
  if (!existsSync(source)) return;
  mkdirSync(join(out, 'locales'));
  for (const file of readdirSync(source).filter((name) => name.endsWith('.json'))) {
    const path = join(source, file);
    let dictionary;
    try {
      dictionary = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path}: ${error.message}`);
    }
    const wrong =
      !dictionary || typeof dictionary !== 'object' || Array.isArray(dictionary)
        ? '(the file)'
        : Object.keys(dictionary).find((key) => typeof dictionary[key] !== 'string');
    if (wrong)
      throw new Error(`${path}: ${wrong} is no string; a dictionary maps each English text to its translation`);
    writeFileSync(join(out, 'locales', file), JSON.stringify(dictionary));
  }
}

/** Bundles one plugin's compiled UI (tsc -b first). */
export async function buildPluginUi(pluginDir) {
  const input = join(pluginDir, 'dist', 'ui', 'index.js');
  if (!existsSync(input))
    throw new Error(`${input} is missing: plugins/<id>/ui/index.ts is the UI's entry (run tsc -b first)`);
  const out = join(pluginDir, 'dist', 'browser');
  const palette = join(pluginDir, 'dist', 'ui', 'palette.js');
  const bundle = await rollup({
    input: existsSync(palette) ? { index: input, palette } : { index: input },
    plugins: [oneCopyOfLit(pluginDir), nodeResolve({ browser: true }), terser({ format: { comments: false } })],
    onwarn(warning, warn) {
      // A plugin's module may `import '@outpost/ui-sdk'` only for its types; nothing else is worth hiding.
      if (warning.code === 'EMPTY_BUNDLE') return;
      warn(warning);
    },
  });
  // A fresh folder beside the served one, swapped in at the end: a running server never finds it half-written.
  rmSync(`${out}.next`, { recursive: true, force: true });
  await bundle.write({
    dir: `${out}.next`,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
  });
  await bundle.close();
  copyDictionaries(pluginDir, `${out}.next`);
  rmSync(`${out}.old`, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, `${out}.old`);
  renameSync(`${out}.next`, out);
  rmSync(`${out}.old`, { recursive: true, force: true });
}

/** Bundles every plugin that has a typed UI. */
export async function buildPluginUis(root, log = console.log) {
  for (const dir of pluginsWithUi(root)) {
    log(`building: ${dir.slice(root.length)} browser bundle (rollup)`);
    await buildPluginUi(dir);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildPluginUis(fileURLToPath(new URL('..', import.meta.url))).catch((error) => {
    console.error(`build: plugin UI: ${error.message}`);
    process.exit(1);
  });
}
