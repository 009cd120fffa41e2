import type { FastReads } from '../db/fast-reads.js';
import type { PermissionDefinition } from '../plugins/types.js';
import { isBuiltInRole, permissionsOfRole } from '../rbac/roles.js';

/** What a user may do in one tenant, and why. */
export interface TenantAccessGrant {
  permissions: ReadonlySet<string>;
  /** The role id (a built-in name or a custom role's id). */
  role: string;
  /** `member`: a membership of this tenant. `msp`: a role in the parent tenant that holds `tenants.manage`. */
  via: 'member' | 'msp';
}

/** MSP users whose role in the parent holds this permission act in its child tenants with that role. */
export const actInChildTenantsPermission = 'tenants.manage';

const accessSql = `select m.role as role, r.permissions as role_permissions, pm.role as parent_role, pr.permissions as parent_role_permissions
  from core_tenants t
  left join core_memberships m on m.tenant_id = t.id and m.user_id = ?
  left join core_roles r on r.id = m.role and r.tenant_id = t.id
  left join core_memberships pm on pm.tenant_id = t.parent_id and pm.user_id = ?
  left join core_roles pr on pr.id = pm.role and pr.tenant_id = t.parent_id
  where t.id = ?`;

interface AccessRow {
  role: string | null;
  role_permissions: string | null;
  parent_role: string | null;
  parent_role_permissions: string | null;
}

/**
 * Resolves a user's permissions in a tenant on every request, so a role change, a
 * removal or an edited custom role takes effect on the next request.
 */
export class TenantAccess {
  private readonly builtIn = new Map<string, ReadonlySet<string>>();
  private readonly allPermissions: ReadonlySet<string>;

  constructor(
    private readonly reads: FastReads,
    private readonly declared: readonly PermissionDefinition[],
  ) {
    this.allPermissions = new Set(declared.map((p) => p.id));
  }

  async resolve(userId: string, tenantId: string | null): Promise<TenantAccessGrant | undefined> {
    if (!tenantId) return undefined;
    const row = await this.reads.one<AccessRow>(accessSql, [userId, userId, tenantId]);
    if (!row) return undefined;
    if (row.role)
      return { role: row.role, permissions: this.permissionsOf(row.role, row.role_permissions), via: 'member' };
    if (row.parent_role) {
      const permissions = this.permissionsOf(row.parent_role, row.parent_role_permissions);
      if (permissions.has(actInChildTenantsPermission)) return { role: row.parent_role, permissions, via: 'msp' };
    }
    return undefined;
  }

  /** A built-in role's permissions, or a custom role's stored list narrowed to the permissions this instance has. */
  permissionsOf(role: string, customPermissions: string | null): ReadonlySet<string> {
    if (isBuiltInRole(role)) {
      let permissions = this.builtIn.get(role);
      if (!permissions) this.builtIn.set(role, (permissions = permissionsOfRole(role, this.declared)));
      return permissions;
    }
    if (!customPermissions) return new Set();
    const listed = JSON.parse(customPermissions) as string[];
    return new Set(listed.filter((p) => this.allPermissions.has(p)));
  }
}
