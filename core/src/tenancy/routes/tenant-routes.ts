import { Type } from '@sinclair/typebox';
import { clientOf } from '../../identity/principal.js';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { TenantService } from '../tenants.js';
import { Strict, Id, tenantInfo } from './schemas.js';

/** `/tenants` and the session's current tenant (`/account/tenant`). */
export function tenantRoutes(tenants: TenantService): RouteDefinition[] {
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
      permission: 'tenants.manage',
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
      path: '/tenants/:id/accent-color',
      summary:
        'Set the current tenant’s brand color, the web app’s accent (#rrggbb), or null for Outpost’s own; another tenant answers 404',
      permission: 'settings.manage',
      schema: {
        params: Type.Object({ id: Id }, Strict),
        body: Type.Object(
          {
            accentColor: Type.Union([
              Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'A hex color such as #0071ec' }),
              Type.Null(),
            ]),
          },
          Strict,
        ),
      },
      handler: async ({ scope, params, body, ctx }) => {
        await tenants.setAccentColor(scope.principal!, params.id, body.accentColor, clientOf(ctx));
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
  ];
}
