import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { type TestDatabase, createTestDatabase, testDatabaseKind, until } from '@outpost/core/testing';
import { spawnCli } from '../helpers/processes.js';
import { operatorInstall } from './operator-install.js';

/** Every folder and file under `dir` with its mode, e.g. `outbox/ 700`. */
function modes(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stats = lstatSync(path);
    const mode = (stats.mode & 0o777).toString(8);
    found.push(`${relative(dir, path) || '.'}${stats.isDirectory() ? '/' : ''} ${mode}`);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
  return found.sort();
}

const onlyPrivate = (entries: string[]) => entries.filter((entry) => !/(\/ 700|[^/] 600)$/.test(entry));

/**
 * The data folder holds the database, the outbox, the generated secrets key and the
 * demo agent's credential: folders 0700, files 0600, whatever the umask.
 */
describe('outpost start: the data folder is readable by the service user only', function () {
  this.timeout(60_000);
  let dir: string;
  let dataDir: string;
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    database = await createTestDatabase();
    ({ dir, env } = await operatorInstall(database, 'outpost-data-'));
    dataDir = env.OUTPOST_DATA_DIR!;
    Object.assign(env, { OUTPOST_LOG_LEVEL: 'info', OUTPOST_DEMO_AGENT: 'true' });
  });
  afterEach(() => database.drop());

  /** Starts, sends a mail to the outbox, waits for the demo agent's credential, returns the modes seen while running. */
  const startAndLook = async () => {
    const server = spawnCli(['start'], dir, env);
    try {
      const url = (await server.started).replace('localhost', '127.0.0.1');
      const forgot = await fetch(`${url}/api/v1/auth/password/forgot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email: 'admin@localhost' }),
      });
      expect(forgot.status).to.equal(202);
      await until(
        async () => existsSync(join(dataDir, 'outbox')) && readdirSync(join(dataDir, 'outbox')).length > 0,
        10_000,
        'a mail in the outbox',
      );
      await until(
        async () => existsSync(join(dataDir, 'demo-agent', 'agent.json')),
        10_000,
        "the demo agent's credential",
      );
      return { entries: modes(dataDir), output: server.output() };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  };

  it('creates the folder and what it writes there 0700 and 0600', async () => {
    const { entries } = await startAndLook();
    const expected = ['./ 700', 'secret.key 600', 'outbox/ 700', 'demo-agent/ 700', 'demo-agent/agent.json 600'];
    if (testDatabaseKind() === 'sqlite')
      expected.push('outpost.sqlite 600', 'outpost.sqlite-wal 600', 'outpost.sqlite-shm 600');
    expect(entries).to.include.members(expected);
    expect(
      entries.filter((entry) => entry.startsWith('outbox/') && entry.endsWith('.eml 600')),
    ).to.have.length.of.at.least(1);
    expect(onlyPrivate(entries)).to.deep.equal([]);
  });

  it('takes group and world access from a data folder left open, and says so in one log line', async () => {
    mkdirSync(join(dataDir, 'outbox'), { recursive: true });
    writeFileSync(join(dataDir, 'outbox', 'old.eml'), 'Subject: old\n\nleft readable by an older version\n');
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'outbox'), 0o775);
    chmodSync(join(dataDir, 'outbox', 'old.eml'), 0o644);
    const { entries, output } = await startAndLook();
    expect(entries).to.include.members(['./ 700', 'outbox/ 700', 'outbox/old.eml 600']);
    expect(onlyPrivate(entries)).to.deep.equal([]);
    const notices = output.split('\n').filter((line) => line.includes('group and world access removed'));
    expect(notices).to.have.length(1);
    expect(JSON.parse(notices[0]!)).to.include({ level: 40, dataDir, changed: 3 });
  });
});
