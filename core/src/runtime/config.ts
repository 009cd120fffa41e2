import { isAbsolute, resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import type { Env } from '../config/env.js';
import { configFilesFromEnv, mergeConfig, readConfigFiles, recordSources } from '../config/files.js';
import type { CoreConfig } from '../config/schema.js';
import { validateConfig } from '../config/validate.js';
import { StartupError } from '../errors.js';
import type { StreamAccess } from '../http/stream.js';
import type { Authenticator } from '../identity/principal.js';
import { discoverPlugins } from '../plugins/discover.js';
import { isCidr } from '../outbound/addresses.js';
import { checkPluginDefinitions, orderPlugins } from '../plugins/loader.js';
import type { PluginDefinition } from '../plugins/types.js';
import { corePermissionDefinitions } from '../rbac/roles.js';

export interface OutpostOptions {
  /** Where `app-config.yaml` lives; relative paths in the config resolve from here. Default: the working directory. */
  root?: string;
  env?: Env;
  /** Default: `<root>/app-config.yaml`, then each file of `OUTPOST_CONFIG`. */
  configFiles?: string[];
  /** Merged over the files, as if from a last file named `(overrides)`. */
  overrides?: Record<string, unknown>;
  /** The installed plugins. Default: every `@outpost/plugin-*` package found. */
  plugins?: PluginDefinition[];
  /** Further ways requests prove who they are, tried after the session cookie and API keys. */
  authenticators?: Authenticator[];
  /** Picks captcha characters (tests pass known ones); random by default. */
  captchaText?: () => string;
  /** Who may receive which event on the stream. Default: same tenant plus the topic's permission. */
  streamAccess?: StreamAccess;
  /** How often the stream pings its clients and checks their access again. Default: 30 s. */
  streamHeartbeatMs?: number;
  logDestination?: DestinationStream;
}

export interface LoadedConfig {
  core: CoreConfig;
  /** Enabled plugins, dependencies first. */
  plugins: PluginDefinition[];
  pluginConfig: Map<string, Record<string, unknown>>;
  files: string[];
}

/** Reads and validates the configuration and the plugin set; touches nothing else. */
export async function loadOutpostConfig(options: OutpostOptions = {}): Promise<LoadedConfig> {
  const root = options.root ?? process.cwd();
  const env = options.env ?? process.env;
  const raw = readConfigFiles(options.configFiles ?? configFilesFromEnv(root, env), env, root);
  if (options.overrides) {
    raw.values = mergeConfig(raw.values, options.overrides);
    raw.files.push('(overrides)');
    recordSources(options.overrides, '', '(overrides)', raw.sources);
  }
  const catalog = new Map((options.plugins ?? (await discoverPlugins(root))).map((p) => [p.id, p]));
  const validated = validateConfig(raw, catalog);
  const enabled = [...validated.plugins].filter(([, section]) => section.enabled).map(([id]) => id);
  const plugins = orderPlugins(catalog, enabled);
  checkPluginDefinitions(plugins, corePermissionDefinitions);
  const core = validated.core;
  if (!(core.billing.defaultPlan in core.billing.plans)) {
    throw new StartupError([
      `billing.defaultPlan: "${core.billing.defaultPlan}" is not one of the plans (${Object.keys(core.billing.plans).join(', ')})`,
    ]);
  }
  const badRanges = core.outbound.allowedPrivateRanges.filter((range) => !isCidr(range));
  if (badRanges.length > 0)
    throw new StartupError(badRanges.map((range) => `outbound.allowedPrivateRanges: "${range}" is not a CIDR range`));
  core.app.dataDir = absolute(root, core.app.dataDir);
  core.app.uiDir = absolute(root, core.app.uiDir);
  if (core.database.client === 'better-sqlite3') {
    const connection = core.database.connection as { filename: string };
    connection.filename = absolute(root, connection.filename);
  }
  return {
    core,
    plugins,
    pluginConfig: new Map(plugins.map((p) => [p.id, validated.plugins.get(p.id)!.config])),
    files: raw.files,
  };
}

function absolute(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}
