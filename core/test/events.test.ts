import { expect } from 'chai';
import pino from 'pino';
import { LocalEventBus, type OutpostEvent, topicMatches } from '../src/events/bus.js';

const silent = pino({ level: 'silent' });

describe('event bus (in-process)', () => {
  it('matches exact topics, prefixes and everything', () => {
    expect(topicMatches('notes.note.created', 'notes.note.created')).to.equal(true);
    expect(topicMatches('notes.*', 'notes.note.created')).to.equal(true);
    expect(topicMatches('notes.*', 'notesx.note.created')).to.equal(false);
    expect(topicMatches('*', 'a.b.c')).to.equal(true);
    expect(topicMatches('notes.note.updated', 'notes.note.created')).to.equal(false);
  });

  it('delivers to matching subscribers with tenant and time, and isolates a failing one', async () => {
    const bus = new LocalEventBus(silent);
    const got: OutpostEvent[] = [];
    bus.subscribe('notes.*', () => {
      throw new Error('a broken subscriber');
    });
    bus.subscribe('notes.*', (event) => {
      got.push(event);
    });
    bus.subscribe('other.*', () => {
      throw new Error('must not be called');
    });
    const published = await bus.publish('notes.note.created', { id: 1 }, { tenantId: 't1' });
    await bus.stop();
    expect(got).to.deep.equal([published]);
    expect(published.tenantId).to.equal('t1');
    expect(published.time).to.match(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses what the guard refuses, before anyone sees it', async () => {
    const bus = new LocalEventBus(silent, (topic) => {
      if (topic !== 'known.topic.happened') throw new Error(`event "${topic}" is not declared`);
    });
    let called = false;
    bus.subscribe('*', () => {
      called = true;
    });
    let message = '';
    await bus.publish('unknown.topic.happened', {}).catch((error: Error) => (message = error.message));
    expect(message).to.equal('event "unknown.topic.happened" is not declared');
    expect(called).to.equal(false);
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = new LocalEventBus(silent);
    let count = 0;
    const unsubscribe = bus.subscribe('*', () => {
      count += 1;
    });
    await bus.publish('a.b.c', {});
    unsubscribe();
    await bus.publish('a.b.c', {});
    await bus.stop();
    expect(count).to.equal(1);
  });
});
