import type { Embeds } from '../embeds/embeds.js';
import { type AwilixContainer, InjectionMode, asValue, createContainer } from 'awilix';
import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit.js';
import type { Directory } from '../directory/directory.js';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import type { EventBus } from '../events/bus.js';
import type { Principal } from '../identity/principal.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Mailer } from '../mail/mailer.js';
import type { Outbound } from '../outbound/outbound.js';
import type { Secrets } from '../secrets/secrets.js';
import { coreServices } from '../services.js';
import type { PermissionCatalog } from '../rbac/roles.js';
import type { Quotas } from '../tenancy/quotas.js';
import { type TenantScope, createTenantScope } from '../tenancy/scope.js';
import type { PluginContext, PluginDefinition, PluginSockets, RequestScope, ServiceRef } from './types.js';

const coreOnly = new Set(['core']);

export interface CoreParts {
  config: CoreConfig;
  db: Knex;
  events: EventBus;
  jobs: JobQueue;
  mail: Mailer;
  logger: Logger;
  audit: AuditLog;
  secrets: Secrets;
  quotas: Quotas;
  permissions: PermissionCatalog;
  embeds: Embeds;
  directory: Directory;
  outbound: Outbound;
  /** The helpers of plugins' socket handlers (authenticating browser sockets). */
  sockets: PluginSockets;
}

/**
 * Holds the awilix containers: the root with the core's services and each
 * plugin's exported services, and a child container per plugin. A plugin
 * resolves only its own services, its declared dependencies' and the core's.
 */
export class PluginHost {
  private readonly root: AwilixContainer;
  private readonly owners = new Map<string, string>();
  private readonly containers = new Map<string, AwilixContainer>();
  private readonly contexts = new Map<string, PluginContext>();
  private readonly visibility = new Map<string, Set<string>>([['core', coreOnly]]);
  private readonly closers: Array<() => void | Promise<void>> = [];

  constructor(private readonly core: CoreParts) {
    this.root = createContainer({ injectionMode: InjectionMode.PROXY, strict: true });
    const values: Record<keyof typeof coreServices, unknown> = core;
    for (const [name, ref] of Object.entries(coreServices)) {
      this.root.register(ref.id, asValue(values[name as keyof typeof coreServices]));
      this.owners.set(ref.id, 'core');
    }
  }

  /** Creates the plugin's context and its services, in declaration order. */
  async start(plugin: PluginDefinition, config: Record<string, unknown>): Promise<PluginContext> {
    const container = this.root.createScope();
    const logger = this.core.logger.child({ plugin: plugin.id });
    const visible = new Set(['core', plugin.id, ...(plugin.dependencies ?? [])]);
    const context: PluginContext = {
      pluginId: plugin.id,
      config,
      coreConfig: this.core.config,
      db: this.core.db,
      events: publishOwnTopics(this.core.events, plugin),
      jobs: { enqueue: (name, payload, options) => this.core.jobs.enqueue(`${plugin.id}.${name}`, payload, options) },
      mail: this.core.mail,
      logger,
      sockets: this.core.sockets,
      get: <T>(ref: ServiceRef<T>) => this.resolve(container, visible, plugin.id, ref),
    };
    this.containers.set(plugin.id, container);
    this.visibility.set(plugin.id, visible);
    this.contexts.set(plugin.id, context);
    for (const service of plugin.services ?? []) {
      const instance = await service.create(context);
      this.root.register(service.ref.id, asValue(instance));
      this.owners.set(service.ref.id, plugin.id);
      if (service.close) this.closers.push(() => service.close!(instance));
    }
    return context;
  }

  context(pluginId: string): PluginContext {
    const context = this.contexts.get(pluginId);
    if (!context) throw new Error(`plugin "${pluginId}" is not running`);
    return context;
  }

  /**
   * A request scope for a route of `owner` (a plugin id, or `core`). Services are
   * singletons of the plugin's container; the request's own values (principal,
   * tenant, logger, request id) live on the scope object, so no container is
   * built per request.
   */
  requestScope(
    owner: string,
    values: { requestId: string; logger: () => Logger; principal: Principal | undefined },
  ): RequestScope {
    const container = this.containers.get(owner) ?? this.root;
    const visible = this.visibility.get(owner) ?? coreOnly;
    const db = this.core.db;
    let tenant: TenantScope | undefined;
    return {
      requestId: values.requestId,
      get logger() {
        return values.logger();
      },
      principal: values.principal,
      get tenant() {
        return (tenant ??= createTenantScope(db, values.principal?.tenantId));
      },
      get: <T>(ref: ServiceRef<T>) => this.resolve(container, visible, owner, ref),
    };
  }

  /** Runs the services' close hooks, last started first. */
  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
    this.closers.length = 0;
    await this.root.dispose();
  }

  private resolve<T>(container: AwilixContainer, visible: Set<string>, who: string, ref: ServiceRef<T>): T {
    const owner = this.owners.get(ref.id);
    if (!owner) throw new Error(`${who} asked for service "${ref.id}", which no running plugin provides`);
    if (!visible.has(owner)) {
      throw new Error(
        `${who} asked for service "${ref.id}" of plugin "${owner}" without declaring "${owner}" as a dependency`,
      );
    }
    return container.resolve<T>(ref.id);
  }
}

/** A plugin publishes only the topics it declares. */
function publishOwnTopics(bus: EventBus, plugin: PluginDefinition): EventBus {
  const own = new Set(Object.keys(plugin.events ?? {}));
  return {
    publish(topic, payload, options) {
      if (!own.has(topic))
        throw new Error(`plugin "${plugin.id}" publishes "${topic}" without declaring it in its events`);
      return bus.publish(topic, payload, options);
    },
    subscribe: (pattern, handler, options) => bus.subscribe(pattern, handler, options),
  };
}
