import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type PluginDefinition, isPluginDefinition } from './types.js';

/**
 * The installed plugins: every package folder under `<root>/plugins/`, then every
 * `@outpost/plugin-*` package in the nearest `node_modules` above `root` (a folder
 * linked there is found once). Importing a plugin has no side effects; only enabled
 * plugins run.
 */
export async function discoverPlugins(root: string): Promise<PluginDefinition[]> {
  return (await discoverPluginPackages(root)).map((found) => found.definition);
}

/** The installed plugins with the (real) folder of each one's package. */
export async function discoverPluginPackages(root: string): Promise<{ definition: PluginDefinition; dir: string }[]> {
  const packageDirs = [...pluginFolders(join(root, 'plugins')), ...installedPluginPackages(root)];
  const seen = new Set<string>();
  const found = new Map<string, { definition: PluginDefinition; dir: string; from: string }>();
  for (const dir of packageDirs) {
    const real = realpathSync(dir);
    if (seen.has(real)) continue;
    seen.add(real);
    const from = relative(root, real) || real;
    const definition = await importPlugin(real, from);
    const earlier = found.get(definition.id);
    if (earlier) throw new Error(`${from}: plugin id "${definition.id}" is already defined by ${earlier.from}`);
    found.set(definition.id, { definition, dir: real, from });
  }
  return [...found.values()].map(({ definition, dir }) => ({ definition, dir }));
}

/** Sub-folders of `dir` that hold a package.json, sorted by name. */
function pluginFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'package.json')))
    .map((entry) => join(dir, entry.name))
    .sort();
}

function installedPluginPackages(root: string): string[] {
  const scope = findScopeDir(root);
  if (!scope) return [];
  return readdirSync(scope)
    .filter((entry) => entry.startsWith('plugin-') && existsSync(join(scope, entry, 'package.json')))
    .sort()
    .map((entry) => join(scope, entry));
}

async function importPlugin(dir: string, from: string): Promise<PluginDefinition> {
  const entry = entryFile(dir, from);
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const definitions = Object.values(module).filter(isPluginDefinition);
  if (definitions.length !== 1) {
    throw new Error(`${from}: src/plugin.ts must export exactly one definePlugin(...) (found ${definitions.length})`);
  }
  return definitions[0];
}

/** The file a package's `exports` (or `main`) names for `import`. */
function entryFile(dir: string, from: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: string;
  };
  const root = typeof manifest.exports === 'object' && manifest.exports !== null && '.' in manifest.exports;
  let target: unknown = root ? (manifest.exports as Record<string, unknown>)['.'] : manifest.exports;
  while (typeof target === 'object' && target !== null) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.node ?? conditions.default;
  }
  const file = typeof target === 'string' ? target : manifest.main;
  if (!file) throw new Error(`${from}/package.json: no "exports" entry to import the plugin from`);
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${from}: ${file} is missing (run npm run build)`);
  return path;
}

function findScopeDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@outpost');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
