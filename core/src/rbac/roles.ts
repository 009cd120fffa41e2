import type { GrantedRole, PermissionDefinition } from '../plugins/types.js';

/**
 * The core's own permissions. Core ids have two parts; a plugin's have three
 * (`<plugin>.<resource>.<action>`). What each built-in role holds comes from these
 * declarations and the enabled plugins'.
 */
export const corePermissionDefinitions: PermissionDefinition[] = [
  { id: 'team.manage', description: 'Invite, change and remove team members and roles', roles: ['admin'] },
  { id: 'settings.manage', description: 'Change tenant settings and integrations', roles: ['admin'] },
  { id: 'reports.view', description: 'See reports and the audit log', roles: ['admin'] },
  {
    id: 'tenants.manage',
    description: 'Create customer tenants and act in them from the root tenant',
    roles: ['admin'],
  },
  { id: 'billing.manage', description: 'Change the plan and see billing', roles: [] },
];

export const corePermissions = corePermissionDefinitions.map((p) => p.id);

export type BuiltInRole = 'owner' | GrantedRole;
export const builtInRoles: BuiltInRole[] = ['owner', 'admin', 'member', 'viewer'];
export const grantedRoles: GrantedRole[] = ['admin', 'member', 'viewer'];

export function isBuiltInRole(role: string): role is BuiltInRole {
  return (builtInRoles as string[]).includes(role);
}

export const roleLabels: Record<BuiltInRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export interface PermissionEntry extends PermissionDefinition {
  /** `core` or the plugin that declares it. */
  owner: string;
}

/** The permissions of this instance, for plugins that check a permission named in their data. */
export interface PermissionCatalog {
  has(id: string): boolean;
  list(): readonly PermissionEntry[];
}

export function permissionCatalogOf(entries: readonly PermissionEntry[]): PermissionCatalog {
  const ids = new Set(entries.map((p) => p.id));
  return { has: (id) => ids.has(id), list: () => entries };
}

/** What a built-in role holds among the declared permissions: Owner all, the others those that name them. */
export function permissionsOfRole(role: string, declared: readonly PermissionDefinition[]): Set<string> {
  if (role === 'owner') return new Set(declared.map((p) => p.id));
  return new Set(declared.filter((p) => (p.roles as string[]).includes(role)).map((p) => p.id));
}
