import { Type } from '@sinclair/typebox';
import type { RequestScope } from '../../plugins/types.js';

export const Strict = { additionalProperties: false } as const;
export const Id = Type.String({ format: 'uuid' });
export const Email = Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254 });
/** A built-in role name or a custom role's id. */
export const RoleId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' });
export const PermissionList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500 });

export const tenantInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  plan: Type.String(),
  role: Type.String(),
  via: Type.String(),
  current: Type.Boolean(),
  accentColor: Type.Union([Type.String(), Type.Null()], {
    description: 'The tenant’s brand color for the web app (#rrggbb); null for Outpost’s own',
  }),
});
export const roleInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
export const member = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  surname: Type.String(),
  role: Type.String(),
  joinedAt: Type.String(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
});
export const invitation = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  invitedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.String(),
});
export const auditQuery = {
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  resource: Type.Optional(Type.String({ maxLength: 140 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

/** The tenant a request acts in (routes with a permission always have one). */
export const tenantOf = (scope: RequestScope) => scope.tenant.tenantId;
