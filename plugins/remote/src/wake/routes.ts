import { Type } from '@sinclair/typebox';
import { defineRoute } from '@outpost/core';
import { WakeAnswer } from './schemas.js';
import { wakeRef } from './service.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const wakeRoutes = [
  defineRoute({
    method: 'post',
    path: '/devices/:id/wake',
    summary:
      'Wake-on-LAN for an offline device with a known MAC: an online device of the tenant on its network sends the magic packet; the answer names it (409 says why none could)',
    permission: 'device.connect',
    schema: { params: IdParams, response: WakeAnswer },
    handler: ({ params, scope }) => scope.get(wakeRef).wake(scope.tenant.tenantId, params.id),
  }),
];
