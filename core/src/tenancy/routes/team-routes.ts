import { Type } from '@sinclair/typebox';
import { clientOf } from '../../identity/principal.js';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { TeamService } from '../team.js';
import { Strict, Id, Email, RoleId, member, invitation, tenantOf } from './schemas.js';

/** `/team`: members, their roles and activity, invitations. */
export function teamRoutes(team: TeamService): RouteDefinition[] {
  return [
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
  ];
}
