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

/**
 * Where a subscriber runs when several instances share one PostgreSQL.
 * - `every-instance`: on each instance, in memory, as soon as the event arrives: for
 *   work about that instance itself (its sockets, caches, waiting calls). Not retried.
 * - `once-per-cluster`: once across all instances, for durable work (writes, jobs,
 *   mail, outbound calls). See `DurableDelivery`.
 */
export type SubscriberDelivery = 'every-instance' | 'once-per-cluster';

export interface SubscribeOptions {
  /** Stable and unique among once-per-cluster subscribers: the durable delivery names the subscriber by it. */
  subscriberId?: string;
  /** Default `every-instance`. */
  delivery?: SubscriberDelivery;
}

export interface EventBus {
  publish<T>(topic: string, payload: T, options?: PublishOptions): Promise<OutpostEvent<T>>;
  /** `pattern` is a topic or a prefix ending in `*` (`devices.*`, `*`). */
  subscribe(pattern: string, handler: EventHandler, options?: SubscribeOptions): () => void;
}

/**
 * Stores the deliveries of an event to its once-per-cluster subscribers, before
 * `publish()` returns, for whichever instance runs them (the core's job queue); that
 * instance calls `LocalEventBus.runDelivery`. Without one, once-per-cluster
 * subscribers run on the publishing instance only, in memory.
 */
export interface DurableDelivery {
  store(event: OutpostEvent, subscriberIds: string[]): Promise<void>;
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
  delivery: SubscriberDelivery;
}

/**
 * The event bus. Every-instance subscribers get each event published here at once;
 * with a transport (PostgreSQL LISTEN/NOTIFY) events also reach the other instances'
 * every-instance subscribers. Once-per-cluster subscribers get each event once, from
 * the durable delivery where there is one (else here, on the publishing instance).
 * A failing every-instance subscriber is logged and does not affect the publisher or
 * other subscribers.
 */
export class LocalEventBus implements EventBus {
  private readonly subscriptions = new Set<Subscription>();
  private readonly oncePerCluster = new Map<string, Subscription>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly guard: EventGuard = () => {},
    private readonly transport?: EventTransport,
    private readonly durable?: DurableDelivery,
  ) {}

  async start(): Promise<void> {
    await this.transport?.start((event) => this.deliver(event, 'every-instance'));
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
    if (this.durable) {
      const onceIds = [...this.oncePerCluster.values()]
        .filter((s) => topicMatches(s.pattern, event.topic))
        .map((s) => s.subscriberId);
      if (onceIds.length > 0) await this.durable.store(event, onceIds);
      this.deliver(event, 'every-instance');
    } else {
      this.deliver(event);
    }
    await this.transport?.send(event);
    return event;
  }

  subscribe(pattern: string, handler: EventHandler, options: SubscribeOptions = {}): () => void {
    const subscription: Subscription = {
      pattern,
      handler,
      subscriberId: options.subscriberId ?? 'anonymous',
      delivery: options.delivery ?? 'every-instance',
    };
    if (subscription.delivery === 'once-per-cluster') {
      if (!options.subscriberId || this.oncePerCluster.has(options.subscriberId))
        throw new Error(`a once-per-cluster subscriber needs its own subscriberId ("${subscription.subscriberId}")`);
      this.oncePerCluster.set(subscription.subscriberId, subscription);
    }
    this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
      if (this.oncePerCluster.get(subscription.subscriberId) === subscription)
        this.oncePerCluster.delete(subscription.subscriberId);
    };
  }

  /**
   * Runs one stored delivery: the once-per-cluster subscriber `subscriberId` on `event`.
   * Its failure is the caller's (the job is retried).
   */
  async runDelivery(subscriberId: string, event: OutpostEvent): Promise<void> {
    const subscription = this.oncePerCluster.get(subscriberId);
    if (!subscription) throw new Error(`no once-per-cluster subscriber "${subscriberId}" runs on this instance`);
    await subscription.handler(event);
  }

  private deliver(event: OutpostEvent, only?: SubscriberDelivery): void {
    for (const subscription of this.subscriptions) {
      if (!topicMatches(subscription.pattern, event.topic)) continue;
      if (only && subscription.delivery !== only) continue;
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
