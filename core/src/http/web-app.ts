import { existsSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { send } from '@koa/send';
import type Koa from 'koa';
import { pluginUiDir } from '../plugins/ui-files.js';
import type { PluginDefinition } from '../plugins/types.js';

/** Paths the web app never answers: the API, the agent channel, health and metrics. */
const serverPaths = /^\/(api|agent)\/|^\/ui\/plugins\/|^\/(healthz|readyz|metrics)$/;

/**
 * The document policy of the web app's pages: scripts, styles, workers and connections
 * from this origin only (the stream's WebSocket included), images also as data: URLs
 * (captcha, QR codes), no framing, no plugins, no base or form redirection.
 */
const documentPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether the file a request path names lies in `root` once links are followed: a
 * symbolic link inside a served folder (to the data folder, say) serves nothing.
 */
const realRoots = new Map<string, string>();

function servesFromInside(root: string, requestPath: string): boolean {
  try {
    // A served folder's own place does not move (a rebuild swaps its contents), so it is resolved once.
    const realRoot = realRoots.get(root) ?? realRoots.set(root, realpathSync(root)).get(root)!;
    const real = realpathSync(resolve(root, `.${decodeURIComponent(requestPath)}`));
    return real === realRoot || real.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}

/**
 * Serves each enabled plugin's browser files at `/ui/plugins/<id>/...`, from its
 * built bundle (`pluginUiDir`): the chunks the web app loads when a plugin's page is opened.
 */
export function pluginAssets(plugins: Array<Pick<PluginDefinition, 'id' | 'ui'>>): Koa.Middleware {
  const dirs = new Map<string, string>();
  for (const plugin of plugins) {
    const dir = pluginUiDir(plugin);
    if (dir) dirs.set(plugin.id, dir);
  }
  return async (ctx, next) => {
    const match = /^\/ui\/plugins\/([a-z0-9-]+)(\/.+)$/.exec(ctx.path);
    const dir = match && dirs.get(match[1]!);
    if (!dir || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !servesFromInside(dir, match[2]!)) return next();
    try {
      await send(ctx, match[2]!, { root: dir, index: false, gzip: false, brotli: false });
      ctx.set('Cache-Control', 'no-cache');
    } catch {
      return next();
    }
  };
}

/**
 * Serves the built web app (ui/build): files as they are, hashed assets cached for a
 * year, and `index.html` for every other page path, so the app's own router takes it.
 * Undefined when the app is not built.
 */
export function webApp(dir: string): Koa.Middleware | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || serverPaths.test(ctx.path) || ctx.body != null)
      return next();
    const isAsset = ctx.path.startsWith('/assets/');
    try {
      if (ctx.path !== '/' && !servesFromInside(dir, ctx.path)) throw new Error('not a file of the web app');
      await send(ctx, ctx.path, {
        root: dir,
        index: 'index.html',
        immutable: isAsset,
        maxage: isAsset ? 365 * 86_400_000 : 0,
        gzip: false,
        brotli: false,
      });
    } catch {
      // Not a file: a page of the app, unless it looks like a missing file.
      if (/\.[a-z0-9]+$/i.test(ctx.path)) return next();
      await send(ctx, 'index.html', { root: dir, gzip: false, brotli: false });
    }
    if (!isAsset) ctx.set('Cache-Control', 'no-cache');
    // Pages and the service worker run under their own response's policy; a worker
    // under the API's `default-src 'none'` could not fetch the shell it caches.
    if (ctx.type.startsWith('text/html') || ctx.path === '/sw.js') ctx.set('Content-Security-Policy', documentPolicy);
    if (ctx.path === '/sw.js') ctx.set('Service-Worker-Allowed', '/');
  };
}
