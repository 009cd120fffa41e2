import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  tenantId: string | null;
  logger: Logger;
  /** Aborted when the process shuts down before the job finishes. */
  signal: AbortSignal;
}

export interface EnqueueOptions {
  runAt?: Date;
  delayMs?: number;
  tenantId?: string | null;
  maxAttempts?: number;
  backoffMs?: number;
  /**
   * At most one job of this name per key: while a job with the same name and key exists
   * (queued, running, done or dead), enqueue stores nothing and answers that job's id.
   * Use it where the same work may be asked for twice (a subscriber that runs again
   * after a crash: `idempotencyKey: event.id`).
   */
  idempotencyKey?: string;
}

export interface JobQueue {
  /** Stores a job; returns its id (the existing job's, for an idempotency key already used). */
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface JobRow {
  id: string;
  name: string;
  payload: string;
  tenant_id: string | null;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  run_at: string | Date;
  locked_by: string | null;
  lease_until: string | Date | null;
  last_error: string | null;
  idempotency_key: string | null;
}

export const jobsTable = 'core_jobs';
export const defaultMaxAttempts = 5;
export const defaultBackoffMs = 1000;
export const maxIdempotencyKeyLength = 200;

export interface JobDefaults {
  maxAttempts: number;
  backoffMs: number;
}

export async function insertJob(
  db: Knex,
  name: string,
  payload: unknown,
  options: EnqueueOptions,
  defaults: JobDefaults = { maxAttempts: defaultMaxAttempts, backoffMs: defaultBackoffMs },
): Promise<string> {
  if (options.idempotencyKey !== undefined && options.idempotencyKey.length > maxIdempotencyKeyLength)
    throw new Error(`job idempotency keys are at most ${maxIdempotencyKeyLength} characters`);
  const id = randomUUID();
  const now = new Date();
  const runAt = options.runAt ?? new Date(now.getTime() + (options.delayMs ?? 0));
  const insert = db(jobsTable).insert({
    id,
    name,
    payload: JSON.stringify(payload ?? null),
    tenant_id: options.tenantId ?? null,
    status: 'queued',
    attempts: 0,
    max_attempts: options.maxAttempts ?? defaults.maxAttempts,
    backoff_ms: options.backoffMs ?? defaults.backoffMs,
    run_at: runAt.toISOString(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    idempotency_key: options.idempotencyKey ?? null,
  });
  if (options.idempotencyKey === undefined) {
    await insert;
    return id;
  }
  // The unique (name, idempotency_key) index decides, so two instances enqueueing at once store one job.
  await insert.onConflict(['name', 'idempotency_key']).ignore();
  const stored = await db(jobsTable).where({ name, idempotency_key: options.idempotencyKey }).first('id');
  return (stored as { id: string }).id;
}

/** Delay before the next attempt: base × 2^(attempt−1), capped at an hour, with ±20% jitter. */
export function backoffDelay(baseMs: number, attempt: number): number {
  const raw = Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}
