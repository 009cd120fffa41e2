import type { ErrorObject } from 'ajv';
import { StartupError } from '../errors.js';
import type { PluginDefinition } from '../plugins/types.js';
import { createAjv, describeAjvError, pointerToPath, simplifyAjvErrors } from '../schema/ajv.js';
import { isPlainObject } from './env.js';
import { type RawConfig, sourceOf } from './files.js';
import { type CoreConfig, coreConfigSchema, pgConnectionSchema, sqliteConnectionSchema } from './schema.js';

export interface PluginSection {
  enabled: boolean;
  config: Record<string, unknown>;
}

export interface ValidatedConfig {
  core: CoreConfig;
  /** Every known plugin, enabled or not, with its validated section. */
  plugins: Map<string, PluginSection>;
}

const ajv = createAjv({ useDefaults: true });
ajv.addFormat('http-url', isHttpUrl);
const validateCore = ajv.compile(coreConfigSchema);
const validateSqlite = ajv.compile(sqliteConnectionSchema);
const validatePg = ajv.compile(pgConnectionSchema);

/**
 * Validates the core's sections and each plugin's section against its schema,
 * applying defaults. Throws one StartupError listing every problem as
 * `<file>: <yaml path>: <what was expected>`.
 */
/** Keys that have moved: the message for one of them names its new place. */
const movedKeys: Array<[RegExp, string]> = [
  [/^plugins\.invites\.customClients\.allowPrivateAddresses$/, 'outbound.allowPrivateAddresses'],
  [/^billing\.plans\.([^.]+)\.deviceLimit$/, 'billing.plans.$1.limits.devices'],
  [/^billing\.plans\.([^.]+)\.memberLimit$/, 'billing.plans.$1.limits.members'],
];

function movedTo(path: string): string | undefined {
  const moved = movedKeys.find(([pattern]) => pattern.test(path));
  return moved && path.replace(moved[0], moved[1]);
}

export function validateConfig(raw: RawConfig, catalog: ReadonlyMap<string, PluginDefinition>): ValidatedConfig {
  const problems: string[] = [];
  const values = structuredClone(raw.values);
  const report = (errors: ErrorObject[] | null | undefined, prefix: string) => {
    for (const error of simplifyAjvErrors(errors ?? [])) {
      const { pointer, message } =
        error.keyword === 'format' && error.params.format === 'http-url'
          ? {
              pointer: error.instancePath,
              message: `expected an absolute http:// or https:// URL, got "${error.data}"`,
            }
          : describeAjvError(error);
      const path = [prefix, pointerToPath(pointer)].filter(Boolean).join('.');
      const moved = error.keyword === 'additionalProperties' ? movedTo(path) : undefined;
      problems.push(`${sourceOf(raw, path)}: ${path || '(top level)'}: ${moved ? `moved to ${moved}` : message}`);
    }
  };

  if (!validateCore(values)) report(validateCore.errors, '');
  const core = values as unknown as CoreConfig;
  const database = isPlainObject(values.database) ? values.database : undefined;
  if (database && (database.client === 'pg' || database.client === 'better-sqlite3')) {
    const check = database.client === 'pg' ? validatePg : validateSqlite;
    if (!check(database.connection)) report(check.errors, 'database.connection');
  }

  const plugins = new Map<string, PluginSection>();
  const sections = isPlainObject(values.plugins) ? values.plugins : {};
  for (const id of Object.keys(sections)) {
    if (!catalog.has(id)) {
      const known = [...catalog.keys()].sort();
      problems.push(
        `${sourceOf(raw, `plugins.${id}`)}: plugins.${id}: unknown plugin "${id}"${known.length ? ` (known plugins: ${known.join(', ')})` : ' (no plugins are installed)'}`,
      );
    }
  }
  for (const [id, definition] of catalog) {
    const section = sections[id];
    if (section === undefined) {
      plugins.set(id, { enabled: false, config: {} });
      continue;
    }
    const enabled = isPlainObject(section) && section.enabled === true;
    const validate = ajv.compile(pluginSectionSchema(definition, enabled));
    if (!validate(section)) {
      report(validate.errors, `plugins.${id}`);
      continue;
    }
    const { enabled: _enabled, ...config } = section as Record<string, unknown>;
    plugins.set(id, { enabled, config });
  }

  if (problems.length > 0) throw new StartupError(problems);
  return { core, plugins };
}

/** A plugin's section: `enabled` plus the plugin's own keys, required only when it is enabled. */
function pluginSectionSchema(definition: PluginDefinition, enabled: boolean): object {
  const own = (definition.configSchema ?? { properties: {}, required: [] }) as {
    properties?: object;
    required?: string[];
  };
  return {
    type: 'object',
    properties: { enabled: { type: 'boolean' }, ...own.properties },
    required: ['enabled', ...(enabled ? (own.required ?? []) : [])],
    additionalProperties: false,
  };
}

/** An absolute http:// or https:// URL with a host, as `new URL` reads it. */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
