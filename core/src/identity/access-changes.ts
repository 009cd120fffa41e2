import { type Static, Type } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { EventBus } from '../events/bus.js';
import type { EventDefinition } from '../plugins/types.js';
import type { Principal } from './principal.js';

/** Published when someone's access may have shrunk; open event streams check their clients again. */
export const accessChangedTopic = 'core.access.changed';

const AccessChange = Type.Object(
  {
    /** What happened, for the logs: `session.ended`, `api-key.revoked`, `role.updated`, ... */
    reason: Type.String(),
    sessionId: Type.Optional(Type.String()),
    /** Every session and key of this user. */
    userId: Type.Optional(Type.String()),
    apiKeyId: Type.Optional(Type.String()),
    /** Everyone acting in this tenant. */
    tenantId: Type.Optional(Type.String()),
    /** Everyone (a role of the root tenant changed, and MSP users carry it into every child tenant). */
    everyone: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AccessChange = Static<typeof AccessChange>;

/** The core's own events. Internal: they travel between instances and never reach a browser. */
export const coreEvents: Record<string, EventDefinition> = {
  [accessChangedTopic]: {
    schema: AccessChange,
    internal: true,
    description: 'A session ended, a key was revoked, or a membership or role changed: open streams check access again',
  },
};

/** Whether a change may concern a principal: it names its session, user, key or tenant, or everyone. */
export function affects(change: AccessChange, principal: Principal): boolean {
  return (
    change.everyone === true ||
    (change.sessionId !== undefined && principal.sessionId === change.sessionId) ||
    (change.userId !== undefined && principal.userId === change.userId) ||
    (change.apiKeyId !== undefined && principal.kind === 'api-key' && principal.id === change.apiKeyId) ||
    (change.tenantId !== undefined && principal.tenantId === change.tenantId)
  );
}

/**
 * Announces access changes on the event bus, so every instance re-checks its open
 * streams before their next event. Call it after the change is committed. A failed
 * announcement is logged, not thrown: the change itself is done, and streams also
 * re-check every client at each heartbeat.
 */
export class AccessChanges {
  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async announce(change: AccessChange): Promise<void> {
    try {
      await this.bus.publish(accessChangedTopic, change);
    } catch (error) {
      const message = 'an access change could not be announced; open streams see it at their next heartbeat';
      this.logger.warn({ err: error, change }, message);
    }
  }
}
