import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { MethodNotAllowedError, NotFoundError, NotImplementedError } from '../errors.js';
import type { HttpMetrics } from './metrics.js';
import { isServerFault, sendProblem, toProblem } from './problem.js';
import { secretPathMask } from './secret-paths.js';

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The one middleware in front of every route, first in the chain:
 * - a request id (kept from `X-Request-Id` when well-formed) and a logger carrying it;
 * - the security headers;
 * - every error as `application/problem+json` (server faults also go to `app.on('error')`),
 *   and a request nothing answered as a 404, 405 or 501 problem;
 * - one access-log line and the request metrics, once the answer is decided.
 *   Paths are logged without their query string, which may carry tokens, and as the
 *   route's template where the path itself carries one (`secretPath`), also when no
 *   route answered a path shaped like one.
 * One middleware rather than four: each layer and each response listener costs
 * measurably on every request (docs/benchmarks.md).
 */
export function coreMiddleware(
  logger: Logger,
  metrics: HttpMetrics,
  baseUrl: string,
  secretTemplates: string[],
): Koa.Middleware {
  const headers = securityHeaders(baseUrl);
  const maskSecrets = secretPathMask(secretTemplates);
  return async (ctx, next) => {
    const started = performance.now();
    const incoming = ctx.get('x-request-id');
    const requestId = acceptableRequestId.test(incoming) ? incoming : randomUUID();
    ctx.state = new RequestState(logger, requestId);
    const res = ctx.res;
    res.setHeader('X-Request-Id', requestId);
    for (const [name, value] of headers) res.setHeader(name, value);
    let faulted = false;
    try {
      await next();
      if (ctx.body == null) throwUnanswered(ctx);
    } catch (error) {
      const problem = toProblem(error, requestId, ctx.path);
      faulted = isServerFault(problem.status);
      if (faulted) ctx.app.emit('error', error, ctx);
      const extraHeaders = (error as { headers?: Record<string, string> } | null)?.headers;
      if (extraHeaders && problem.status < 500) ctx.set(extraHeaders);
      sendProblem(ctx, problem);
    }
    const ms = performance.now() - started;
    const route: string = ctx.state.routeTemplate ?? 'unmatched';
    const status = ctx.status;
    metrics.observe(ctx.method, route, status, ms / 1000);
    const path = ctx.state.secretPath ? route : ctx.state.routeTemplate ? ctx.path : maskSecrets(ctx.path);
    // A 5xx a route chose to send (an upstream that failed, say) is not a fault of this server.
    logger[faulted ? 'error' : isServerFault(status) ? 'warn' : 'info'](
      { requestId, method: ctx.method, path, route, status, ms: Math.round(ms * 10) / 10 },
      'request',
    );
  };
}

/**
 * No route answered: none for this path (404), none for this method here (405) or
 * none for this method anywhere (501). The router set `Allow` when the path exists.
 */
function throwUnanswered(ctx: Koa.Context): void {
  if (ctx.status === 404) throw new NotFoundError('Nothing is here.');
  const allowed = ctx.response.get('Allow');
  if (ctx.status === 405)
    throw new MethodNotAllowedError(`${ctx.method} is not allowed here; this path takes ${allowed}.`);
  if (ctx.status === 501) throw new NotImplementedError(`This server does not handle ${ctx.method} requests.`);
}

/** `ctx.state` of every request. */
class RequestState {
  [key: string]: unknown;
  private child: Logger | undefined;

  constructor(
    private readonly root: Logger,
    readonly requestId: string,
  ) {}

  /** Most requests never log beyond the access line, so the child logger is built on first use. */
  get logger(): Logger {
    return (this.child ??= this.root.child({ requestId: this.requestId }));
  }
}

/**
 * Headers every answer carries. The API answers JSON, so the set is the one for
 * APIs (OWASP REST security): no sniffing, no framing, no caching, a CSP that
 * allows nothing. Pages of the web app set their own document policy. A route may
 * override any of them (an embeddable widget, say).
 */
function securityHeaders(baseUrl: string): Array<[string, string]> {
  return Object.entries({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...(baseUrl.startsWith('https:') ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  });
}
