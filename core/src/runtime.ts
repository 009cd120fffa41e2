import { type IncomingMessage, ServerResponse, type Server, createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import Koa from 'koa';
import type { Knex } from 'knex';
import type { DestinationStream, Logger } from 'pino';
import { type Env } from './config/env.js';
import { StartupError } from './errors.js';
import { configFilesFromEnv, mergeConfig, readConfigFiles, recordSources } from './config/files.js';
import type { CoreConfig } from './config/schema.js';
import { validateConfig } from './config/validate.js';
import { coreMigrations } from '../migrations/index.js';
import { createDatabase } from './db/database.js';
import { prepareDataFolder } from './db/data-folder.js';
import { Migrator } from './db/migrator.js';
import { type EventGuard, LocalEventBus } from './events/bus.js';
import { PgEventTransport } from './events/pg-transport.js';
import { answerUnparsedRequests, clientWentAway } from './http/client-errors.js';
import { healthRoutes } from './http/health.js';
import { createMetrics } from './http/metrics.js';
import { coreMiddleware } from './http/middleware.js';
import { buildOpenApi } from './http/openapi.js';
import { type MountedRoute, buildApiRouter } from './http/router.js';
import { type StreamAccess, attachStream, sameTenantAccess, streamPath } from './http/stream.js';
import { coreRoutes } from './http/core-routes.js';
import { pluginAssets, webApp } from './http/web-app.js';
import { createOriginCheck } from './http/origin.js';
import { Embeds } from './embeds/embeds.js';
import { bootstrapInstance, type FirstOwner } from './identity/bootstrap.js';
import { type Authenticator, type Principal, asRecheck } from './identity/principal.js';
import { coreEvents } from './identity/access-changes.js';
import type { JobContext } from './jobs/queue.js';
import { JobRunner, type RegisteredJobs, type RunnableJob } from './jobs/runner.js';
import { type ScheduledJob, Scheduler } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { createMailer } from './mail/mailer.js';
import { discoverPlugins } from './plugins/discover.js';
import { PluginHost } from './plugins/host.js';
import { checkPluginDefinitions, orderPlugins } from './plugins/loader.js';
import { AgentOperations } from './plugins/operations.js';
import type { PluginContext, PluginDefinition } from './plugins/types.js';
import { createAjv } from './schema/ajv.js';
import { createAuditLog } from './audit/audit.js';
import { AuditQuery } from './audit/audit-query.js';
import { Tenancy } from './tenancy/tenancy.js';
import { Identity } from './identity/identity.js';
import { corePermissionDefinitions, corePermissions } from './rbac/roles.js';
import { createSecrets, loadSecretKey } from './secrets/secrets.js';

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
  checkPluginDefinitions(plugins, corePermissions);
  const core = validated.core;
  if (!(core.billing.defaultPlan in core.billing.plans)) {
    throw new StartupError([
      `billing.defaultPlan: "${core.billing.defaultPlan}" is not one of the plans (${Object.keys(core.billing.plans).join(', ')})`,
    ]);
  }
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

/** Builds an Outpost instance from its configuration. Nothing runs until `start()`. */
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
  const guard: EventGuard = (topic, payload) => {
    const entry = topics.get(topic);
    if (!entry) throw new Error(`event "${topic}" is not declared by any enabled plugin`);
    if (devChecks && !entry.validate(payload)) {
      throw new Error(
        `event "${topic}" payload does not match its schema: ${createAjv().errorsText(entry.validate.errors)}`,
      );
    }
  };
  const transport =
    core.database.client === 'pg'
      ? new PgEventTransport(
          core.database.connection as string,
          `outpost_events_${core.database.searchPath ?? 'public'}`,
          (channel, payload) => db.raw('select pg_notify(?, ?)', [channel, payload]),
          logger,
        )
      : undefined;
  const events = new LocalEventBus(logger, guard, transport);

  const auditQuery = new AuditQuery(db);
  const coreJobs: Array<{ name: string; schedule: ScheduledJob['schedule']; handle(): Promise<void> }> = [
    {
      name: 'core.audit-retention',
      schedule: { cron: '30 3 * * *' },
      async handle() {
        const deleted = await auditQuery.purgeOlderThan(core.audit.retentionDays);
        if (deleted > 0) logger.info({ deleted, retentionDays: core.audit.retentionDays }, 'old audit entries deleted');
      },
    },
  ];
  const registeredJobs: RegisteredJobs = new Map<string, RunnableJob>([
    ...coreJobs.map((job) => [job.name, job] as const),
    ...plugins.flatMap((p) =>
      (p.jobs ?? []).map(
        (job) =>
          [
            `${p.id}.${job.name}`,
            // Jobs run after start(), when `host` below holds the plugin contexts.
            {
              ...job,
              handle: (payload: unknown, context: JobContext) =>
                job.handle(payload, context, host.context(p.id) as never),
            },
          ] as const,
      ),
    ),
  ]);
  const jobs = new JobRunner(db, registeredJobs, core.jobs, logger.child({ component: 'jobs' }));
  const scheduled: ScheduledJob[] = [
    ...coreJobs.map(({ name, schedule }) => ({ name, schedule })),
    ...plugins.flatMap((p) =>
      (p.jobs ?? [])
        .filter((job) => job.schedule)
        .map((job) => ({ name: `${p.id}.${job.name}`, schedule: job.schedule! })),
    ),
  ];
  const scheduler = new Scheduler(
    db,
    scheduled,
    (trx, job, run) => jobs.insert(trx, job.name, run),
    () => jobs.wake(),
    core.jobs.pollIntervalMs,
    logger.child({ component: 'scheduler' }),
  );
  const mail = createMailer(core.mail, core.app.dataDir, logger.child({ component: 'mail' }));
  const secretKey = loadSecretKey(core.secrets.key, core.app.dataDir);
  const secrets = createSecrets(secretKey.key);
  const audit = createAuditLog(db);
  const permissionCatalog = [
    ...corePermissionDefinitions.map((p) => ({ ...p, owner: 'core' })),
    ...plugins.flatMap((p) => (p.permissions ?? []).map((x) => ({ ...x, owner: p.id }))),
  ];
  const permissions = permissionCatalog.map((p) => p.id);
  const identity = new Identity({
    db,
    config: core,
    mail,
    audit,
    secrets,
    logger,
    events,
    permissions,
    captchaText: options.captchaText,
  });
  const tenancy = new Tenancy({ db, config: core, mail, audit, identity }, permissionCatalog);
  const host = new PluginHost({
    config: core,
    db,
    events,
    jobs,
    mail,
    logger,
    audit,
    secrets,
    quotas: tenancy.quotas,
    agentOperations: new AgentOperations(plugins),
    embeds: new Embeds(db),
  });
  const metrics = createMetrics();
  const isOwnOrigin = createOriginCheck(core.app.baseUrl);
  const authenticators = [...identity.authenticators, ...(options.authenticators ?? [])];

  const routes: MountedRoute[] = [
    ...[...coreRoutes({ plugins, openApi: () => openApi }), ...identity.routes, ...tenancy.routes].map((route) => ({
      owner: 'core',
      fullPath: `/api/v1${route.path}`,
      route,
    })),
    ...plugins.flatMap((p) =>
      (p.routes ?? []).map((route) => ({ owner: p.id, fullPath: `/api/v1/${p.id}${route.path}`, route })),
    ),
    ...plugins.flatMap((p) => (p.externalRoutes ?? []).map((route) => ({ owner: p.id, fullPath: route.path, route }))),
  ];
  const openApi = buildOpenApi(routes, { title: 'Outpost API', version: '1', baseUrl: core.app.baseUrl });

  const authenticate = async (ctx: Koa.Context): Promise<Principal | undefined> => {
    if (ctx.state.principal !== undefined) return ctx.state.principal ?? undefined;
    let principal: Principal | undefined;
    for (const authenticator of authenticators) {
      principal = await authenticator.authenticate(ctx);
      if (principal) break;
    }
    ctx.state.principal = principal ?? null;
    return principal;
  };

  let server: Server | undefined;
  let firstOwner: FirstOwner | undefined;
  let shuttingDown = false;
  let stopping: Promise<void> | undefined;
  let stream: ReturnType<typeof attachStream> | undefined;

  const app = new Koa({ proxy: core.app.trustProxy });
  app.on('error', (error: unknown, ctx?: Koa.Context) => {
    const log = ctx?.state.logger ?? logger;
    if (clientWentAway(error))
      log.debug({ code: (error as NodeJS.ErrnoException).code }, 'the client went away before the answer was sent');
    else log.error({ err: error }, 'request failed');
  });
  const apiRouter = buildApiRouter(routes, {
    bodyLimit: core.app.bodyLimitBytes,
    isOwnOrigin,
    validateResponses: devChecks,
    authenticate,
    scopeFor: (owner, ctx, principal) =>
      host.requestScope(owner, { requestId: ctx.state.requestId, logger: () => ctx.state.logger, principal }),
  });
  healthRoutes(apiRouter, {
    db,
    migrator,
    metrics,
    metricsToken: core.metrics.token,
    isShuttingDown: () => shuttingDown,
  });
  const secretTemplates = routes.filter((r) => r.route.secretPath).map((r) => r.fullPath);
  app.use(coreMiddleware(logger, metrics, core.app.baseUrl, secretTemplates));
  app.use(apiRouter.routes());
  app.use(apiRouter.allowedMethods());
  app.use(pluginAssets(plugins));
  const ui = webApp(core.app.uiDir);
  if (ui) app.use(ui);

  const outpost: Outpost = {
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
      if (core.database.client === 'pg' && secretKey.source !== 'config') {
        logger.warn('secrets.key is not set: instances sharing this database must share one key (OUTPOST_SECRET_KEY)');
      }
      await events.start();
      for (const plugin of plugins) {
        const context = await host.start(plugin, loaded.pluginConfig.get(plugin.id)!);
        for (const subscriber of plugin.subscribers ?? []) {
          events.subscribe(subscriber.topic, (event) => subscriber.handle(event, context as never), {
            subscriberId: `${plugin.id}.${subscriber.subscriberId}`,
          });
        }
      }
      const requestTimeout = core.app.requestTimeoutSeconds * 1000;
      server = createServer(
        {
          requestTimeout,
          headersTimeout: Math.min(60_000, requestTimeout),
          // How often node looks for requests past their time: often enough for a short timeout.
          connectionsCheckingInterval: Math.min(30_000, Math.ceil(requestTimeout / 4)),
        },
        app.callback(),
      );
      server.keepAliveTimeout = 5000;
      answerUnparsedRequests(server, logger);
      stream = attachStream(server, {
        bus: events,
        logger,
        isOwnOrigin,
        authenticate: (request) => authenticate(app.createContext(request, new ServerResponse(request)) as Koa.Context),
        reauthenticate: (request) =>
          authenticate(asRecheck(app.createContext(request, new ServerResponse(request)) as Koa.Context)),
        heartbeatMs: options.streamHeartbeatMs,
        canReceive: withoutInternal(
          options.streamAccess ?? sameTenantAccess((topic) => topics.get(topic)?.permission),
          (topic) => topics.get(topic)?.internal === true,
        ),
      });
      attachPluginSockets(server, plugins, (id) => host.context(id));
      await new Promise<void>((resolveListen, rejectListen) => {
        server!.once('error', rejectListen);
        server!.listen(core.app.listen.port, core.app.listen.host, () => {
          server!.off('error', rejectListen);
          resolveListen();
        });
      });
      if (core.jobs.enabled) {
        jobs.start();
        await scheduler.start();
      }
      const address = server.address() as AddressInfo;
      const host_ =
        core.app.listen.host === '0.0.0.0' || core.app.listen.host === '::' ? 'localhost' : core.app.listen.host;
      const url = `http://${host_}:${address.port}`;
      logger.info({ url, plugins: plugins.map((p) => p.id) }, 'outpost is listening');
      return { url, firstOwner };
    },

    stop() {
      stopping ??= (async () => {
        shuttingDown = true;
        const deadline = Date.now() + core.app.shutdownTimeoutMs;
        scheduler.stop();
        stream?.close();
        if (server) {
          const closed = new Promise<void>((done) => server!.close(() => done()));
          // Keep-alive connections become idle as their last request finishes; close them as they do.
          const sweep = setInterval(() => server!.closeIdleConnections(), 100);
          server.closeIdleConnections();
          await Promise.race([closed, delay(Math.max(0, deadline - Date.now() - 1000))]);
          clearInterval(sweep);
          server.closeAllConnections();
        }
        await jobs.stop(Math.max(0, deadline - Date.now() - 500));
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
  return outpost;
}

/** Hands each plugin socket path's upgrades to its plugin; any other path but the stream answers 404. */
function attachPluginSockets(
  server: Server,
  plugins: PluginDefinition[],
  contextOf: (pluginId: string) => PluginContext,
): void {
  const sockets = new Map(
    plugins.flatMap((p) => (p.sockets ?? []).map((socket) => [socket.path, { socket, owner: p.id }] as const)),
  );
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === streamPath) return;
    const mounted = sockets.get(path);
    if (mounted)
      return mounted.socket.handleUpgrade(request, socket, head, contextOf(mounted.owner) as PluginContext<never>);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

function withoutInternal(access: StreamAccess, isInternal: (topic: string) => boolean): StreamAccess {
  return (principal, event) => !isInternal(event.topic) && access(principal, event);
}

function eventRegistry(
  plugins: Array<Pick<PluginDefinition, 'events'>>,
): Map<string, { validate: ValidateFunction; permission?: string; internal?: boolean }> {
  const ajv = createAjv();
  return new Map(
    plugins.flatMap((p) =>
      Object.entries(p.events ?? {}).map(
        ([topic, definition]) =>
          [
            topic,
            {
              validate: ajv.compile(definition.schema),
              permission: definition.permission,
              internal: definition.internal,
            },
          ] as const,
      ),
    ),
  );
}

function absolute(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
