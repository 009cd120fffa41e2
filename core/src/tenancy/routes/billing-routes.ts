import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { Quotas } from '../quotas.js';
import { limitUse, tenantOf } from './schemas.js';

/** `/billing`: the plans and the tenant's use of its plan. */
export function billingRoutes(quotas: Quotas): RouteDefinition[] {
  return [
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
          devices: limitUse,
          members: limitUse,
        }),
      },
      handler: ({ scope }) => quotas.usage(tenantOf(scope)),
    }),
  ];
}
