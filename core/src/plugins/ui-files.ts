import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginDefinition } from './types.js';

/** The module a plugin's pages start from, a file in its UI folder: `index.js` (from `ui/index.ts`) unless it says. */
export function pluginUiEntry(plugin: Pick<PluginDefinition, 'ui'>): string {
  return (plugin.ui?.entry ?? 'index.js').replace(/^\.?\//, '');
}

/**
 * The folder the server serves a plugin's browser files from (`/ui/plugins/<id>/`): the
 * bundle the build writes into the plugin's own package, `dist/browser` (from
 * `plugins/<id>/ui/*.ts`), found through the package `@outpost/plugin-<id>`, so a plugin
 * never names a path that differs between its sources and its compiled files. `ui.dir`
 * is for a plugin that is no package (a test's fixture). Undefined when neither is there.
 */
export function pluginUiDir(plugin: Pick<PluginDefinition, 'id' | 'ui'>): string | undefined {
  if (!plugin.ui) return undefined;
  if (plugin.ui.dir) return plugin.ui.dir;
  const root = packageRoot(`@outpost/plugin-${plugin.id}`);
  return root && join(root, 'dist', 'browser');
}

/**
 * A plugin's dictionaries, by language tag, as URLs the web app fetches before the
 * plugin's module loads: `locales/<tag>.json` in its browser files (the build copies
 * `plugins/<id>/ui/locales/*.json` there). Read on each call, so a rebuild's files count.
 */
export function pluginLocales(plugin: Pick<PluginDefinition, 'id' | 'ui'>): Record<string, string> {
  const dir = pluginUiDir(plugin);
  let files: string[];
  try {
    files = dir ? readdirSync(join(dir, 'locales')) : [];
  } catch {
    return {};
  }
  return Object.fromEntries(
    files
      .map((file) => /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/.exec(file)?.[1])
      .filter((tag): tag is string => Boolean(tag))
      .sort()
      .map((tag) => [tag, `/ui/plugins/${plugin.id}/locales/${tag}.json`]),
  );
}

function packageRoot(name: string): string | undefined {
  let file: string;
  try {
    file = fileURLToPath(import.meta.resolve(name));
  } catch {
    return undefined;
  }
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
      return dir;
  }
  return undefined;
}
