import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { Quotas } from '../quotas.js';
import { tenantOf } from './schemas.js';

const Limit = Type.Union([Type.Integer(), Type.Null()]);
const planInfo = Type.Object({
  name: Type.String(),
  limits: Type.Record(Type.String(), Limit, { description: 'Per quota counter; a counter not named has no limit' }),
  features: Type.Array(Type.String()),
});

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
          items: Type.Array(planInfo),
        }),
      },
      handler: () => ({ items: quotas.plans() }),
    }),
    defineRoute({
      method: 'get',
      path: '/billing/usage',
      summary: 'The current tenant’s plan and its use: each quota counter (team members, devices, …) against its limit',
      permission: 'billing.manage',
      schema: {
        response: Type.Object({
          plan: planInfo,
          counters: Type.Array(
            Type.Object({ name: Type.String(), label: Type.String(), used: Type.Integer(), limit: Limit }),
          ),
        }),
      },
      handler: ({ scope }) => quotas.usage(tenantOf(scope)),
    }),
  ];
}
