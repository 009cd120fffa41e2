import { Type } from '@sinclair/typebox';
import { ConflictError, NotFoundError } from '../../errors.js';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { Principal } from '../principal.js';
import type { Identity } from '../identity.js';
import { preferenceKeyMaxLength, preferenceKeyPattern } from '../preferences.js';
import { Strict } from './schemas.js';

const Key = Type.String({
  pattern: preferenceKeyPattern,
  maxLength: preferenceKeyMaxLength,
  description: 'Dotted lower-case words, e.g. table.devices',
});
const preference = Type.Object({
  key: Type.String(),
  value: Type.Unknown({ description: 'Any JSON value; null when never saved' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

/** The user and the tenant a preference belongs to; a user in no tenant has nowhere to keep one. */
function owner(principal: Principal): [string, string] {
  if (!principal.tenantId) throw new ConflictError('Preferences are kept per tenant: choose a tenant first.');
  return [principal.userId!, principal.tenantId];
}

/** `/account/preferences/*`: the signed-in user's own UI preferences in the current tenant. */
export function preferenceRoutes(identity: Pick<Identity, 'preferences'>): RouteDefinition[] {
  const { preferences } = identity;
  return [
    defineRoute({
      method: 'get',
      path: '/account/preferences',
      summary: 'Every UI preference the signed-in user saved in the current tenant',
      signedIn: true,
      schema: { response: Type.Object({ items: Type.Array(preference) }) },
      handler: async ({ scope }) => ({ items: await preferences.list(...owner(scope.principal!)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/account/preferences/:key',
      summary: 'One UI preference of the signed-in user in the current tenant (value null when never saved)',
      signedIn: true,
      schema: { params: Type.Object({ key: Key }, Strict), response: preference },
      handler: ({ scope, params }) => preferences.get(...owner(scope.principal!), params.key),
    }),
    defineRoute({
      method: 'put',
      path: '/account/preferences/:key',
      summary: 'Save a UI preference of the signed-in user in the current tenant (a JSON value of at most 16 KB)',
      signedIn: true,
      schema: {
        params: Type.Object({ key: Key }, Strict),
        body: Type.Object(
          { value: Type.Unknown({ description: 'Any JSON value' }) },
          { ...Strict, required: ['value'] },
        ),
        response: preference,
      },
      handler: ({ scope, params, body }) => preferences.put(...owner(scope.principal!), params.key, body.value),
    }),
    defineRoute({
      method: 'delete',
      path: '/account/preferences/:key',
      summary: 'Forget a UI preference of the signed-in user in the current tenant',
      signedIn: true,
      schema: { params: Type.Object({ key: Key }, Strict) },
      handler: async ({ scope, params }) => {
        if (!(await preferences.remove(...owner(scope.principal!), params.key))) {
          throw new NotFoundError('There is no such preference.');
        }
      },
    }),
  ];
}
