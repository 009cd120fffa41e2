import { Type } from '@sinclair/typebox';
import { collectPages, defineRoute, limitParameter, sendCsv } from '@outpost/core';
import { contactRows, maxImportRows } from './csv.js';
import { contactsRef } from './refs.js';
import { Connection, Contact, ContactChange, DeviceSummary, NewContact } from './schemas.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const LinkParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), deviceId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
const Search = Type.Optional(Type.String({ maxLength: 200 }));

export const routes = [
  defineRoute({
    method: 'get',
    path: '',
    summary: 'Contacts by name; `q` finds name, e-mail or company containing it',
    permission: 'ticket.view',
    schema: {
      query: Type.Object(
        { q: Search, limit: limitParameter(), cursor: Type.Optional(Type.String({ maxLength: 1000 })) },
        { additionalProperties: false },
      ),
      response: Type.Object({ items: Type.Array(Contact), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    },
    handler: ({ query, scope }) => scope.get(contactsRef).service.list(scope.tenant, query),
  }),
  defineRoute({
    method: 'post',
    path: '',
    summary: 'Add a contact: name (required), e-mail, phone, company, notes',
    permission: 'ticket.manage',
    status: 201,
    schema: { body: NewContact, response: Contact },
    handler: ({ body, scope }) =>
      scope
        .get(contactsRef)
        .service.create(scope.tenant, { email: null, phone: null, company: null, notes: '', ...body }),
  }),
  defineRoute({
    method: 'get',
    path: '/export.csv',
    summary: 'The contacts (those `q` finds, or all) as CSV, in the columns the import reads',
    permission: 'ticket.view',
    schema: { query: Type.Object({ q: Search }, { additionalProperties: false }) },
    handler: async ({ query, scope, ctx }) => {
      const { service } = scope.get(contactsRef);
      const contacts = await collectPages((cursor, limit) => service.list(scope.tenant, { q: query.q, limit, cursor }));
      sendCsv(ctx, 'contacts.csv', contactRows(contacts));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/import',
    summary: `Import contacts from CSV (a header line with a "name" column; email, phone, company, notes optional; at most ${maxImportRows} lines): each line accepted or rejected with its reason`,
    permission: 'ticket.manage',
    bodyLimitBytes: 12 * 1024 * 1024,
    schema: {
      body: Type.Object(
        { csv: Type.String({ minLength: 1, maxLength: 10 * 1024 * 1024 }) },
        { additionalProperties: false },
      ),
      response: Type.Object({
        accepted: Type.Integer(),
        rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
        ignoredColumns: Type.Array(Type.String()),
      }),
    },
    handler: ({ body, scope }) => scope.get(contactsRef).import(scope.tenant, body.csv),
  }),
  defineRoute({
    method: 'get',
    path: '/by-device/:deviceId',
    summary: 'The contacts a device is linked to',
    permission: 'ticket.view',
    schema: {
      params: Type.Object({ deviceId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      response: Type.Object({ items: Type.Array(Contact) }),
    },
    handler: async ({ params, scope }) => ({
      items: await scope.get(contactsRef).service.ofDevice(scope.tenant, params.deviceId),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/:id',
    summary: 'A contact with its linked devices (name, status)',
    permission: 'ticket.view',
    schema: {
      params: IdParams,
      response: Type.Intersect([Contact, Type.Object({ devices: Type.Array(DeviceSummary) })]),
    },
    handler: ({ params, scope }) => scope.get(contactsRef).service.get(scope.tenant, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/:id',
    summary: 'Change a contact',
    permission: 'ticket.manage',
    schema: { params: IdParams, body: ContactChange, response: Contact },
    handler: ({ params, body, scope }) => scope.get(contactsRef).service.update(scope.tenant, params.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/:id',
    summary: 'Delete a contact (its devices stay; they are only unlinked)',
    permission: 'ticket.manage',
    schema: { params: IdParams },
    handler: ({ params, scope }) => scope.get(contactsRef).service.delete(scope.tenant, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/:id/connections',
    summary: "The connection history of the contact's devices, newest first",
    permission: 'ticket.view',
    schema: {
      params: IdParams,
      query: Type.Object({ limit: limitParameter() }, { additionalProperties: false }),
      response: Type.Object({ items: Type.Array(Connection) }),
    },
    handler: async ({ params, query, scope }) => ({
      items: await scope.get(contactsRef).service.connections(scope.tenant, params.id, query.limit),
    }),
  }),
  defineRoute({
    method: 'put',
    path: '/:id/devices/:deviceId',
    summary: 'Link a device to the contact (a contact may have any number of devices, a device several contacts)',
    permission: 'ticket.manage',
    schema: { params: LinkParams },
    handler: ({ params, scope }) => scope.get(contactsRef).service.linkDevice(scope.tenant, params.id, params.deviceId),
  }),
  defineRoute({
    method: 'delete',
    path: '/:id/devices/:deviceId',
    summary: 'Unlink a device from the contact',
    permission: 'ticket.manage',
    schema: { params: LinkParams },
    handler: ({ params, scope }) =>
      scope.get(contactsRef).service.unlinkDevice(scope.tenant, params.id, params.deviceId),
  }),
];
