import Router from '@koa/router';
import type Koa from 'koa';
import { AuthenticationError, ForbiddenError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import type { RequestScope, RouteDefinition } from '../plugins/types.js';
import { type CompiledRoute, compileRoute } from './validation.js';

/** A route as mounted: its owner (`core` or a plugin id) and its full path template. */
export interface MountedRoute {
  owner: string;
  fullPath: string;
  route: RouteDefinition;
}

export interface ApiRouterOptions {
  bodyLimit: number;
  /** Whether an `Origin` header is Outpost's own (see origin.ts). */
  isOwnOrigin(requestOrigin: string, hostHeader: string | undefined): boolean;
  validateResponses: boolean;
  authenticate(ctx: Koa.Context): Promise<Principal | undefined>;
  scopeFor(owner: string, ctx: Koa.Context, principal: Principal | undefined): RequestScope;
}

function crossSite(): ForbiddenError {
  return new ForbiddenError('Cross-site request refused: send it from the Outpost origin.', { type: 'csrf-rejected' });
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Mounts routes: authenticate, authorize, validate, call the handler, shape the answer. */
export function buildApiRouter(routes: MountedRoute[], options: ApiRouterOptions): Router {
  const router = new Router();
  for (const mounted of routes) {
    const compiled = compileRoute(mounted.route.schema);
    router[mounted.route.method](mounted.fullPath, (ctx) => handle(ctx, mounted, compiled, options));
    if (mounted.route.crossOrigin) router.options(mounted.fullPath, (ctx) => preflight(ctx, mounted.route));
  }
  return router;
}

/** Lets any page send the JSON request; the route itself decides whose answer may be read. */
function preflight(ctx: Koa.Context, route: RouteDefinition): void {
  ctx.set({
    'Access-Control-Allow-Origin': ctx.get('origin') || '*',
    'Access-Control-Allow-Methods': route.method.toUpperCase(),
    'Access-Control-Allow-Headers': 'content-type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  });
  ctx.status = 204;
}

async function handle(
  ctx: Koa.Context,
  mounted: MountedRoute,
  compiled: CompiledRoute,
  options: ApiRouterOptions,
): Promise<void> {
  const { route, owner } = mounted;
  ctx.state.routeTemplate = mounted.fullPath;
  if (route.secretPath) ctx.state.secretPath = true;
  if (route.crossOrigin) ctx.set({ 'Access-Control-Allow-Origin': ctx.get('origin') || '*', Vary: 'Origin' });
  const principal = await options.authenticate(ctx);
  authorize(ctx, route, principal, options.isOwnOrigin);
  const input = await compiled.validateInput(ctx, route.bodyLimitBytes ?? options.bodyLimit);
  const scope = options.scopeFor(owner, ctx, principal);
  const result = await route.handler({ ...(input as { params: unknown; query: unknown; body: unknown }), scope, ctx });
  if (result === undefined) {
    if (ctx.body === undefined || ctx.body === null) ctx.status = 204;
    return;
  }
  if (options.validateResponses) compiled.checkResponse(result);
  ctx.status = route.status ?? 200;
  ctx.body = result;
}

function authorize(
  ctx: Koa.Context,
  route: RouteDefinition,
  principal: Principal | undefined,
  isOwnOrigin: ApiRouterOptions['isOwnOrigin'],
): void {
  const unsafe = !safeMethods.has(ctx.method);
  const requestOrigin = ctx.get('origin');
  // Another site's page may not post here at all, signed in or not (a forged sign-in included).
  if (unsafe && requestOrigin && !route.crossOrigin && !isOwnOrigin(requestOrigin, ctx.get('host'))) throw crossSite();
  if (route.public) return;
  if (!principal) throw new AuthenticationError('Sign in, or send an API key as a bearer token.');
  if (principal.mustChangePassword && !route.beforePasswordChange) {
    throw new ForbiddenError('Choose your own password first.', { type: 'password-change-required' });
  }
  if (route.signedIn && principal.via !== 'session') {
    throw new ForbiddenError('Only a signed-in user can do this; API keys cannot.', { type: 'session-required' });
  }
  if (unsafe) {
    if (principal.readOnly)
      throw new ForbiddenError('This API key is read-only: give it the write scope to make changes.', {
        type: 'read-only-key',
      });
    if (principal.via === 'session' && !requestOrigin && !ctx.get('x-outpost-csrf')) throw crossSite();
  }
  if (route.permission && !principal.permissions.has(route.permission)) {
    throw new ForbiddenError(`This needs the ${route.permission} permission.`, {
      extensions: { permission: route.permission },
    });
  }
}
