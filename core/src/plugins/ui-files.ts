import { existsSync, readFileSync } from 'node:fs';
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
