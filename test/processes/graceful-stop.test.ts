import { expect } from 'chai';
import { type TestDatabase, createTestDatabase } from '@outpost/core/testing';
import { spawnInstance } from '../helpers/processes.js';

describe('graceful stop', function () {
  this.timeout(30_000);
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it('on SIGTERM stops accepting, finishes in-flight requests and exits 0 within 10 s', async () => {
    const instance = await spawnInstance('stopper', database.config);
    const inFlight = fetch(`${instance.url}/api/v1/notes/slow?ms=1500`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    instance.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    let refused = false;
    await fetch(`${instance.url}/healthz`).catch(() => (refused = true));
    expect(refused, 'a new connection after SIGTERM').to.equal(true);
    const response = await inFlight;
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ waited: 1500 });
    expect(await instance.exited).to.equal(0);
    expect(Date.now() - signalled).to.be.below(10_000);
  });
});
