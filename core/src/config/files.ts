import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import { StartupError } from '../errors.js';
import { type Env, isPlainObject, substituteEnv } from './env.js';

/** The merged configuration and, for each dotted path, the file that set it last. */
export interface RawConfig {
  values: Record<string, unknown>;
  sources: Map<string, string>;
  files: string[];
}

/** `app-config.yaml`, then each file of `OUTPOST_CONFIG` (colon-separated), merged in order. */
export function configFilesFromEnv(root: string, env: Env): string[] {
  const overlays = (env.OUTPOST_CONFIG ?? '').split(':').filter(Boolean);
  return [`${root}/app-config.yaml`, ...overlays.map((file) => (file.startsWith('/') ? file : `${root}/${file}`))];
}

export function readConfigFiles(files: string[], env: Env, cwd = process.cwd()): RawConfig {
  const problems: string[] = [];
  const sources = new Map<string, string>();
  let values: Record<string, unknown> = {};
  for (const file of files) {
    const name = relative(cwd, file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      problems.push(`${name}: cannot read the file`);
      continue;
    }
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) {
      // Later YAML errors are mostly echoes of the first one.
      const [error] = doc.errors;
      const at = error.linePos?.[0];
      problems.push(
        `${name}: line ${at?.line ?? '?'}, column ${at?.col ?? '?'}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      );
      continue;
    }
    const parsed = substituteEnv(doc.toJS() ?? {}, env);
    if (!isPlainObject(parsed)) {
      problems.push(`${name}: the top level must be a mapping of keys`);
      continue;
    }
    recordSources(parsed, '', name, sources);
    values = mergeConfig(values, parsed);
  }
  if (problems.length > 0) throw new StartupError(problems);
  return { values, sources, files: files.map((file) => relative(cwd, file) || file) };
}

/** Objects merge key by key; anything else (arrays included) is replaced. */
export function mergeConfig(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return out;
}

export function recordSources(
  value: Record<string, unknown>,
  prefix: string,
  file: string,
  sources: Map<string, string>,
): void {
  for (const [key, item] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    sources.set(path, file);
    if (isPlainObject(item)) recordSources(item, path, file, sources);
  }
}

/** The file that set `path`, or that set its nearest parent. */
export function sourceOf(raw: RawConfig, path: string): string {
  for (let current = path; current; current = current.includes('.') ? current.slice(0, current.lastIndexOf('.')) : '') {
    const file = raw.sources.get(current);
    if (file) return file;
  }
  return raw.files[raw.files.length - 1] ?? 'app-config.yaml';
}
