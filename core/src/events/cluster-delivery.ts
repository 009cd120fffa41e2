import type { JobQueue } from '../jobs/queue.js';
import type { RunnableJob } from '../jobs/runner.js';
import type { DurableDelivery, LocalEventBus, OutpostEvent } from './bus.js';

/**
 * The core job that runs events for one once-per-cluster subscriber: one job name per
 * subscriber, so only an instance where that subscriber runs claims its deliveries (an
 * instance without its plugin, during a rolling change of the plugin set, leaves them be).
 */
export const deliveryJobName = (subscriberId: string) => `core.event-delivery.${subscriberId}`;

/** A plugin subscriber's id on the bus: `<plugin id>.<subscriberId>`. */
export const busSubscriberId = (pluginId: string, subscriberId: string) => `${pluginId}.${subscriberId}`;

interface DeliveryPayload {
  subscriberId: string;
  event: OutpostEvent;
}

/**
 * Once-per-cluster delivery through the job queue. The publishing instance stores one
 * `core.event-delivery.<subscriber>` job per once-per-cluster subscriber of the event before
 * `publish()` returns; one instance claims it (SKIP LOCKED on PostgreSQL) and runs the
 * subscriber. Chosen over "run it on the publishing instance" for crash safety: a
 * stored delivery survives the publisher stopping, a failing subscriber is retried
 * with backoff, and a subscriber whose instance died mid-run runs again once its lease
 * ends. So delivery is at least once, never once per instance: a subscriber should be
 * idempotent (a conditional update; `idempotencyKey: event.id` for the jobs it enqueues).
 * The (name, idempotency key) index stores each (event, subscriber) pair once.
 */
export function jobDelivery(queue: () => JobQueue): DurableDelivery {
  return {
    async store(event, subscriberIds) {
      for (const subscriberId of subscriberIds) {
        const payload: DeliveryPayload = { subscriberId, event };
        await queue().enqueue(deliveryJobName(subscriberId), payload, {
          tenantId: event.tenantId,
          idempotencyKey: event.id,
        });
      }
    },
  };
}

/** The job that runs a subscriber's stored deliveries on whichever instance, among those where it runs, claims them. */
export function eventDelivery(bus: LocalEventBus, subscriberId: string): RunnableJob & { name: string } {
  return {
    name: deliveryJobName(subscriberId),
    async handle({ event }: DeliveryPayload) {
      try {
        await bus.runDelivery(subscriberId, event);
      } catch (error) {
        // The job's last_error and log then name the subscriber and the event.
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`subscriber ${subscriberId} on ${event.topic} (event ${event.id}): ${message}`, {
          cause: error,
        });
      }
    },
  };
}
