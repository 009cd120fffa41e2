import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import { keyOwnerFor } from '../api-keys.js';
import type { Identity } from '../identity.js';
import { clientOf } from '../principal.js';
import { Id, Strict } from './schemas.js';

/** Where a key was created or last used from; null before it was recorded. */
const origin = Type.Union([
  Type.Object({ ip: Type.String(), device: Type.String(), software: Type.String() }),
  Type.Null(),
]);

const keyInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  createdFrom: origin,
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedFrom: origin,
  requests30d: Type.Integer(),
});

/** `/api-keys`: the signed-in user's keys in the current tenant. */
export function apiKeyRoutes(identity: Pick<Identity, 'apiKeys'>): RouteDefinition[] {
  const { apiKeys } = identity;
  return [
    defineRoute({
      method: 'post',
      path: '/api-keys',
      summary:
        'Create an API key; the key is in this answer only. Scopes: permission ids, "*" for all of yours, "write" to allow changes',
      signedIn: true,
      status: 201,
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 100 }),
            expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          Strict,
        ),
        response: Type.Intersect([keyInfo, Type.Object({ key: Type.String() })]),
      },
      handler: async ({ scope, body, ctx }) => {
        const { key, info } = await apiKeys.create(keyOwnerFor(scope.principal!), body, clientOf(ctx));
        return { ...info, key };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api-keys',
      summary:
        'The user’s keys in this tenant: name, scopes, when and where from (IP, device, software) ' +
        'each was created and last used, requests in the last 30 days',
      signedIn: true,
      schema: { response: Type.Object({ items: Type.Array(keyInfo) }) },
      handler: async ({ scope }) => {
        const owner = keyOwnerFor(scope.principal!);
        return { items: await apiKeys.list(owner.userId, owner.tenantId) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api-keys/:id',
      summary: 'Revoke a key at once',
      signedIn: true,
      schema: { params: Type.Object({ id: Id }, Strict) },
      handler: async ({ scope, params, ctx }) => {
        const owner = keyOwnerFor(scope.principal!);
        await apiKeys.revoke(owner, params.id, clientOf(ctx));
      },
    }),
  ];
}
