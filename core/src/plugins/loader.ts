import { StartupError } from '../errors.js';
import { unboundedParts } from '../schema/bounded.js';
import { nextTick } from '../jobs/scheduler.js';
import { settingsTabProblems } from './settings-tabs.js';
import type { PermissionDefinition, PluginDefinition } from './types.js';

/** At most 32 characters: tables are named `<id>_<name>` within PostgreSQL's 63. */
export const pluginIdPattern = /^(?=.{1,32}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/**
 * Ids no plugin may take: the roots of the core's own API paths (a plugin's routes are
 * mounted at `/api/v1/<id>`), the web app's own pages (a plugin's page is `/<id>`), the
 * server's own paths, and `core`, the prefix of the core's topics and services.
 */
export const reservedPluginIds = [
  'accept-invitation',
  'account',
  'agent',
  'api',
  'api-keys',
  'audit',
  'auth',
  'billing',
  'core',
  'healthz',
  'metrics',
  'permissions',
  'readyz',
  'roles',
  'settings',
  'sign-in',
  'sign-up',
  'stream',
  'team',
  'tenants',
  'ui',
];
const permissionPattern = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
const grantableRoles = ['admin', 'member', 'viewer'];
/**
 * Permission ids from before plugins named their own, when the core declared them:
 * custom roles and API keys store them, so the plugins that now declare them keep
 * these names. Every other plugin permission is `<plugin>.<resource>.<action>`.
 */
const earlierPermissionIds = new Set([
  'device.view',
  'device.connect',
  'device.manage',
  'groups.manage',
  'ticket.view',
  'ticket.manage',
]);
const topicPattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/;
const subscriberDeliveries: unknown[] = ['every-instance', 'once-per-cluster'];

/**
 * The enabled plugins in dependency order (dependencies first, ties by id).
 * Refuses, with one message per problem, a dependency that is missing or not
 * enabled and any cycle.
 */
export function orderPlugins(catalog: ReadonlyMap<string, PluginDefinition>, enabledIds: string[]): PluginDefinition[] {
  const problems: string[] = [];
  const enabled = new Set(enabledIds);
  for (const id of [...enabled].sort()) {
    for (const dependency of catalog.get(id)?.dependencies ?? []) {
      if (!catalog.has(dependency)) {
        problems.push(`plugins.${id}: needs plugin "${dependency}", which is not installed`);
      } else if (!enabled.has(dependency)) {
        problems.push(
          `plugins.${id}: needs plugin "${dependency}"; enable it with plugins.${dependency}.enabled: true`,
        );
      }
    }
  }

  const ordered: PluginDefinition[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles = new Set<string>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done' || !enabled.has(id)) return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      cycles.add(cycle.join(' → '));
      return;
    }
    state.set(id, 'visiting');
    for (const dependency of [...(catalog.get(id)?.dependencies ?? [])].sort()) visit(dependency, [...trail, id]);
    state.set(id, 'done');
    ordered.push(catalog.get(id)!);
  };
  for (const id of [...enabled].sort()) visit(id, []);
  for (const cycle of cycles) problems.push(`plugins depend on each other in a cycle: ${cycle}`);

  if (problems.length > 0) throw new StartupError(problems);
  return ordered;
}

/**
 * Checks what the enabled plugins declare before anything runs: names, that every
 * route has a declared permission or says it is public, bounded request schemas,
 * unique services, jobs, subscribers and routes, valid schedules and subscriber deliveries.
 */
export function checkPluginDefinitions(
  plugins: PluginDefinition[],
  corePermissions: readonly PermissionDefinition[],
): void {
  const problems: string[] = [];
  const permissionOwner = new Map(corePermissions.map((p) => [p.id, 'core']));
  const serviceOwner = new Map<string, string>();
  const topicOwner = new Map<string, string>();
  const externalOwner = new Map<string, string>();

  for (const plugin of plugins) {
    const at = `plugin "${plugin.id}"`;
    if (!pluginIdPattern.test(plugin.id)) problems.push(`${at}: the id must match ${pluginIdPattern}`);
    else if (reservedPluginIds.includes(plugin.id))
      problems.push(`${at}: the id is the core's own (${plugin.id}); choose another`);
    const visible = new Set(['core', plugin.id, ...(plugin.dependencies ?? [])]);

    for (const permission of plugin.permissions ?? []) {
      const named = permissionPattern.test(permission.id) && permission.id.startsWith(`${plugin.id}.`);
      if (!named && !earlierPermissionIds.has(permission.id)) {
        problems.push(`${at}: permission "${permission.id}" must be named ${plugin.id}.<resource>.<action>`);
      } else if (permissionOwner.has(permission.id)) {
        problems.push(`${at}: permission "${permission.id}" is declared twice`);
      }
      const roles: unknown = permission.roles;
      if (!Array.isArray(roles) || roles.some((role) => !grantableRoles.includes(role as string)))
        problems.push(
          `${at}: permission "${permission.id}" must list the built-in roles that hold it: roles: [] or some of ${grantableRoles.join(', ')}`,
        );
      permissionOwner.set(permission.id, plugin.id);
    }

    for (const service of plugin.services ?? []) {
      if (!service.ref.id.startsWith(`${plugin.id}.`))
        problems.push(`${at}: service "${service.ref.id}" must be named ${plugin.id}.<name>`);
      if (serviceOwner.has(service.ref.id)) problems.push(`${at}: service "${service.ref.id}" is registered twice`);
      serviceOwner.set(service.ref.id, plugin.id);
    }

    for (const topic of Object.keys(plugin.events ?? {})) {
      if (!topicPattern.test(topic) || !topic.startsWith(`${plugin.id}.`)) {
        problems.push(`${at}: event "${topic}" must be named ${plugin.id}.<resource>.<past-tense>`);
      }
      topicOwner.set(topic, plugin.id);
    }

    const subscriberIds = new Set<string>();
    for (const subscriber of plugin.subscribers ?? []) {
      const where = `${at}: subscriber "${subscriber.subscriberId}"`;
      if (subscriberIds.has(subscriber.subscriberId)) problems.push(`${where} is declared twice`);
      subscriberIds.add(subscriber.subscriberId);
      if (!subscriberDeliveries.includes(subscriber.delivery))
        problems.push(`${where}: delivery must be "every-instance" or "once-per-cluster"`);
    }

    for (const route of plugin.externalRoutes ?? []) {
      if (!route.path.startsWith('/') || route.path.startsWith('/api/')) {
        problems.push(`${at}: external route ${route.path} must be an absolute path outside /api/`);
      }
    }
    for (const socket of plugin.sockets ?? []) {
      const ownApi = `/api/v1/${plugin.id}/`;
      if (
        !socket.path.startsWith('/') ||
        (socket.path.startsWith('/api/') && !(socket.path.startsWith(ownApi) && socket.path.length > ownApi.length))
      )
        problems.push(`${at}: socket ${socket.path} must be an absolute path outside /api/ or under ${ownApi}`);
      if (socket.prefix && !socket.path.endsWith('/'))
        problems.push(`${at}: socket prefix ${socket.path} must end with /`);
      const key = `socket ${socket.prefix ? 'prefix ' : ''}${socket.path}`;
      if (externalOwner.has(key))
        problems.push(`${at}: socket ${socket.path} is also served by plugin "${externalOwner.get(key)}"`);
      externalOwner.set(key, plugin.id);
    }

    const routeKeys = new Set<string>();
    const routes = [...(plugin.routes ?? []), ...(plugin.externalRoutes ?? [])];
    for (const route of routes) {
      const where = `${at}: route ${route.method.toUpperCase()} ${route.path}`;
      const key = `${route.method} ${route.path.replace(/:[^/]+/g, ':')}`;
      if (routeKeys.has(key)) problems.push(`${where}: declared twice`);
      routeKeys.add(key);
      if (plugin.externalRoutes?.includes(route)) {
        const globalKey = `route ${key}`;
        if (externalOwner.has(globalKey))
          problems.push(`${where}: also served by plugin "${externalOwner.get(globalKey)}"`);
        externalOwner.set(globalKey, plugin.id);
      }
      if (route.crossOrigin && !route.public) problems.push(`${where}: crossOrigin routes must be public`);
      if (!route.public && !route.permission && !route.signedIn) {
        problems.push(`${where}: declares no permission (say public: true or signedIn: true if it needs none)`);
      }
      if (route.permission) {
        const owner = permissionOwner.get(route.permission);
        if (!owner || !visible.has(owner))
          problems.push(
            `${where}: permission "${route.permission}" is not declared by this plugin, a dependency or the core`,
          );
      }
      const declaredParams = Object.keys(
        (route.schema?.params as { properties?: object } | undefined)?.properties ?? {},
      );
      for (const name of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        if (!declaredParams.includes(name.slice(1))) problems.push(`${where}: path parameter ${name} has no schema`);
      }
      for (const part of ['params', 'query', 'body'] as const) {
        for (const problem of unboundedParts(route.schema?.[part], part)) problems.push(`${where}: ${problem}`);
      }
    }

    const jobNames = new Set<string>();
    for (const job of plugin.jobs ?? []) {
      if (jobNames.has(job.name)) problems.push(`${at}: job "${job.name}" is declared twice`);
      jobNames.add(job.name);
      if (job.schedule) {
        try {
          nextTick(job.schedule, new Date());
        } catch (error) {
          problems.push(`${at}: job "${job.name}" has an invalid schedule: ${(error as Error).message}`);
        }
      }
    }

    for (const subscriber of plugin.subscribers ?? []) {
      if (subscriber.topic.includes('*')) continue;
      const owner = topicOwner.get(subscriber.topic);
      if (!owner || !visible.has(owner)) {
        problems.push(
          `${at}: subscriber "${subscriber.subscriberId}" listens to "${subscriber.topic}", which no dependency declares`,
        );
      }
    }

    for (const entry of plugin.ui?.nav ?? []) {
      if (entry.permission && !permissionOwner.has(entry.permission)) {
        problems.push(`${at}: navigation entry "${entry.label}" needs undeclared permission "${entry.permission}"`);
      }
    }
    for (const page of plugin.ui?.pages ?? []) {
      if (typeof page.path !== 'string' || !page.path.startsWith(`/${plugin.id}/`))
        problems.push(`${at}: page "${page.path}" must be a path under "/${plugin.id}/"`);
      if (page.permission && !permissionOwner.has(page.permission))
        problems.push(`${at}: page "${page.path}" needs undeclared permission "${page.permission}"`);
    }
    for (const action of plugin.ui?.homeActions ?? []) {
      if (typeof action.label !== 'string' || !action.label.trim()) {
        problems.push(`${at}: a home action has an empty label`);
      }
      if (typeof action.path !== 'string' || !action.path.startsWith('/'))
        problems.push(`${at}: home action "${action.label}" path must start with "/"`);
      if (action.permission && !permissionOwner.has(action.permission)) {
        problems.push(`${at}: home action "${action.label}" needs undeclared permission "${action.permission}"`);
      }
    }
    for (const palette of plugin.ui?.palette ?? []) {
      if (typeof palette.module !== 'string' || !/^(\.\/)?[\w-]+\.js$/.test(palette.module))
        problems.push(
          `${at}: palette module "${palette.module}" must be a file of the plugin's bundle, like palette.js`,
        );
      if (palette.permission && !permissionOwner.has(palette.permission)) {
        problems.push(`${at}: palette module "${palette.module}" needs undeclared permission "${palette.permission}"`);
      }
    }
  }
  problems.push(...settingsTabProblems(plugins, new Set(permissionOwner.keys())));
  if (problems.length > 0) throw new StartupError(problems);
}
