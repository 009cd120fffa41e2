import { Type } from '@sinclair/typebox';
import { type OutpostEvent, definePlugin, defineService } from '@outpost/core';
import { type __Name__Config, configSchema } from './config.js';
import { type ItemCreated, events, itemCreatedTopic } from './events.js';
import { migrations } from './migrations.js';
import { itemServiceRef } from './refs.js';
import { routes } from './routes.js';
import { ItemService } from './service.js';

const ProcessItem = Type.Object({ itemId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const __name__Plugin = definePlugin<__Name__Config>({
  id: '__id__',
  configSchema,
  permissions: [
    // Owner holds every permission; `roles` names the other built-in roles that get it.
    { id: '__id__.item.view', description: 'See __Title__ items', roles: ['admin', 'member', 'viewer'] },
    { id: '__id__.item.manage', description: 'Add and delete __Title__ items', roles: ['admin', 'member'] },
  ],
  migrations,
  services: [
    defineService({
      ref: itemServiceRef,
      create: (context) => new ItemService(context.db, context.events, context.config),
    }),
  ],
  routes,
  events,
  subscribers: [
    {
      // Durable work: once across the instances, into a job that survives a restart and is
      // retried when it fails. Delivery is at least once; the idempotency key keeps it one job.
      topic: itemCreatedTopic,
      subscriberId: 'process-created-item',
      delivery: 'once-per-cluster',
      handle: async (event: OutpostEvent<ItemCreated>, context) => {
        await context.jobs.enqueue(
          'process-item',
          { itemId: event.payload.id },
          { tenantId: event.tenantId, idempotencyKey: event.id },
        );
      },
    },
  ],
  jobs: [
    {
      // Queued as `__id__.process-item`; retried with exponential backoff, at most 5 runs.
      name: 'process-item',
      maxAttempts: 5,
      backoffMs: 1000,
      payloadSchema: ProcessItem,
      handle: async (payload: { itemId: string }, job, context) => {
        if (!job.tenantId) throw new Error('a process-item job needs its tenant');
        await context.get(itemServiceRef).markProcessed(job.tenantId, payload.itemId);
      },
    },
  ],
  ui: {
    nav: [{ label: '__Title__', icon: 'note', path: '/__id__', permission: '__id__.item.view', section: 'work' }],
    // A link on the home page, "+ Add item", to the page with its form (only for who may add).
    homeActions: [{ label: 'Add item', path: '/__id__', permission: '__id__.item.manage' }],
  },
});
