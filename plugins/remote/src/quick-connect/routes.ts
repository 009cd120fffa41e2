import { Type } from '@sinclair/typebox';
import { NotFoundError, defineRoute } from '@outpost/core';
import { deviceDirectoryRef } from '@outpost/plugin-devices';
import { QuickConnectDevice } from './schemas.js';

export const quickConnectRoutes = [
  defineRoute({
    method: 'get',
    path: '/quick-connect/:number',
    summary:
      "Quick Connect: the tenant's device with this 9-digit id, to open Web Connect, Terminal or Files without adding anything to a list; 404 for an unknown id or another tenant's",
    permission: 'device.connect',
    schema: {
      params: Type.Object({ number: Type.String({ pattern: '^[0-9]{9}$' }) }, { additionalProperties: false }),
      response: QuickConnectDevice,
    },
    handler: async ({ params, scope }) => {
      const device = await scope.get(deviceDirectoryRef).byShortId(scope.tenant.tenantId, params.number);
      if (!device) throw new NotFoundError(`No device of yours has the id ${params.number}.`);
      return device;
    },
  }),
];
