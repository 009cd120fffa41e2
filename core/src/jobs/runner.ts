import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { isPostgres, lockTransaction } from '../db/database.js';
import {
  backoffDelay,
  defaultBackoffMs,
  defaultMaxAttempts,
  type EnqueueOptions,
  insertJob,
  type JobContext,
  type JobQueue,
  type JobRow,
  jobsTable,
} from './queue.js';

export interface JobRunnerOptions {
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
}

const claimLockKey = 7_007_003;

export interface RunnableJob {
  handle(payload: any, context: JobContext): void | Promise<void>;
  maxAttempts?: number;
  backoffMs?: number;
}

/** Jobs by full name, `<plugin id>.<name>`. */
export type RegisteredJobs = Map<string, RunnableJob>;

/**
 * Claims due jobs from `core_jobs` and runs them. A claimed job holds a lease that a
 * heartbeat renews while it runs; a job whose process died is claimed again once
 * its lease runs out. Completion and failure are written only while this process
 * still holds the lease, so a job that another instance took over completes once.
 */
export class JobRunner implements JobQueue {
  readonly instanceId = randomUUID();
  private readonly running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | undefined;
  /** The poll under way: a stop waits for it, so no job it claims runs unawaited. */
  private polling: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly db: Knex,
    private readonly jobs: RegisteredJobs,
    private readonly options: JobRunnerOptions,
    private readonly logger: Logger,
  ) {}

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const id = await this.insert(this.db, name, payload, options);
    this.wake();
    return id;
  }

  /** Stores a job through `db`, which may be a transaction; the caller wakes the runner. */
  insert(db: Knex, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const definition = this.jobs.get(name);
    if (!definition) throw new Error(`no job named "${name}" is registered by an enabled plugin`);
    return insertJob(db, name, payload, options, {
      maxAttempts: definition.maxAttempts ?? defaultMaxAttempts,
      backoffMs: definition.backoffMs ?? defaultBackoffMs,
    });
  }

  start(): void {
    if (!this.stopped || this.jobs.size === 0) return;
    this.stopped = false;
    this.schedulePoll(0);
  }

  /** Stops claiming; waits for running jobs until `deadline`, then aborts them. */
  async stop(deadlineMs = 5000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    const all = Promise.allSettled([...this.running.values()].map((r) => r.promise));
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, deadlineMs, 'timeout').unref());
    if ((await Promise.race([all, timeout])) === 'timeout') {
      for (const job of this.running.values()) job.abort.abort(new Error('shutting down'));
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
  }

  /** Poll now, e.g. after a local enqueue. */
  wake(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.wakeRequested = true;
      return;
    }
    this.schedulePoll(0);
  }

  private schedulePoll(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, delay);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      const free = this.options.concurrency - this.running.size;
      if (free > 0) for (const job of await this.claim(free)) this.run(job);
    } catch (error) {
      this.logger.error({ err: error }, 'claiming jobs failed');
    }
    const again = this.wakeRequested;
    this.wakeRequested = false;
    if (!this.stopped) this.schedulePoll(again ? 0 : this.options.pollIntervalMs);
  }

  private async claim(limit: number): Promise<JobRow[]> {
    const now = new Date();
    const names = [...this.jobs.keys()];
    const claim = {
      status: 'running',
      locked_by: this.instanceId,
      lease_until: new Date(now.getTime() + this.options.leaseMs).toISOString(),
      attempts: this.db.raw('attempts + 1'),
      updated_at: now.toISOString(),
    };
    const due = (query: Knex.QueryBuilder) =>
      query
        .whereIn('name', names)
        .andWhere((q) =>
          q
            .where((w) => w.where('status', 'queued').andWhere('run_at', '<=', now.toISOString()))
            .orWhere((w) => w.where('status', 'running').andWhere('lease_until', '<', now.toISOString())),
        )
        .orderBy('run_at')
        .limit(limit);

    if (isPostgres(this.db)) {
      return this.db(jobsTable)
        .whereIn('id', due(this.db(jobsTable).select('id')).forUpdate().skipLocked())
        .update(claim)
        .returning('*');
    }
    return this.db.transaction(async (trx) => {
      await lockTransaction(trx, claimLockKey, jobsTable);
      const ids: string[] = (await due(trx(jobsTable).select('id'))).map((row: { id: string }) => row.id);
      if (ids.length === 0) return [];
      await trx(jobsTable).whereIn('id', ids).update(claim);
      return trx(jobsTable).whereIn('id', ids);
    });
  }

  private run(job: JobRow): void {
    const abort = new AbortController();
    const promise = this.execute(job, abort.signal).finally(() => this.running.delete(job.id));
    this.running.set(job.id, { promise, abort });
  }

  private async execute(job: JobRow, signal: AbortSignal): Promise<void> {
    const definition = this.jobs.get(job.name)!;
    const logger = this.logger.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    if (job.attempts > job.max_attempts) {
      await this.finish(job, {
        status: 'dead',
        last_error: job.last_error ?? 'the process running it stopped before it finished',
      });
      logger.error('job is dead: it ran out of attempts');
      return;
    }
    const heartbeat = setInterval(
      () => void this.renewLease(job).catch(() => {}),
      Math.max(100, this.options.leaseMs / 3),
    );
    try {
      await definition.handle(JSON.parse(job.payload), {
        jobId: job.id,
        attempt: job.attempts,
        tenantId: job.tenant_id,
        logger,
        signal,
      });
      clearInterval(heartbeat);
      await this.finish(job, { status: 'done', last_error: null, finished_at: new Date().toISOString() });
    } catch (error) {
      clearInterval(heartbeat);
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts >= job.max_attempts) {
        logger.error({ err: error }, 'job failed for the last time; kept as dead');
        await this.finish(job, { status: 'dead', last_error: message, finished_at: new Date().toISOString() });
      } else {
        const retryAt = new Date(Date.now() + backoffDelay(job.backoff_ms, job.attempts));
        logger.warn({ err: error, retryAt }, 'job failed; will retry');
        await this.finish(job, { status: 'queued', last_error: message, run_at: retryAt.toISOString() });
      }
    }
  }

  private async renewLease(job: JobRow): Promise<void> {
    await this.db(jobsTable)
      .where({ id: job.id, locked_by: this.instanceId, status: 'running' })
      .update({ lease_until: new Date(Date.now() + this.options.leaseMs).toISOString() });
  }

  private async finish(job: JobRow, changes: Record<string, unknown>): Promise<void> {
    const updated = await this.db(jobsTable)
      .where({ id: job.id, locked_by: this.instanceId, status: 'running' })
      .update({ ...changes, locked_by: null, lease_until: null, updated_at: new Date().toISOString() });
    if (updated === 0)
      this.logger.warn({ jobId: job.id }, 'job lease was lost before it finished; another instance owns it now');
  }
}
