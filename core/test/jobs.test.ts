import { expect } from 'chai';
import type { Knex } from 'knex';
import pino from 'pino';
import { coreMigrations } from '../migrations/index.js';
import { createDatabase } from '../src/db/database.js';
import { Migrator } from '../src/db/migrator.js';
import { type JobRow, insertJob, jobsTable } from '../src/jobs/queue.js';
import { JobRunner, type RunnableJob } from '../src/jobs/runner.js';
import { Scheduler, nextTick } from '../src/jobs/scheduler.js';
import { createTestDatabase, type TestDatabase, until } from '../src/testing/index.js';

const silent = pino({ level: 'silent' });
const options = { concurrency: 2, pollIntervalMs: 20, leaseMs: 1000 };

describe('jobs', () => {
  let database: TestDatabase;
  let db: Knex;
  let runner: JobRunner | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
    db = createDatabase(database.config as never);
    await new Migrator(db, [{ owner: 'core', migrations: coreMigrations }]).latest();
  });
  afterEach(async () => {
    await runner?.stop(1000);
    runner = undefined;
    await db.destroy();
    await database.drop();
  });

  const start = (jobs: Record<string, RunnableJob>) => {
    runner = new JobRunner(db, new Map(Object.entries(jobs)), options, silent);
    runner.start();
    return runner;
  };
  const job = (id: string): Promise<JobRow> => db(jobsTable).where({ id }).first();
  const settled = (id: string) =>
    until(async () => {
      const row = await job(id);
      return row.status === 'done' || row.status === 'dead' ? row : undefined;
    });

  it('runs an enqueued job once with its payload', async () => {
    const seen: unknown[] = [];
    const jobs = start({ 'test.hello': { handle: (payload, context) => void seen.push([payload, context.attempt]) } });
    const id = await jobs.enqueue('test.hello', { to: 'world' });
    const row = await settled(id);
    expect(row.status).to.equal('done');
    expect(seen).to.deep.equal([[{ to: 'world' }, 1]]);
  });

  it('stores one job per name and idempotency key while the first exists, whatever its state', async () => {
    const seen: unknown[] = [];
    const jobs = start({
      'test.hello': { handle: (payload) => void seen.push(payload) },
      'test.other': { handle: () => {} },
    });
    const first = await jobs.enqueue('test.hello', { n: 1 }, { idempotencyKey: 'k1' });
    const again = await Promise.all([
      jobs.enqueue('test.hello', { n: 2 }, { idempotencyKey: 'k1' }),
      jobs.enqueue('test.hello', { n: 2 }, { idempotencyKey: 'k1' }),
    ]);
    expect(again).to.deep.equal([first, first]);
    expect((await settled(first)).status).to.equal('done');
    expect(await jobs.enqueue('test.hello', { n: 3 }, { idempotencyKey: 'k1' })).to.equal(first);
    const otherName = await jobs.enqueue('test.other', {}, { idempotencyKey: 'k1' });
    const otherKey = await jobs.enqueue('test.hello', { n: 4 }, { idempotencyKey: 'k2' });
    const noKey = [await jobs.enqueue('test.hello', { n: 5 }), await jobs.enqueue('test.hello', { n: 5 })];
    expect(new Set([first, otherName, otherKey, ...noKey]).size).to.equal(5);
    await Promise.all([otherKey, ...noKey].map(settled));
    expect(seen.map((p) => (p as { n: number }).n).sort()).to.deep.equal([1, 4, 5, 5]);
    expect(await db(jobsTable).where({ name: 'test.hello', idempotency_key: 'k1' })).to.have.length(1);
  });

  it('refuses a job name no plugin registered', async () => {
    const jobs = start({});
    let message = '';
    await jobs.enqueue('test.nope', {}).catch((error: Error) => (message = error.message));
    expect(message).to.equal('no job named "test.nope" is registered by an enabled plugin');
  });

  it('waits for run-at', async () => {
    let ranAt = 0;
    const jobs = start({ 'test.later': { handle: () => void (ranAt = Date.now()) } });
    const runAt = new Date(Date.now() + 400);
    const id = await jobs.enqueue('test.later', {}, { runAt });
    await settled(id);
    expect(ranAt).to.be.at.least(runAt.getTime());
  });

  it('retries with exponential backoff, then succeeds', async () => {
    const attempts: number[] = [];
    const jobs = start({
      'test.flaky': {
        maxAttempts: 4,
        backoffMs: 100,
        handle: (_payload, context) => {
          attempts.push(Date.now());
          if (context.attempt < 3) throw new Error(`failure ${context.attempt}`);
        },
      },
    });
    const row = await settled(await jobs.enqueue('test.flaky', {}));
    expect(row.status).to.equal('done');
    expect(row.attempts).to.equal(3);
    expect(row.last_error).to.equal(null);
    // base 100 ms, then 200 ms, each within ±20%
    expect(attempts[1] - attempts[0]).to.be.at.least(80);
    expect(attempts[2] - attempts[1]).to.be.at.least(160);
  });

  it('keeps a job that fails every attempt as dead, with its last error', async () => {
    const jobs = start({
      'test.broken': {
        maxAttempts: 2,
        backoffMs: 10,
        handle: (_p, context) => Promise.reject(new Error(`broken on ${context.attempt}`)),
      },
    });
    const row = await settled(await jobs.enqueue('test.broken', {}));
    expect(row).to.include({ status: 'dead', attempts: 2, last_error: 'broken on 2' });
  });

  it('takes over a job whose lease ran out and completes it once', async () => {
    const id = await insertJob(db, 'test.orphan', { n: 1 }, {});
    const past = new Date(Date.now() - 1000).toISOString();
    await db(jobsTable)
      .where({ id })
      .update({ status: 'running', attempts: 1, locked_by: 'dead-instance', lease_until: past });
    let runs = 0;
    start({ 'test.orphan': { handle: () => void (runs += 1) } });
    const row = await settled(id);
    expect(row).to.include({ status: 'done', attempts: 2 });
    expect(runs).to.equal(1);
  });

  it('does not claim jobs of plugins that are not enabled here', async () => {
    const id = await insertJob(db, 'disabled.job', {}, {});
    start({ 'test.other': { handle: () => {} } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await job(id)).status).to.equal('queued');
  });

  describe('schedules', () => {
    it('fires a due tick on exactly one of two schedulers', async () => {
      const fired: string[] = [];
      const schedulerFor = (name: string) =>
        new Scheduler(
          db,
          [{ name: 'test.tick', schedule: { everyMs: 60_000 } }],
          async (trx, scheduled, run) => {
            fired.push(`${name}:${run.scheduledFor}`);
            await insertJob(trx, scheduled.name, run, {});
          },
          () => {},
          1000,
          silent,
        );
      const a = schedulerFor('a');
      const b = schedulerFor('b');
      await a.start();
      await b.start();
      a.stop();
      b.stop();
      const later = new Date(Date.now() + 61_000);
      const counts = await Promise.all([a.tick(later), b.tick(later)]);
      expect(counts[0] + counts[1]).to.equal(1);
      expect(fired).to.have.length(1);
      expect(await db(jobsTable).where({ name: 'test.tick' })).to.have.length(1);
      expect(await a.tick(later)).to.equal(0);
    });

    it('computes the next cron and interval ticks', () => {
      const now = new Date('2026-11-22T10:00:30.000Z');
      expect(nextTick({ cron: '0 * * * *', timezone: 'UTC' }, now).toISOString()).to.equal('2026-11-22T11:00:00.000Z');
      expect(nextTick({ everyMs: 1000 }, now, new Date('2026-11-22T10:00:29.500Z')).toISOString()).to.equal(
        '2026-11-22T10:00:30.500Z',
      );
      // Far behind: the next run is one interval from now, not a burst of missed ones.
      expect(nextTick({ everyMs: 1000 }, now, new Date('2026-11-22T09:00:00.000Z')).toISOString()).to.equal(
        '2026-11-22T10:00:31.000Z',
      );
    });
  });
});
