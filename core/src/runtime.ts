import { type Server, ServerResponse } from 'node:http';
import type Koa from 'koa';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { coreMigrations } from '../migrations/index.js';
import type { CoreConfig } from './config/schema.js';
import { createDatabase } from './db/database.js';
import { prepareDataFolder } from './db/data-folder.js';
import { Migrator } from './db/migrator.js';
import type { LocalEventBus } from './events/bus.js';
import { createOriginCheck } from './http/origin.js';
import type { PluginSocketParts } from './http/upgrade.js';
import type { MountedRoute } from './http/router.js';
import { attachStream, sameTenantAccess } from './http/stream.js';
import { coreEvents } from './identity/access-changes.js';
import { bootstrapInstance, type FirstOwner } from './identity/bootstrap.js';
import type { Identity } from './identity/identity.js';
import { asRecheck } from './identity/principal.js';
import type { JobRunner } from './jobs/runner.js';
import type { Scheduler } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { jobDelivery } from './events/cluster-delivery.js';
import type { PluginDefinition } from './plugins/types.js';
import { type OutpostOptions, loadOutpostConfig } from './runtime/config.js';
import { createCoreServices } from './runtime/core-services.js';
import { createEventBus, eventRegistry, topicGuard, withoutInternal } from './runtime/events.js';
import { authenticateWith, createHttpApp } from './runtime/http-app.js';
import { createJobs } from './runtime/jobs.js';
import { startPlugins } from './runtime/plugins.js';
import { mountRoutes } from './runtime/routes.js';
import { attachPluginSockets, closeServer, createHttpServer, listen } from './runtime/server.js';
import type { Tenancy } from './tenancy/tenancy.js';

export { loadOutpostConfig, type LoadedConfig, type OutpostOptions } from './runtime/config.js';

export interface StartResult {
  url: string;
  /** Set on the very first start only. */
  firstOwner?: FirstOwner;
}

export interface Outpost {
  readonly config: CoreConfig;
  readonly plugins: PluginDefinition[];
  readonly db: Knex;
  readonly logger: Logger;
  readonly migrator: Migrator;
  readonly events: LocalEventBus;
  readonly jobs: JobRunner;
  readonly scheduler: Scheduler;
  readonly routes: MountedRoute[];
  readonly permissions: string[];
  readonly identity: Identity;
  readonly tenancy: Tenancy;
  readonly server: Server | undefined;
  /** The first Owner, once start() created it: also when a later step of that start failed. */
  readonly firstOwner: FirstOwner | undefined;
  start(): Promise<StartResult>;
  /** Stops accepting, lets in-flight requests and jobs finish, closes everything. */
  stop(): Promise<void>;
}

/**
 * Builds an Outpost instance from its configuration: database, event bus, jobs, the
 * core's services and the plugin host, the routes and the koa app. Nothing runs until
 * `start()`.
 */
export async function createOutpost(options: OutpostOptions = {}): Promise<Outpost> {
  const loaded = await loadOutpostConfig(options);
  const { core, plugins } = loaded;
  const logger = createLogger(core.log.level, options.logDestination);
  prepareDataFolder(core.app.dataDir, logger);
  const db = createDatabase(core.database, logger);
  const devChecks = ['test', 'development'].includes(process.env.NODE_ENV ?? '');
  const migrator = new Migrator(db, [
    { owner: 'core', migrations: coreMigrations },
    ...plugins.map((p) => ({ owner: p.id, migrations: p.migrations ?? [] })),
  ]);
  const topics = eventRegistry([{ events: coreEvents }, ...plugins]);
  // Once-per-cluster deliveries are stored as jobs; plugin jobs run after start(), when the host holds the contexts.
  const events = createEventBus(
    core,
    db,
    topicGuard(topics, devChecks),
    jobDelivery(() => jobs),
    logger,
  );
  const { runner: jobs, scheduler } = createJobs(core, db, plugins, (id) => host.context(id), events, logger);
  const { mail, secretKeySource, permissions, identity, tenancy, host } = createCoreServices({
    core,
    db,
    events,
    jobs,
    plugins,
    logger,
    captchaText: options.captchaText,
    sockets: () => socketParts,
  });
  const routes = mountRoutes(plugins, { identity, tenancy, baseUrl: core.app.baseUrl });
  const isOwnOrigin = createOriginCheck(core.app.baseUrl);
  const authenticate = authenticateWith([...identity.authenticators, ...(options.authenticators ?? [])]);
  let server: Server | undefined;
  let firstOwner: FirstOwner | undefined;
  let shuttingDown = false;
  let stopping: Promise<void> | undefined;
  let stream: ReturnType<typeof attachStream> | undefined;
  const app = createHttpApp({
    core,
    db,
    migrator,
    logger,
    plugins,
    routes,
    host,
    authenticate,
    isOwnOrigin,
    validateResponses: devChecks,
    isShuttingDown: () => shuttingDown,
  });

  const contextFor = (request: Parameters<Koa['createContext']>[0]) =>
    app.createContext(request, new ServerResponse(request)) as Koa.Context;
  let listeningUrl: string | undefined;
  const socketParts: PluginSocketParts = {
    authenticate: (request) => authenticate(contextFor(request)),
    reauthenticate: (request) => authenticate(asRecheck(contextFor(request))),
    isOwnOrigin,
    listeningUrl: () => listeningUrl,
  };

  return {
    config: core,
    plugins,
    db,
    logger,
    migrator,
    events,
    jobs,
    scheduler,
    routes,
    permissions,
    identity,
    tenancy,
    get server() {
      return server;
    },
    get firstOwner() {
      return firstOwner;
    },

    async start() {
      const applied = await migrator.latest();
      if (applied.length > 0)
        logger.info({ migrations: applied.map((m) => `${m.owner}/${m.name}`) }, 'database migrated');
      firstOwner = await bootstrapInstance(db, core.bootstrap);
      if (core.database.client === 'pg' && secretKeySource !== 'config') {
        logger.warn('secrets.key is not set: instances sharing this database must share one key (OUTPOST_SECRET_KEY)');
      }
      await events.start();
      await startPlugins(host, plugins, loaded.pluginConfig, events);
      server = createHttpServer(app, core, logger);
      stream = attachStream(server, {
        bus: events,
        logger,
        isOwnOrigin,
        authenticate: (request) => authenticate(contextFor(request)),
        reauthenticate: (request) => authenticate(asRecheck(contextFor(request))),
        heartbeatMs: options.streamHeartbeatMs,
        canReceive: withoutInternal(
          options.streamAccess ?? sameTenantAccess((topic) => topics.get(topic)?.permission),
          topics,
        ),
      });
      attachPluginSockets(server, plugins, (id) => host.context(id));
      const url = await listen(server, core);
      listeningUrl = url;
      if (core.jobs.enabled) {
        jobs.start();
        await scheduler.start();
      }
      logger.info({ url, plugins: plugins.map((p) => p.id) }, 'outpost is listening');
      return { url, firstOwner };
    },

    stop() {
      stopping ??= (async () => {
        shuttingDown = true;
        const deadline = Date.now() + core.app.shutdownTimeoutMs;
        scheduler.stop();
        stream?.close();
        // No job is claimed once the stop begins; those running finish while requests drain.
        const jobsStopped = jobs.stop(Math.max(0, deadline - Date.now() - 500));
        if (server) await closeServer(server, deadline - 1000);
        await jobsStopped;
        await host.close();
        await identity.close();
        await events.stop();
        mail.close();
        await db.destroy();
        logger.info('outpost stopped');
      })();
      return stopping;
    },
  };
}
