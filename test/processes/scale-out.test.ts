import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { WebSocket } from 'ws';
import { type TestDatabase, createTestDatabase, testDatabaseKind } from '@outpost/core/testing';
import { type RunningProcess, spawnInstance, until } from '../helpers/processes.js';

interface RunRow {
  kind: string;
  ref: string;
  instance: string;
  attempt: number | null;
}

const principal = JSON.stringify({ tenantId: 'test-tenant', permissions: ['work.run.create', 'work.run.read'] });
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-principal': principal },
    body: JSON.stringify(body),
  });

/**
 * Several Outpost processes on one database: the guarantees of DESIGN 6 that only
 * show across processes. Every instance writes `work_runs` rows naming itself.
 */
describe('several processes on one database', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let db: Knex;
  const running: RunningProcess[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    db = knexFactory.knex({
      client: (database.config as { client: string }).client,
      connection: (database.config as { connection: never }).connection,
      searchPath: (database.config as { searchPath?: string }).searchPath,
      useNullAsDefault: true,
    });
  });
  afterEach(async () => {
    for (const instance of running.splice(0)) {
      instance.child.kill('SIGKILL');
      await instance.exited;
    }
    await db.destroy();
    await database.drop();
  });

  const start = async (name: string, env: Record<string, string> = {}) => {
    const instance = await spawnInstance(name, database.config, env);
    running.push(instance);
    return instance;
  };
  const runs = (kind: string): Promise<RunRow[]> => db('work_runs').where({ kind }).orderBy('id');

  it('a job whose process is killed mid-run is picked up after restart and completes once', async () => {
    const first = await start('first');
    const queued = await post(`${first.url}/api/v1/work/jobs`, { name: 'slow', payload: { ref: 'job-1', ms: 2000 } });
    expect(queued.status).to.equal(202);
    const { id } = (await queued.json()) as { id: string };
    await until(async () => (await runs('started')).length === 1, 10_000, 'the first run to start');
    first.child.kill('SIGKILL');
    expect(await first.exited).to.equal('SIGKILL');
    expect(await runs('completed')).to.deep.equal([]);

    await start('second');
    await until(async () => (await runs('completed')).length === 1, 20_000, 'the job to complete');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = await runs('started');
    expect(started.map((r) => [r.instance, r.attempt])).to.deep.equal([
      ['first', 1],
      ['second', 2],
    ]);
    const completed = await runs('completed');
    expect(completed.map((r) => [r.instance, r.attempt])).to.deep.equal([['second', 2]]);
    const job = await db('core_jobs').where({ id }).first();
    expect(job).to.include({ status: 'done', attempts: 2, locked_by: null });
  });

  it('two instances fire each scheduled run exactly once', async () => {
    const env = { WORK_TICK_CRON: '* * * * * *' };
    await Promise.all([start('a', env), start('b', env)]);
    await until(async () => (await runs('tick')).length >= 6, 30_000, 'six ticks');
    const ticks = await runs('tick');
    const refs = ticks.map((t) => t.ref);
    expect(new Set(refs).size, `ticks: ${refs.join(', ')}`).to.equal(refs.length);
    const seconds = [...refs].sort().map((ref) => Date.parse(ref) / 1000);
    for (let i = 1; i < seconds.length; i += 1) expect(seconds[i] - seconds[i - 1]).to.equal(1);
    const enqueued: Array<{ payload: string }> = await db('core_jobs').where({ name: 'work.tick' });
    const scheduledFor = enqueued.map((job) => (JSON.parse(job.payload) as { scheduledFor: string }).scheduledFor);
    expect(new Set(scheduledFor).size).to.equal(scheduledFor.length);
  });

  if (testDatabaseKind() === 'pg') {
    it('an event published in one instance reaches subscribers and stream clients of another', async () => {
      const [a, b] = await Promise.all([start('a'), start('b')]);
      const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/stream`, {
        headers: { 'x-test-principal': principal },
      });
      const received = new Promise<any>((resolve) => {
        socket.on('message', (data) => {
          const message = JSON.parse(data.toString());
          if (message.type === 'subscribed') void post(`${a.url}/api/v1/work/pings`, { n: 7 });
          if (message.type === 'event') resolve(message.event);
        });
      });
      socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', topics: ['work.*'] })));
      const event = await received;
      socket.close();
      expect(event).to.include({ topic: 'work.ping.sent', tenantId: 'test-tenant' });
      expect(event.payload).to.deep.equal({ n: 7, from: 'a' });
      await until(async () => (await runs('ping-received')).length === 2, 5000, 'both subscribers');
      expect((await runs('ping-received')).map((r) => r.instance).sort()).to.deep.equal(['a', 'b']);
    });
  } else {
    it('on SQLite, events stay in the process that published them (one process per database)', async () => {
      const [a] = await Promise.all([start('a'), start('b')]);
      expect((await post(`${a.url}/api/v1/work/pings`, { n: 7 })).status).to.equal(202);
      await until(async () => (await runs('ping-received')).length === 1, 5000, 'the local subscriber');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await runs('ping-received')).map((r) => r.instance)).to.deep.equal(['a']);
    });
  }
});
