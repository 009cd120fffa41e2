import { Type } from '@sinclair/typebox';
import { clientOf } from '../../identity/principal.js';
import { defineRoute, type RequestScope, type RouteDefinition } from '../../plugins/types.js';
import type { Tenancy } from '../tenancy.js';

const Strict = { additionalProperties: false } as const;
const Id = Type.String({ format: 'uuid' });
const Email = Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254 });
/** A built-in role name or a custom role's id. */
const RoleId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' });
const PermissionList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500 });

const tenantInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  plan: Type.String(),
  role: Type.String(),
  via: Type.String(),
  current: Type.Boolean(),
});
const roleInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
const member = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  surname: Type.String(),
  role: Type.String(),
  joinedAt: Type.String(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
});
const invitation = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  invitedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.String(),
});
const auditQuery = {
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  resource: Type.Optional(Type.String({ maxLength: 140 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};
const limit = Type.Object({ used: Type.Integer(), limit: Type.Union([Type.Integer(), Type.Null()]) });

/** The tenant a request acts in (routes with a permission always have one). */
const tenantOf = (scope: RequestScope) => scope.tenant.tenantId;

/** `/tenants`, `/roles`, `/permissions`, `/team`, `/audit` and `/billing`. */
export function tenancyRoutes(tenancy: Tenancy): RouteDefinition[] {
  const { tenants, roles, team, auditQuery: audit, quotas, permissionCatalog } = tenancy;
  return [
    defineRoute({
      method: 'get',
      path: '/tenants',
      summary: 'The tenants the signed-in user can act in, and which one is current',
      signedIn: true,
      schema: { response: Type.Object({ items: Type.Array(tenantInfo) }) },
      handler: async ({ scope }) => ({
        items: await tenants.visible(scope.principal!.userId!, scope.principal!.tenantId),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/tenants',
      summary: 'Create a child tenant (from the root tenant); its admin is invited by mail as Owner',
      permission: 'enterprise.manage',
      status: 201,
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200, title: 'Name' }),
            adminEmail: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254, title: 'Admin e-mail' }),
            plan: Type.Optional(Type.String({ maxLength: 64, title: 'Plan (default when empty)' })),
          },
          Strict,
        ),
        response: Type.Object({ id: Type.String(), name: Type.String() }),
      },
      handler: ({ scope, body, ctx }) => tenants.create(scope.principal!, body, clientOf(ctx)),
    }),
    defineRoute({
      method: 'put',
      path: '/tenants/:id/plan',
      summary: 'Change a tenant’s plan (from the root tenant)',
      permission: 'billing.manage',
      schema: {
        params: Type.Object({ id: Id }, Strict),
        body: Type.Object({ plan: Type.String({ minLength: 1, maxLength: 64 }) }, Strict),
      },
      handler: async ({ scope, params, body, ctx }) => {
        await tenants.setPlan(scope.principal!, params.id, body.plan, clientOf(ctx));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/account/tenant',
      summary: 'Switch the session’s current tenant',
      signedIn: true,
      schema: { body: Type.Object({ tenantId: Id }, Strict), response: Type.Object({ tenantId: Type.String() }) },
      handler: async ({ scope, body }) => {
        await tenants.switchTo(scope.principal!, body.tenantId);
        return { tenantId: body.tenantId };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/permissions',
      summary: 'Every permission of this instance, the core’s and the enabled plugins’',
      permission: 'team.manage',
      schema: {
        response: Type.Object({
          items: Type.Array(Type.Object({ id: Type.String(), description: Type.String(), owner: Type.String() })),
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
    defineRoute({
      method: 'get',
      path: '/team',
      summary: 'The current tenant’s members: role, joined, last sign-in',
      permission: 'team.manage',
      schema: { response: Type.Object({ items: Type.Array(member) }) },
      handler: async ({ scope }) => ({ items: await team.members(tenantOf(scope)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/team/:userId/activity',
      summary: 'A member’s latest actions in this tenant, from the audit log',
      permission: 'team.manage',
      schema: {
        params: Type.Object({ userId: Id }, Strict),
        response: Type.Object({
          items: Type.Array(
            Type.Object({
              action: Type.String(),
              at: Type.String(),
              resource: Type.Union([Type.String(), Type.Null()]),
              ip: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
        }),
      },
      handler: async ({ scope, params }) => ({ items: await team.activity(tenantOf(scope), params.userId) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/team/:userId',
      summary: 'Change a member’s role (a tenant always keeps an Owner)',
      permission: 'team.manage',
      schema: {
        params: Type.Object({ userId: Id }, Strict),
        body: Type.Object({ role: RoleId }, Strict),
        response: member,
      },
      handler: ({ scope, params, body, ctx }) =>
        team.changeRole(tenantOf(scope), params.userId, body.role, scope.principal!, clientOf(ctx)),
    }),
    defineRoute({
      method: 'delete',
      path: '/team/:userId',
      summary: 'Remove a member from the current tenant',
      permission: 'team.manage',
      schema: { params: Type.Object({ userId: Id }, Strict) },
      handler: async ({ scope, params, ctx }) => {
        await team.remove(tenantOf(scope), params.userId, scope.principal!, clientOf(ctx));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/team/invitations',
      summary: 'Open invitations of the current tenant',
      permission: 'team.manage',
      schema: { response: Type.Object({ items: Type.Array(invitation) }) },
      handler: async ({ scope }) => ({ items: await team.invitations(tenantOf(scope)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/team/invitations',
      summary: 'Invite an address with a role; refused over the plan’s member limit',
      permission: 'team.manage',
      status: 201,
      schema: { body: Type.Object({ email: Email, role: RoleId }, Strict), response: invitation },
      handler: ({ scope, body, ctx }) => team.invite(tenantOf(scope), body, scope.principal!, clientOf(ctx)),
    }),
    defineRoute({
      method: 'delete',
      path: '/team/invitations/:id',
      summary: 'Revoke an open invitation',
      permission: 'team.manage',
      schema: { params: Type.Object({ id: Id }, Strict) },
      handler: async ({ scope, params, ctx }) => {
        await team.revokeInvitation(tenantOf(scope), params.id, scope.principal!, clientOf(ctx));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/team/invitations/accept',
      summary: 'Accept an invitation sent to the signed-in user’s address',
      signedIn: true,
      schema: {
        body: Type.Object(
          { token: Type.String({ minLength: 20, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }) },
          Strict,
        ),
        response: Type.Object({ tenantId: Type.String(), role: Type.String() }),
      },
      handler: ({ scope, body, ctx }) =>
        team.accept({ id: scope.principal!.userId!, email: scope.principal!.label ?? '' }, body.token, clientOf(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/audit',
      summary: 'The current tenant’s audit log, newest first, with filters',
      permission: 'reports.view',
      schema: {
        query: Type.Object(
          {
            ...auditQuery,
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          Strict,
        ),
        response: Type.Object({
          items: Type.Array(Type.Object({}, { additionalProperties: true })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
      },
      handler: ({ scope, query }) => audit.list(tenantOf(scope), query, query.limit, query.cursor),
    }),
    defineRoute({
      method: 'get',
      path: '/audit/export.csv',
      summary: 'The filtered audit log as CSV',
      permission: 'reports.view',
      schema: { query: Type.Object(auditQuery, Strict) },
      handler: async ({ scope, query, ctx }) => {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('Content-Disposition', 'attachment; filename="audit.csv"');
        return audit.csv(tenantOf(scope), query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/billing/plans',
      summary: 'The plans of this instance, from the configuration',
      permission: 'billing.manage',
      schema: {
        response: Type.Object({
          items: Type.Array(
            Type.Object({
              name: Type.String(),
              deviceLimit: Type.Union([Type.Integer(), Type.Null()]),
              memberLimit: Type.Union([Type.Integer(), Type.Null()]),
              features: Type.Array(Type.String()),
            }),
          ),
        }),
      },
      handler: () => ({ items: quotas.plans() }),
    }),
    defineRoute({
      method: 'get',
      path: '/billing/usage',
      summary: 'The current tenant’s plan and its use: devices and team members against the limits',
      permission: 'billing.manage',
      schema: {
        response: Type.Object({
          plan: Type.Object({
            name: Type.String(),
            deviceLimit: Type.Union([Type.Integer(), Type.Null()]),
            memberLimit: Type.Union([Type.Integer(), Type.Null()]),
            features: Type.Array(Type.String()),
          }),
          devices: limit,
          members: limit,
        }),
      },
      handler: ({ scope }) => quotas.usage(tenantOf(scope)),
    }),
  ];
}
