import { expect } from 'chai';
import type { Outpost } from '@outpost/core';
import { type TestServer, startSecondInstance, startTestServer, testDatabaseKind, until } from '@outpost/core/testing';
import { followUpsEnqueued, retriedAttempts, signalHeard, signalsPlugin } from '../fixtures/plugins/signals.js';

describe('event delivery to once-per-cluster subscribers', function () {
  this.timeout(30_000);
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ plugins: [signalsPlugin] });
  });
  after(async () => {
    await server?.stop();
  });

  it('is stored as a job before publish returns, and a failing subscriber is retried', async () => {
    const event = await server.outpost.events.publish('signals.signal.sent', { n: 2 });
    const deliveries = await server.outpost
      .db('core_jobs')
      .where('name', 'like', 'core.event-delivery.%')
      .select('name', 'payload');
    expect(deliveries.map((row) => [row.name, JSON.parse(row.payload).event.id])).to.have.deep.members([
      ['core.event-delivery.signals.enqueue-follow-up', event.id],
      ['core.event-delivery.signals.fail-first-time', event.id],
    ]);
    const retried = await until(
      async () => {
        const row = await server.outpost
          .db('core_jobs')
          .where({ name: 'core.event-delivery.signals.fail-first-time' })
          .first();
        return row?.status === 'done' ? row : undefined;
      },
      10_000,
      'the retried delivery',
    );
    expect(retried.attempts).to.equal(2);
    expect(retriedAttempts).to.deep.equal([1, 2]);
    expect(followUpsEnqueued.filter((s) => s.n === 2)).to.have.length(1);
  });
});

// Several instances share one database only on PostgreSQL (DESIGN 6); SQLite is one process.
if (testDatabaseKind() === 'pg') {
  describe('event delivery across two instances on one database', function () {
    this.timeout(30_000);
    let a: TestServer;
    let b: Outpost;

    before(async () => {
      a = await startTestServer({ plugins: [signalsPlugin] });
      ({ outpost: b } = await startSecondInstance(a, [signalsPlugin], { signals: { enabled: true } }));
    });
    after(async () => {
      await b?.stop();
      await a?.stop();
    });

    it('a once-per-cluster subscriber that enqueues a job makes one job; an every-instance subscriber runs on both', async () => {
      await a.outpost.events.publish('signals.signal.sent', { n: 1 });
      await until(
        async () => signalHeard.filter((s) => s.n === 1).length === 2,
        5000,
        'both instances to hear the signal',
      );
      const followUps = () => a.outpost.db('core_jobs').where({ name: 'signals.follow-up' }).select('id', 'payload');
      await until(async () => (await followUps()).length > 0, 5000, 'the follow-up job');
      // Long enough for a second instance's subscriber to have enqueued its own, had it run.
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(
        signalHeard
          .filter((s) => s.n === 1)
          .map((s) => s.instance)
          .sort(),
      ).to.deep.equal([a.outpost.config.app.baseUrl, b.config.app.baseUrl].sort());
      expect(followUpsEnqueued.filter((s) => s.n === 1)).to.have.length(1);
      expect((await followUps()).map((job) => JSON.parse(job.payload))).to.deep.equal([{ n: 1 }]);
    });
  });

  describe('an instance without the subscriber', function () {
    this.timeout(30_000);
    let publisher: TestServer;
    let without: Outpost | undefined;
    let withIt: Outpost | undefined;

    before(async () => {
      // Publishes and stores deliveries, but runs no jobs itself.
      publisher = await startTestServer({ plugins: [signalsPlugin], config: { jobs: { enabled: false } } });
    });
    after(async () => {
      await withIt?.stop();
      await without?.stop();
      await publisher?.stop();
    });

    it("leaves that subscriber's deliveries to an instance where it runs (a rolling change of the plugin set)", async () => {
      const event = await publisher.outpost.events.publish('signals.signal.sent', { n: 3 });
      const delivery = () =>
        publisher.outpost.db('core_jobs').where({ name: 'core.event-delivery.signals.enqueue-follow-up' }).first();
      ({ outpost: without } = await startSecondInstance(publisher, [], {}));
      // Several of its polls: it must not claim, fail or use up the delivery.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await delivery()).to.include({ status: 'queued', attempts: 0 });

      ({ outpost: withIt } = await startSecondInstance(publisher, [signalsPlugin], { signals: { enabled: true } }));
      await until(async () => (await delivery())?.status === 'done', 10_000, 'the delivery, where the subscriber runs');
      expect(followUpsEnqueued.filter((s) => s.n === 3)).to.have.length(1);
      expect(JSON.parse((await delivery()).payload).event.id).to.equal(event.id);
    });
  });
}
