import { Type } from '@sinclair/typebox';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type RequestScope,
  type RouteDefinition,
  actorOf,
  clientOf,
  collectPages,
  coreServices,
  defineRoute,
  limitParameter,
  sendCsv,
} from '@outpost/core';
import type Koa from 'koa';
import { agentOperationsRef } from './api.js';
import { devicesRef } from './refs.js';
import {
  BulkAction,
  DeviceDetails,
  DevicePage,
  DevicePatch,
  EnrollAnswer,
  EnrollBody,
  Group,
  GroupInput,
  IdParams,
  ListQuery,
  OperationRun,
  SessionEntry,
  Summary,
} from './schemas.js';

const userOf = (scope: RequestScope) => scope.principal?.userId;
const ok = Type.Object({ ok: Type.Literal(true) });

async function audit(
  scope: RequestScope,
  ctx: Koa.Context,
  action: string,
  id: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await scope.get(coreServices.audit).record({
    tenantId: scope.tenant.tenantId,
    actor: actorOf(scope.principal!),
    action,
    resource: { type: 'device', id },
    client: clientOf(ctx),
    details,
  });
}

export const routes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '',
    summary: 'List devices: search, filters, sort, favorites first, keyset pages',
    permission: 'device.view',
    schema: { query: ListQuery, response: DevicePage },
    handler: ({ query, scope }) => scope.get(devicesRef).list.page(scope.tenant, userOf(scope), query),
  }),
  defineRoute({
    method: 'get',
    path: '/export.csv',
    summary: 'The filtered device list as CSV',
    permission: 'device.view',
    schema: { query: Type.Omit(ListQuery, ['limit', 'cursor', 'withTotal']) },
    handler: async ({ query, scope, ctx }) => {
      const list = scope.get(devicesRef).list;
      const devices = await collectPages((cursor, limit) =>
        list.page(scope.tenant, userOf(scope), { ...query, limit, cursor, withTotal: false }),
      );
      sendCsv(ctx, 'devices.csv', [
        [
          'Name',
          'Status',
          'Device ID',
          'Group',
          'Tags',
          'OS',
          'OS version',
          'Agent',
          'IP',
          'Country',
          'City',
          'First connected',
          'Last seen',
          'Sessions',
        ],
        ...devices.map((d) => [
          d.name,
          d.status,
          d.shortId,
          d.groupName ?? '',
          d.tags.join(' '),
          d.osName || d.os,
          d.osVersion,
          d.agentVersion,
          d.ip ?? '',
          d.country ?? '',
          d.city ?? '',
          d.firstConnectedAt ?? '',
          d.lastSeenAt,
          d.sessionCount,
        ]),
      ]);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/summary',
    summary: 'Counts by status, Trash, groups and shared devices, for the navigation',
    permission: 'device.view',
    schema: { response: Summary },
    handler: ({ scope }) => scope.get(devicesRef).reads.summary(scope.tenant, userOf(scope)),
  }),
  defineRoute({
    method: 'get',
    path: '/nav',
    summary:
      'The entries the web app lists under Devices: all, shared, each group, Trash, with counts, and "+ Add group" for those who may',
    permission: 'device.view',
    schema: {
      response: Type.Object({
        items: Type.Array(
          Type.Object({
            label: Type.String(),
            path: Type.String(),
            badge: Type.Optional(Type.Integer()),
            /** A name the user gave (a group's): shown as it is, not translated. */
            verbatim: Type.Optional(Type.Boolean()),
          }),
        ),
      }),
    },
    handler: async ({ scope }) => {
      const summary = await scope.get(devicesRef).reads.summary(scope.tenant, userOf(scope));
      return {
        items: [
          { label: 'All devices', path: '/devices', badge: summary.total },
          ...(summary.sharedWithMe > 0
            ? [{ label: 'Shared with me', path: '/devices/shared', badge: summary.sharedWithMe }]
            : []),
          ...summary.groups.map((g) => ({
            label: g.name,
            path: `/devices/group/${g.id}`,
            badge: g.deviceCount,
            verbatim: true,
          })),
          { label: 'Trash', path: '/devices/trash', badge: summary.trash },
          ...(scope.principal?.permissions.has('groups.manage')
            ? [{ label: '+ Add group', path: '/devices/groups/new' }]
            : []),
        ],
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/operations',
    summary: 'The agent operations this server knows',
    permission: 'device.view',
    schema: {
      response: Type.Object({
        items: Type.Array(
          Type.Object({
            name: Type.String(),
            description: Type.String(),
            destructive: Type.Boolean(),
            permission: Type.String(),
            argsSchema: Type.Unknown(),
          }),
        ),
      }),
    },
    handler: ({ scope }) => ({
      items: scope
        .get(agentOperationsRef)
        .list()
        .filter((operation) => !operation.internal)
        .map(({ name, description, destructive, permission, argsSchema }) => ({
          name,
          description,
          destructive,
          permission,
          argsSchema,
        })),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/watch',
    summary: 'Say that a dashboard is looking at these devices, so they send screenshots (lasts 90 s)',
    permission: 'device.view',
    personal: true,
    schema: {
      body: Type.Object(
        { ids: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }) },
        { additionalProperties: false },
      ),
      response: ok,
    },
    handler: async ({ body, scope }) => {
      const visible = await scope.tenant.table('devices_devices').whereIn('id', body.ids).pluck('id');
      await scope.get(devicesRef).relay.watch(visible);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bulk',
    summary: 'Move to Trash, restore, move to a group, add or remove a tag, for many devices',
    permission: 'device.manage',
    schema: { body: BulkAction, response: Type.Object({ affected: Type.Array(Type.String()) }) },
    handler: async ({ body, scope, ctx }) => {
      const result = await scope.get(devicesRef).changes.bulk(scope.tenant, body);
      if (body.action === 'trash' || body.action === 'restore') {
        for (const id of result.affected)
          await audit(scope, ctx, `devices.device.${body.action === 'trash' ? 'trashed' : 'restored'}`, id);
      }
      return result;
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/trash',
    summary: 'Empty Trash: delete every trashed device for good',
    permission: 'device.manage',
    schema: { response: Type.Object({ deleted: Type.Integer() }) },
    handler: async ({ scope, ctx }) => {
      const deleted = await scope.get(devicesRef).changes.emptyTrash(scope.tenant);
      await scope.get(coreServices.audit).record({
        tenantId: scope.tenant.tenantId,
        actor: actorOf(scope.principal!),
        action: 'devices.trash.emptied',
        client: clientOf(ctx),
        details: { deleted },
      });
      return { deleted };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/groups',
    summary: 'The device groups with their device counts',
    permission: 'device.view',
    schema: { response: Type.Object({ items: Type.Array(Group) }) },
    handler: async ({ scope }) => ({ items: await scope.get(devicesRef).groups.list(scope.tenant) }),
  }),
  defineRoute({
    method: 'post',
    path: '/groups',
    summary: 'Create a group',
    permission: 'groups.manage',
    status: 201,
    schema: { body: GroupInput, response: Group },
    handler: ({ body, scope }) => scope.get(devicesRef).groups.create(scope.tenant, body.name),
  }),
  defineRoute({
    method: 'patch',
    path: '/groups/:id',
    summary: 'Rename a group',
    permission: 'groups.manage',
    schema: { params: IdParams, body: GroupInput, response: Group },
    handler: ({ params, body, scope }) => scope.get(devicesRef).groups.rename(scope.tenant, params.id, body.name),
  }),
  defineRoute({
    method: 'delete',
    path: '/groups/:id',
    summary: 'Delete a group (its devices stay, without a group)',
    permission: 'groups.manage',
    schema: { params: IdParams },
    handler: async ({ params, scope }) => {
      await scope.get(devicesRef).groups.delete(scope.tenant, params.id);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/by-link/:permalink',
    summary: 'The device behind a readable permalink',
    permission: 'device.view',
    schema: {
      params: Type.Object({ permalink: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
      response: DeviceDetails,
    },
    handler: ({ params, scope }) =>
      scope.get(devicesRef).reads.byPermalink(scope.tenant, userOf(scope), params.permalink),
  }),
  defineRoute({
    method: 'get',
    path: '/:id',
    summary: 'One device: general and detailed system information, connection, settings, sharing',
    permission: 'device.view',
    schema: { params: IdParams, response: DeviceDetails },
    handler: ({ params, scope }) => scope.get(devicesRef).reads.details(scope.tenant, userOf(scope), params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/:id',
    summary: 'Change name, group, tags, notes, notifications, permalink or agent settings',
    permission: 'device.manage',
    schema: { params: IdParams, body: DevicePatch, response: DeviceDetails },
    handler: ({ params, body, scope }) =>
      scope.get(devicesRef).changes.update(scope.tenant, userOf(scope), params.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/:id',
    summary: 'Move a device to Trash (kept 30 days); with ?permanent=true, delete it from Trash for good',
    permission: 'device.manage',
    schema: {
      params: IdParams,
      query: Type.Object({ permanent: Type.Boolean({ default: false }) }, { additionalProperties: false }),
    },
    handler: async ({ params, query, scope, ctx }) => {
      const { reads, changes } = scope.get(devicesRef);
      if (query.permanent) {
        const device = await reads.details(scope.tenant, undefined, params.id);
        if (!device.deletedAt)
          throw new ConflictError('Only a device in Trash is deleted for good: move it to Trash first.', {
            type: 'not-in-trash',
          });
        await changes.emptyTrash(scope.tenant, [params.id]);
        return audit(scope, ctx, 'devices.device.deleted', params.id);
      }
      await reads.row(scope.tenant, params.id);
      await changes.bulk(scope.tenant, { ids: [params.id], action: 'trash' });
      await audit(scope, ctx, 'devices.device.trashed', params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/:id/restore',
    summary: 'Restore a device from Trash',
    permission: 'device.manage',
    schema: { params: IdParams, response: DeviceDetails },
    handler: async ({ params, scope, ctx }) => {
      const { reads, changes } = scope.get(devicesRef);
      await reads.details(scope.tenant, undefined, params.id);
      await changes.bulk(scope.tenant, { ids: [params.id], action: 'restore' });
      await audit(scope, ctx, 'devices.device.restored', params.id);
      return reads.details(scope.tenant, userOf(scope), params.id);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/:id/favorite',
    summary: 'Mark a device as one of your favorites',
    permission: 'device.view',
    personal: true,
    schema: { params: IdParams },
    handler: async ({ params, scope }) =>
      scope.get(devicesRef).sharing.setFavorite(scope.tenant, requireUser(scope), params.id, true),
  }),
  defineRoute({
    method: 'delete',
    path: '/:id/favorite',
    summary: 'Take a device off your favorites',
    permission: 'device.view',
    personal: true,
    schema: { params: IdParams },
    handler: async ({ params, scope }) =>
      scope.get(devicesRef).sharing.setFavorite(scope.tenant, requireUser(scope), params.id, false),
  }),
  defineRoute({
    method: 'post',
    path: '/:id/shares',
    summary: 'Share a device with another user of the tenant',
    permission: 'device.manage',
    status: 204,
    schema: {
      params: IdParams,
      body: Type.Object({ userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
    },
    handler: async ({ params, body, scope, ctx }) => {
      await scope.get(devicesRef).sharing.share(scope.tenant, params.id, body.userId, userOf(scope));
      await audit(scope, ctx, 'devices.device.shared', params.id, { userId: body.userId });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/:id/shares/:userId',
    summary: 'Stop sharing a device with a user',
    permission: 'device.manage',
    schema: {
      params: Type.Object(
        { id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) },
        { additionalProperties: false },
      ),
    },
    handler: async ({ params, scope, ctx }) => {
      await scope.get(devicesRef).sharing.unshare(scope.tenant, params.id, params.userId);
      await audit(scope, ctx, 'devices.device.unshared', params.id, { userId: params.userId });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/:id/sessions',
    summary: 'The connection log of a device, newest first',
    permission: 'device.view',
    schema: {
      params: IdParams,
      query: Type.Object({ limit: limitParameter(100) }, { additionalProperties: false }),
      response: Type.Object({ items: Type.Array(SessionEntry) }),
    },
    handler: async ({ params, query, scope }) => ({
      items: await scope.get(devicesRef).reads.sessions(scope.tenant, params.id, query.limit),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/:id/sessions.csv',
    summary: 'The connection log of a device as CSV',
    permission: 'device.view',
    schema: { params: IdParams },
    handler: async ({ params, scope, ctx }) => {
      const sessions = await scope.get(devicesRef).reads.sessions(scope.tenant, params.id, 100_000);
      sendCsv(ctx, `device-${params.id}-sessions.csv`, [
        ['Connected', 'Disconnected', 'IP', 'Agent version', 'End'],
        ...sessions.map((s) => [s.connectedAt, s.disconnectedAt ?? '', s.ip ?? '', s.agentVersion, s.endReason ?? '']),
      ]);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/:id/screenshot',
    summary: 'The latest screenshot of a device (JPEG or PNG)',
    permission: 'device.view',
    schema: {
      params: IdParams,
      query: Type.Object({ t: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
    },
    handler: async ({ params, scope, ctx }) => {
      const shot = await scope.get(devicesRef).reads.screenshot(scope.tenant, params.id);
      ctx.type = shot.mime;
      ctx.set('Cache-Control', 'private, max-age=30');
      ctx.set('Last-Modified', new Date(shot.takenAt).toUTCString());
      ctx.body = shot.content;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/:id/operations',
    summary: 'Run an agent operation on a device and answer its result',
    permission: 'device.connect',
    schema: {
      params: IdParams,
      body: OperationRun,
      response: Type.Object({ name: Type.String(), result: Type.Unknown() }),
    },
    handler: async ({ params, body, scope, ctx }) => {
      const { reads, relay } = scope.get(devicesRef);
      const operation = scope.get(agentOperationsRef).get(body.name);
      // Internal operations (a remote session's tunnel) run only through their plugin's own routes.
      if (operation?.internal)
        throw new NotFoundError(`No agent operation is named "${body.name}".`, { type: 'unknown-operation' });
      if (operation && !scope.principal!.permissions.has(operation.permission)) {
        throw new ForbiddenError(`This operation needs the ${operation.permission} permission.`, {
          extensions: { permission: operation.permission },
        });
      }
      const device = await reads.row(scope.tenant, params.id);
      const result = await relay.run(device, body.name, body.args);
      if (operation?.destructive) await audit(scope, ctx, 'devices.operation.run', params.id, { operation: body.name });
      return { name: body.name, result };
    },
  }),
];

export const externalRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post',
    path: '/agent/v1/enroll',
    summary: 'Agent enrollment: trade an enrollment code and machine facts for a device id and secret',
    public: true,
    status: 201,
    schema: { body: EnrollBody, response: EnrollAnswer },
    handler: ({ body, scope, ctx }) => scope.get(devicesRef).enrollment.enroll(body.code, body.facts, ctx.ip),
  }),
];

function requireUser(scope: RequestScope): string {
  const userId = scope.principal?.userId;
  if (!userId) throw new ForbiddenError('Favorites belong to a user, and this credential has none.');
  return userId;
}
