import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Knex } from 'knex';
import type { Migrator } from '../db/migrator.js';
import { AuthenticationError } from '../errors.js';
import type { HttpMetrics } from './metrics.js';
import { problemType, sendProblem } from './problem.js';

export interface HealthOptions {
  db: Knex;
  migrator: Migrator;
  metrics: HttpMetrics;
  metricsToken?: string;
  isShuttingDown(): boolean;
}

/**
 * `/healthz`: the process answers. `/readyz`: it can serve (database reachable,
 * migrations current, not shutting down). `/metrics`: Prometheus text, behind a
 * bearer token when `metrics.token` is set.
 */
export function healthRoutes(router: Router, options: HealthOptions): void {
  router.get('/healthz', (ctx) => {
    ctx.state.routeTemplate = '/healthz';
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.state.routeTemplate = '/readyz';
    const checks: Record<string, string> = {};
    checks.shutdown = options.isShuttingDown() ? 'shutting down' : 'ok';
    try {
      await options.db.raw('select 1');
      checks.database = 'ok';
      const pending = await options.migrator.pending();
      checks.migrations = pending.length === 0 ? 'ok' : `${pending.length} pending`;
    } catch {
      checks.database = 'unreachable';
    }
    if (Object.values(checks).every((value) => value === 'ok')) {
      ctx.body = { status: 'ready', checks };
      return;
    }
    sendProblem(ctx, {
      type: problemType('not-ready'),
      title: 'Service Unavailable',
      status: 503,
      detail: 'Outpost is not ready to serve requests.',
      requestId: ctx.state.requestId,
      checks,
    });
  });
  router.get('/metrics', async (ctx) => {
    ctx.state.routeTemplate = '/metrics';
    if (options.metricsToken && !bearerMatches(ctx.get('authorization'), options.metricsToken)) {
      throw new AuthenticationError('Send the metrics token as a bearer token.');
    }
    ctx.type = options.metrics.registry.contentType;
    ctx.body = await options.metrics.registry.metrics();
  });
}

function bearerMatches(header: string, token: string): boolean {
  const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
