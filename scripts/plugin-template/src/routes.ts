import { Type } from '@sinclair/typebox';
import { defineRoute, limitParameter } from '@outpost/core';
import { itemServiceRef } from './refs.js';
import { IdParams, Item, NewItem } from './schemas.js';

/** Mounted under /api/v1/__id__. Each route validates its input, needs a permission and sees only the caller's tenant. */
export const routes = [
  defineRoute({
    method: 'get',
    path: '/items',
    summary: "The tenant's items, newest first",
    permission: '__id__.item.view',
    schema: {
      query: Type.Object({ limit: limitParameter() }, { additionalProperties: false }),
      response: Type.Object({ items: Type.Array(Item) }),
    },
    handler: async ({ query, scope }) => ({ items: await scope.get(itemServiceRef).list(scope.tenant, query.limit) }),
  }),
  defineRoute({
    method: 'post',
    path: '/items',
    summary: 'Add an item (a title)',
    permission: '__id__.item.manage',
    status: 201,
    schema: { body: NewItem, response: Item },
    handler: ({ body, scope }) => scope.get(itemServiceRef).create(scope.tenant, body),
  }),
  defineRoute({
    method: 'get',
    path: '/items/:id',
    summary: 'One item',
    permission: '__id__.item.view',
    schema: { params: IdParams, response: Item },
    handler: ({ params, scope }) => scope.get(itemServiceRef).get(scope.tenant, params.id),
  }),
  defineRoute({
    method: 'delete',
    path: '/items/:id',
    summary: 'Delete an item',
    permission: '__id__.item.manage',
    schema: { params: IdParams },
    handler: ({ params, scope }) => scope.get(itemServiceRef).delete(scope.tenant, params.id),
  }),
];
