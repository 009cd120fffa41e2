/** What the signed-in user may do in the current tenant, for pages that hide what they cannot use. The server checks again. */
let granted = new Set<string>();

export function setPermissions(permissions: string[]): void {
  granted = new Set(permissions);
}

export function can(permission: string): boolean {
  return granted.has(permission);
}
