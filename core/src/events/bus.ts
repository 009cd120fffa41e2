import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

export interface OutpostEvent<T = unknown> {
  id: string;
  topic: string;
  payload: T;
  tenantId: string | null;
  /** ISO 8601 UTC. */
  time: string;
}

export type EventHandler = (event: OutpostEvent) => void | Promise<void>;

export interface PublishOptions {
  tenantId?: string | null;
}

export interface EventBus {
  publish<T>(topic: string, payload: T, options?: PublishOptions): Promise<OutpostEvent<T>>;
  /** `pattern` is a topic or a prefix ending in `*` (`devices.*`, `*`). */
  subscribe(pattern: string, handler: EventHandler, options?: { subscriberId?: string }): () => void;
}

/** Checks a topic and payload before they leave the process. */
export type EventGuard = (topic: string, payload: unknown) => void;

/** Carries events between processes; the in-process bus needs none. */
export interface EventTransport {
  send(event: OutpostEvent): Promise<void>;
  start(receive: (event: OutpostEvent) => void): Promise<void>;
  stop(): Promise<void>;
}

interface Subscription {
  pattern: string;
  handler: EventHandler;
  subscriberId: string;
}

/**
 * The event bus. Local subscribers get every event published here at once; with a
 * transport (PostgreSQL LISTEN/NOTIFY), events also reach the other instances.
 * A failing subscriber is logged and does not affect the publisher or other subscribers.
 */
export class LocalEventBus implements EventBus {
  private readonly subscriptions = new Set<Subscription>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly guard: EventGuard = () => {},
    private readonly transport?: EventTransport,
  ) {}

  async start(): Promise<void> {
    await this.transport?.start((event) => this.deliver(event));
  }

  async stop(): Promise<void> {
    await this.transport?.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  async publish<T>(topic: string, payload: T, options: PublishOptions = {}): Promise<OutpostEvent<T>> {
    this.guard(topic, payload);
    const event: OutpostEvent<T> = {
      id: randomUUID(),
      topic,
      payload,
      tenantId: options.tenantId ?? null,
      time: new Date().toISOString(),
    };
    this.deliver(event);
    await this.transport?.send(event);
    return event;
  }

  subscribe(pattern: string, handler: EventHandler, options: { subscriberId?: string } = {}): () => void {
    const subscription = { pattern, handler, subscriberId: options.subscriberId ?? 'anonymous' };
    this.subscriptions.add(subscription);
    return () => this.subscriptions.delete(subscription);
  }

  private deliver(event: OutpostEvent): void {
    for (const subscription of this.subscriptions) {
      if (!topicMatches(subscription.pattern, event.topic)) continue;
      const run = Promise.resolve()
        .then(() => subscription.handler(event))
        .catch((error: unknown) =>
          this.logger.error(
            { err: error, topic: event.topic, subscriberId: subscription.subscriberId },
            'event subscriber failed',
          ),
        )
        .finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
  }
}

export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  return pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1));
}
