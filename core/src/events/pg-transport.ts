import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { EventTransport, OutpostEvent } from './bus.js';

/** NOTIFY payloads are limited to 8000 bytes; events carry ids, not documents. */
export const maxEventBytes = 7900;

/**
 * Events across instances over PostgreSQL LISTEN/NOTIFY. One dedicated connection
 * listens and reconnects with backoff; publishing uses the shared pool. Each
 * instance ignores its own notifications, which it already delivered locally.
 */
export class PgEventTransport implements EventTransport {
  private readonly instanceId = randomUUID();
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private receive: (event: OutpostEvent) => void = () => {};

  constructor(
    private readonly connection: pg.ClientConfig | string,
    private readonly channel: string,
    private readonly notify: (channel: string, payload: string) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  async start(receive: (event: OutpostEvent) => void): Promise<void> {
    this.receive = receive;
    await this.connect();
  }

  async send(event: OutpostEvent): Promise<void> {
    const message = JSON.stringify({ origin: this.instanceId, event });
    if (Buffer.byteLength(message) > maxEventBytes) {
      throw new Error(
        `event ${event.topic} is too large to publish (${Buffer.byteLength(message)} bytes; put ids in events, not documents)`,
      );
    }
    await this.notify(this.channel, message);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(attempt = 0): Promise<void> {
    const client = new pg.Client(
      typeof this.connection === 'string' ? { connectionString: this.connection } : this.connection,
    );
    client.on('notification', (message) => this.handle(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event listener connection failed; reconnecting');
      this.reconnect(client, attempt + 1);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      this.client = client;
    } catch (error) {
      if (attempt === 0) throw error;
      this.logger.warn({ err: error }, 'event listener could not reconnect');
      this.reconnect(client, attempt + 1);
    }
  }

  private reconnect(client: pg.Client, attempt: number): void {
    if (this.stopped || (this.client && this.client !== client)) return;
    this.client = undefined;
    client.end().catch(() => {});
    const delay = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)) * (0.5 + Math.random() / 2);
    this.retryTimer = setTimeout(() => void this.connect(attempt), delay);
  }

  private handle(payload: string | undefined): void {
    if (!payload) return;
    try {
      const { origin, event } = JSON.parse(payload) as { origin: string; event: OutpostEvent };
      if (origin !== this.instanceId) this.receive(event);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed event notification');
    }
  }
}
