import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { HttpMetrics } from './metrics.js';

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Request id (kept from `X-Request-Id` when well-formed), a logger carrying it, the
 * security headers, and one log line plus metrics per answered request. Paths are
 * logged without their query string, which may carry tokens.
 */
export function requestContext(logger: Logger, metrics: HttpMetrics, baseUrl: string): Koa.Middleware {
  const headers = securityHeaders(baseUrl);
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = acceptableRequestId.test(incoming) ? incoming : randomUUID();
    const started = process.hrtime.bigint();
    ctx.state.requestId = requestId;
    let child: Logger | undefined;
    // Most requests never log beyond the access line; build the child logger on first use.
    Object.defineProperty(ctx.state, 'logger', { get: () => (child ??= logger.child({ requestId })), configurable: true });
    ctx.res.setHeader('X-Request-Id', requestId);
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    ctx.res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route: string = ctx.state.routeTemplate ?? 'unmatched';
      metrics.observe(ctx.method, route, ctx.status, seconds);
      const level = ctx.status >= 500 ? 'error' : 'info';
      ctx.state.logger[level](
        { method: ctx.method, path: ctx.path, route, status: ctx.status, ms: Math.round(seconds * 1e4) / 10 },
        'request',
      );
    });
    await next();
  };
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
