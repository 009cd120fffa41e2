import { Type } from '@sinclair/typebox';
import { clientOf } from '../../identity/principal.js';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { RoleService } from '../roles.js';
import type { PermissionEntry } from '../tenancy.js';
import { Strict, Id, PermissionList, roleInfo, tenantOf } from './schemas.js';

/** `/permissions` and the tenant's custom roles (`/roles`). */
export function roleRoutes(roles: RoleService, permissionCatalog: PermissionEntry[]): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/permissions',
      summary: 'Every permission of this instance, the core’s and the enabled plugins’',
      permission: 'team.manage',
      schema: {
        response: Type.Object({
          items: Type.Array(
            Type.Object({
              id: Type.String(),
              description: Type.String(),
              owner: Type.String(),
              roles: Type.Array(Type.String(), { description: 'The built-in roles besides Owner that hold it' }),
            }),
          ),
        }),
      },
      handler: () => ({ items: permissionCatalog }),
    }),
    defineRoute({
      method: 'get',
      path: '/roles',
      summary: 'The built-in and custom roles of the current tenant',
      permission: 'team.manage',
      schema: { response: Type.Object({ items: Type.Array(roleInfo) }) },
      handler: async ({ scope }) => ({ items: await roles.list(tenantOf(scope)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/roles',
      summary: 'Create a custom role of any permissions you hold',
      permission: 'team.manage',
      status: 201,
      schema: {
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), permissions: PermissionList }, Strict),
        response: roleInfo,
      },
      handler: ({ scope, body, ctx }) => roles.create(tenantOf(scope), body, scope.principal!, clientOf(ctx)),
    }),
    defineRoute({
      method: 'patch',
      path: '/roles/:id',
      summary: 'Rename a custom role or change its permissions',
      permission: 'team.manage',
      schema: {
        params: Type.Object({ id: Id }, Strict),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            permissions: Type.Optional(PermissionList),
          },
          Strict,
        ),
        response: roleInfo,
      },
      handler: ({ scope, params, body, ctx }) =>
        roles.update(tenantOf(scope), params.id, body, scope.principal!, clientOf(ctx)),
    }),
    defineRoute({
      method: 'delete',
      path: '/roles/:id',
      summary: 'Delete a custom role nobody has',
      permission: 'team.manage',
      schema: { params: Type.Object({ id: Id }, Strict) },
      handler: async ({ scope, params, ctx }) => {
        await roles.remove(tenantOf(scope), params.id, scope.principal!, clientOf(ctx));
      },
    }),
  ];
}
