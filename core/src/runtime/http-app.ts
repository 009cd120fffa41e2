import Koa from 'koa';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import type { Migrator } from '../db/migrator.js';
import { clientWentAway } from '../http/client-errors.js';
import { healthRoutes } from '../http/health.js';
import { createMetrics } from '../http/metrics.js';
import { coreMiddleware } from '../http/middleware.js';
import { type MountedRoute, buildApiRouter } from '../http/router.js';
import { pluginAssets, webApp } from '../http/web-app.js';
import type { Authenticator, Principal } from '../identity/principal.js';
import type { PluginHost } from '../plugins/host.js';
import type { PluginDefinition } from '../plugins/types.js';

/** Tries each authenticator in turn, once per request; the answer is kept on `ctx.state.principal`. */
export function authenticateWith(authenticators: Authenticator[]) {
  return async (ctx: Koa.Context): Promise<Principal | undefined> => {
    if (ctx.state.principal !== undefined) return ctx.state.principal ?? undefined;
    let principal: Principal | undefined;
    for (const authenticator of authenticators) {
      principal = await authenticator.authenticate(ctx);
      if (principal) break;
    }
    ctx.state.principal = principal ?? null;
    return principal;
  };
}

export interface HttpAppParts {
  core: CoreConfig;
  db: Knex;
  migrator: Migrator;
  logger: Logger;
  plugins: PluginDefinition[];
  routes: MountedRoute[];
  host: PluginHost;
  authenticate(ctx: Koa.Context): Promise<Principal | undefined>;
  isOwnOrigin(requestOrigin: string, hostHeader: string | undefined): boolean;
  /** Checks answers against their response schemas (development and tests). */
  validateResponses: boolean;
  isShuttingDown(): boolean;
}

/** The koa app: core middleware, the API and health routes, plugin assets and the web app. */
export function createHttpApp(parts: HttpAppParts): Koa {
  const { core, logger, routes, host } = parts;
  const app = new Koa({ proxy: core.app.trustProxy });
  app.on('error', (error: unknown, ctx?: Koa.Context) => {
    const log = ctx?.state.logger ?? logger;
    if (clientWentAway(error))
      log.debug({ code: (error as NodeJS.ErrnoException).code }, 'the client went away before the answer was sent');
    else log.error({ err: error }, 'request failed');
  });
  const metrics = createMetrics();
  const apiRouter = buildApiRouter(routes, {
    bodyLimit: core.app.bodyLimitBytes,
    isOwnOrigin: parts.isOwnOrigin,
    validateResponses: parts.validateResponses,
    authenticate: parts.authenticate,
    scopeFor: (owner, ctx, principal) =>
      host.requestScope(owner, { requestId: ctx.state.requestId, logger: () => ctx.state.logger, principal }),
  });
  healthRoutes(apiRouter, {
    db: parts.db,
    migrator: parts.migrator,
    metrics,
    metricsToken: core.metrics.token,
    isShuttingDown: parts.isShuttingDown,
  });
  const secretTemplates = routes.filter((r) => r.route.secretPath).map((r) => r.fullPath);
  app.use(coreMiddleware(logger, metrics, core.app.baseUrl, secretTemplates));
  app.use(apiRouter.routes());
  app.use(apiRouter.allowedMethods());
  app.use(pluginAssets(parts.plugins));
  const ui = webApp(core.app.uiDir);
  if (ui) app.use(ui);
  return app;
}
