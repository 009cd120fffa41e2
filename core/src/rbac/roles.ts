import type { PermissionDefinition } from '../plugins/types.js';

/** The core's permissions. Core permissions have two parts; a plugin's have three (`<plugin>.<resource>.<action>`). */
export const corePermissionDefinitions: PermissionDefinition[] = [
  { id: 'device.view', description: 'See devices, their status, screenshots and system information' },
  { id: 'device.connect', description: 'Connect to devices and run read-only operations' },
  { id: 'device.manage', description: 'Rename, move, tag, delete devices and run changing operations' },
  { id: 'ticket.view', description: 'See tickets and contacts' },
  { id: 'ticket.manage', description: 'Create, answer, assign and close tickets' },
  { id: 'team.manage', description: 'Invite, change and remove team members and roles' },
  { id: 'settings.manage', description: 'Change tenant settings and integrations' },
  { id: 'reports.view', description: 'See reports and the audit log' },
  { id: 'groups.manage', description: 'Create and change device groups' },
  { id: 'recordings.view', description: 'Watch session recordings' },
  { id: 'enterprise.manage', description: 'Use enterprise features (directory sync, SSO, policies)' },
  { id: 'billing.manage', description: 'Change the plan and see billing' },
];

export const corePermissions = corePermissionDefinitions.map((p) => p.id);

export type BuiltInRole = 'owner' | 'admin' | 'member' | 'viewer';
export const builtInRoles: BuiltInRole[] = ['owner', 'admin', 'member', 'viewer'];

export function isBuiltInRole(role: string): role is BuiltInRole {
  return (builtInRoles as string[]).includes(role);
}

export const roleLabels: Record<BuiltInRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

/** A plugin permission that only reads, which every role may hold. */
const readsOnly = (permission: string) => /\.(view|read)$/.test(permission);

/**
 * What each built-in role may do, given every permission of this instance:
 * Owner everything; Admin everything but billing; Member views and connects to devices
 * and works tickets; Viewer only looks.
 */
export function permissionsOfRole(role: string, all: readonly string[]): Set<string> {
  switch (role) {
    case 'owner':
      return new Set(all);
    case 'admin':
      return new Set(all.filter((p) => p !== 'billing.manage'));
    case 'member':
      return new Set(
        all.filter(
          (p) =>
            ['device.view', 'device.connect', 'ticket.view', 'ticket.manage'].includes(p) ||
            (p.split('.').length === 3 && readsOnly(p)),
        ),
      );
    case 'viewer':
      return new Set(
        all.filter((p) => ['device.view', 'ticket.view'].includes(p) || (p.split('.').length === 3 && readsOnly(p))),
      );
    default:
      return new Set();
  }
}
