import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type PluginDefinition, isPluginDefinition } from './types.js';

/**
 * The installed plugins: every `@outpost/plugin-*` package in the nearest
 * `node_modules` above `root`. Importing a plugin has no side effects; only
 * enabled plugins run.
 */
export async function discoverPlugins(root: string): Promise<PluginDefinition[]> {
  const scope = findScopeDir(root);
  if (!scope) return [];
  const found: PluginDefinition[] = [];
  for (const name of readdirSync(scope)
    .filter((entry) => entry.startsWith('plugin-'))
    .sort()) {
    const module = (await import(`@outpost/${name}`)) as Record<string, unknown>;
    const definitions = Object.values(module).filter(isPluginDefinition);
    if (definitions.length !== 1) {
      throw new Error(
        `@outpost/${name}: src/plugin.ts must export exactly one definePlugin(...) (found ${definitions.length})`,
      );
    }
    found.push(definitions[0]);
  }
  return found;
}

function findScopeDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@outpost');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
