import { AuthenticationError, collectPages, defineRoute, sendCsv } from '@outpost/core';
import { deviceDirectoryRef } from '@outpost/plugin-devices';
import { Type } from '@sinclair/typebox';
import { remoteFilesRef } from './refs.js';
import {
  DeviceParams,
  DeviceSettings,
  DeviceSettingsChange,
  Transfer,
  TransferQuery,
  TransferReport,
} from './schemas.js';

/** Under `/api/v1/remote`. */
export const filesRoutes = [
  defineRoute({
    method: 'get',
    path: '/transfers',
    summary:
      'The file-transfer log, newest first: name, path, size, direction, result, technician, device; filtered by device, technician, session and time',
    permission: 'remote.session.view',
    schema: {
      query: TransferQuery,
      response: Type.Object({ items: Type.Array(Transfer), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    },
    handler: ({ query, scope }) => scope.get(remoteFilesRef).list(scope.tenant, query),
  }),
  defineRoute({
    method: 'get',
    path: '/transfers/export.csv',
    summary: 'The file-transfer log (the same filters) as CSV',
    permission: 'remote.session.view',
    schema: { query: Type.Omit(TransferQuery, ['limit', 'cursor']) },
    handler: async ({ query, scope, ctx }) => {
      const files = scope.get(remoteFilesRef);
      const items = await collectPages((cursor, limit) => files.list(scope.tenant, { ...query, cursor, limit }));
      sendCsv(ctx, 'file-transfers.csv', [
        ['time', 'device', 'technician', 'direction', 'name', 'path', 'size', 'bytes', 'result', 'error'],
        ...items.map((t) => [
          t.at,
          t.deviceName,
          t.technician,
          t.direction,
          t.name,
          t.path,
          t.size,
          t.bytes,
          t.result,
          t.error ?? '',
        ]),
      ]);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/devices/:deviceId/settings',
    summary: "A device's remote settings: the user its terminal and file browser work as (null: the agent's user)",
    permission: 'device.view',
    schema: { params: DeviceParams, response: DeviceSettings },
    handler: ({ params, scope }) => scope.get(remoteFilesRef).settings(scope.tenant, params.deviceId),
  }),
  defineRoute({
    method: 'put',
    path: '/devices/:deviceId/settings',
    summary: "Change a device's remote settings (`terminalUser`: a login name, or null for the agent's user)",
    permission: 'device.manage',
    schema: { params: DeviceParams, body: DeviceSettingsChange, response: DeviceSettings },
    handler: ({ params, body, scope }) =>
      scope
        .get(remoteFilesRef)
        .changeSettings(
          scope.tenant,
          params.deviceId,
          { terminalUser: body.terminalUser || null },
          scope.principal?.userId ?? null,
        ),
  }),
];

/** Outside `/api/v1`: the agent's report of each transfer, with the device credential. */
export const filesAgentRoutes = [
  defineRoute({
    method: 'post',
    path: '/agent/v1/remote/transfers',
    summary:
      "A device's agent reports a file transfer of one of its files sessions when it ends (device credential): the transfer log's entry",
    public: true,
    status: 201,
    schema: { body: TransferReport, response: Type.Object({ id: Type.String() }) },
    handler: async ({ body, scope, ctx }) => {
      const device = await scope.get(deviceDirectoryRef).authenticateAgent(ctx.get('authorization'));
      if (!device)
        throw new AuthenticationError('Send the device credential as Authorization: Bearer <device id>.<secret>.');
      return { id: await scope.get(remoteFilesRef).record(device, body) };
    },
  }),
];
