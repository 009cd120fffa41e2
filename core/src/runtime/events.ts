import type { ValidateFunction } from 'ajv';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import { type DurableDelivery, type EventGuard, LocalEventBus } from '../events/bus.js';
import { PgEventTransport } from '../events/pg-transport.js';
import type { StreamAccess } from '../http/stream.js';
import type { PluginDefinition } from '../plugins/types.js';
import { createAjv } from '../schema/ajv.js';

export interface TopicEntry {
  validate: ValidateFunction;
  permission?: string;
  internal?: boolean;
}

/** Every declared topic (the core's and the enabled plugins') with its compiled payload schema. */
export function eventRegistry(declarers: Array<Pick<PluginDefinition, 'events'>>): Map<string, TopicEntry> {
  const ajv = createAjv();
  return new Map(
    declarers.flatMap((p) =>
      Object.entries(p.events ?? {}).map(
        ([topic, definition]) =>
          [
            topic,
            {
              validate: ajv.compile(definition.schema),
              permission: definition.permission,
              internal: definition.internal,
            },
          ] as const,
      ),
    ),
  );
}

/** Refuses undeclared topics; in development and tests also payloads that do not match their schema. */
export function topicGuard(topics: Map<string, TopicEntry>, checkPayloads: boolean): EventGuard {
  return (topic, payload) => {
    const entry = topics.get(topic);
    if (!entry) throw new Error(`event "${topic}" is not declared by any enabled plugin`);
    if (checkPayloads && !entry.validate(payload)) {
      throw new Error(
        `event "${topic}" payload does not match its schema: ${createAjv().errorsText(entry.validate.errors)}`,
      );
    }
  };
}

/**
 * The bus: in-process on SQLite, shared by the instances over LISTEN/NOTIFY on PostgreSQL;
 * once-per-cluster subscribers get their events through `durable` (the job queue).
 */
export function createEventBus(
  core: CoreConfig,
  db: Knex,
  guard: EventGuard,
  durable: DurableDelivery,
  logger: Logger,
): LocalEventBus {
  const transport =
    core.database.client === 'pg'
      ? new PgEventTransport(
          core.database.connection as string,
          `outpost_events_${core.database.searchPath ?? 'public'}`,
          (channel, payload) => db.raw('select pg_notify(?, ?)', [channel, payload]),
          logger,
        )
      : undefined;
  return new LocalEventBus(logger, guard, transport, durable);
}

/** Internal topics (between a plugin's own instances) never reach browsers. */
export function withoutInternal(access: StreamAccess, topics: Map<string, TopicEntry>): StreamAccess {
  return (principal, event) => topics.get(event.topic)?.internal !== true && access(principal, event);
}
