import { Type } from '@sinclair/typebox';
import { createServiceRef, definePlugin, defineRoute, defineService } from '@outpost/core';
import { deviceDirectoryRef, enrollmentSourcesRef } from '@outpost/plugin-devices';
import { InviteService } from './service.js';

export const invitesRef = createServiceRef<InviteService>('invites.service');

const Invite = Type.Object({
  id: Type.String(),
  code: Type.String(),
  displayCode: Type.String(),
  link: Type.String(),
  name: Type.String(),
  groupId: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deviceCount: Type.Integer(),
});

const NewInvite = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    groupId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const invitesPlugin = definePlugin({
  id: 'invites',
  dependencies: ['devices'],
  migrations: [
    {
      name: '202611241000_invites',
      up: (knex) =>
        knex.schema.createTable('invites_invites', (t) => {
          t.string('id', 36).primary();
          t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
          t.string('code', 12).notNullable().unique();
          t.string('name', 100).notNullable();
          t.string('group_id', 36).nullable();
          t.timestamp('expires_at', { useTz: true }).nullable();
          t.string('created_by', 36).nullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.index(['tenant_id', 'created_at']);
        }),
      down: (knex) => knex.schema.dropTable('invites_invites'),
    },
  ],
  services: [
    defineService({
      ref: invitesRef,
      create(context) {
        const service = new InviteService(context.db, context.get(deviceDirectoryRef), context.coreConfig.app.baseUrl);
        context.get(enrollmentSourcesRef).register(service);
        return service;
      },
    }),
  ],
  routes: [
    defineRoute({
      method: 'post',
      path: '',
      summary: 'Create a reusable invite: a 12-character code and its link',
      permission: 'device.manage',
      status: 201,
      schema: { body: NewInvite, response: Invite },
      handler: ({ body, scope }) => scope.get(invitesRef).create(scope.tenant, body ?? {}, scope.principal?.userId),
    }),
    defineRoute({
      method: 'get',
      path: '',
      summary: 'The pending invites, newest first, with the devices each has enrolled',
      permission: 'device.view',
      schema: { response: Type.Object({ items: Type.Array(Invite) }) },
      handler: async ({ scope }) => ({ items: await scope.get(invitesRef).list(scope.tenant) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/:id',
      summary: 'Delete an invite: its code enrolls nothing more (enrolled devices stay)',
      permission: 'device.manage',
      schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }) },
      handler: async ({ params, scope }) => scope.get(invitesRef).delete(scope.tenant, params.id),
    }),
  ],
});
