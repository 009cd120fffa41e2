import { t } from './i18n.js';

/** What the signed-in user may do in the current tenant, for pages that hide what they cannot use. The server checks again. */
let granted = new Set<string>();

export function setPermissions(permissions: string[]): void {
  granted = new Set(permissions);
}

export function can(permission: string): boolean {
  return granted.has(permission);
}

/** The built-in roles' names by their fixed ids; a custom role keeps the name its creator gave. */
export const roleLabels: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

/** A role as the user reads it: a built-in one's name in their language, a custom one's as written. */
export function roleName(role: { id: string; name: string }): string {
  const builtIn = roleLabels[role.id];
  return builtIn ? t(builtIn) : role.name;
}
