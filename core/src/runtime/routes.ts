import { coreRoutes } from '../http/core-routes.js';
import { buildOpenApi } from '../http/openapi.js';
import type { MountedRoute } from '../http/router.js';
import type { Identity } from '../identity/identity.js';
import { identityRoutes } from '../identity/routes/index.js';
import type { PluginDefinition } from '../plugins/types.js';
import type { Tenancy } from '../tenancy/tenancy.js';
import { tenancyRoutes } from '../tenancy/routes/index.js';

/**
 * Every HTTP route of the instance at its full path: the core's under `/api/v1`, each
 * plugin's under `/api/v1/<id>`, and plugins' external routes at their own paths.
 */
export function mountRoutes(
  plugins: PluginDefinition[],
  core: { identity: Identity; tenancy: Tenancy; baseUrl: string },
): MountedRoute[] {
  const coreOwn = [
    ...coreRoutes({ plugins, openApi: () => openApi }),
    ...identityRoutes(core.identity),
    ...tenancyRoutes(core.tenancy),
  ];
  const routes: MountedRoute[] = [
    ...coreOwn.map((route) => ({ owner: 'core', fullPath: `/api/v1${route.path}`, route })),
    ...plugins.flatMap((p) =>
      (p.routes ?? []).map((route) => ({ owner: p.id, fullPath: `/api/v1/${p.id}${route.path}`, route })),
    ),
    ...plugins.flatMap((p) => (p.externalRoutes ?? []).map((route) => ({ owner: p.id, fullPath: route.path, route }))),
  ];
  const openApi = buildOpenApi(routes, { title: 'Outpost API', version: '1', baseUrl: core.baseUrl });
  return routes;
}
