import type { RouteDefinition } from '../../plugins/types.js';
import type { Tenancy } from '../tenancy.js';
import { auditRoutes } from './audit-routes.js';
import { billingRoutes } from './billing-routes.js';
import { roleRoutes } from './role-routes.js';
import { teamRoutes } from './team-routes.js';
import { tenantRoutes } from './tenant-routes.js';

/** The core's tenancy and RBAC routes: tenants, permissions and roles, team, audit and billing. */
export function tenancyRoutes(tenancy: Tenancy): RouteDefinition[] {
  return [
    ...tenantRoutes(tenancy.tenants),
    ...roleRoutes(tenancy.roles, tenancy.permissionCatalog),
    ...teamRoutes(tenancy.team),
    ...auditRoutes(tenancy.auditQuery),
    ...billingRoutes(tenancy.quotas),
  ];
}
