import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { type TestDatabase, createTestDatabase, freePort, testDatabaseKind } from '@outpost/core/testing';
import { repoRoot, spawnCli } from '../helpers/processes.js';

/**
 * The `outpost` CLI as an operator runs it, in a folder of its own with the
 * project's app-config.yaml. On the PostgreSQL run, an OUTPOST_CONFIG overlay
 * points it at a fresh schema.
 */
describe('outpost CLI', function () {
  this.timeout(60_000);
  let dir: string;
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-cli-'));
    copyFileSync(join(repoRoot, 'app-config.yaml'), join(dir, 'app-config.yaml'));
    database = await createTestDatabase();
    const port = await freePort();
    env = { PORT: String(port), OUTPOST_BASE_URL: `http://127.0.0.1:${port}`, OUTPOST_DATA_DIR: join(dir, 'data'), OUTPOST_LOG_LEVEL: 'warn', OUTPOST_CONFIG: '' };
    if (testDatabaseKind() === 'pg') {
      const config = database.config as { connection: string; searchPath: string };
      writeFileSync(join(dir, 'pg.yaml'), 'database:\n  client: pg\n  connection: ${DATABASE_URL}\n  searchPath: ${DATABASE_SCHEMA}\n');
      Object.assign(env, { OUTPOST_CONFIG: 'pg.yaml', DATABASE_URL: config.connection, DATABASE_SCHEMA: config.searchPath });
    }
  });
  afterEach(() => database.drop());

  const run = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const cli = spawnCli(args, dir, { ...env, ...extraEnv });
    const code = await cli.exited;
    return { code, output: cli.output() };
  };

  it('config check: names the file and path of an unknown plugin id', async () => {
    writeFileSync(join(dir, 'typo.yaml'), 'plugins: { devcies: { enabled: true } }\n');
    const { code, output } = await run(['config', 'check'], { OUTPOST_CONFIG: [env.OUTPOST_CONFIG, 'typo.yaml'].filter(Boolean).join(':') });
    expect(code).to.equal(1);
    expect(output).to.equal('outpost: typo.yaml: plugins.devcies: unknown plugin "devcies" (no plugins are installed)\n');
  });

  it('config check and start: a wrong type stops start-up with the file and path', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'database: { client: 42 }\nlog:\n  level: loud\n');
    const overlay = { OUTPOST_CONFIG: 'bad.yaml' };
    const expected = [
      'outpost: bad.yaml: log.level: expected one of "fatal", "error", "warn", "info", "debug", "trace", "silent", got "loud"',
      'outpost: bad.yaml: database.client: expected one of "better-sqlite3", "pg", got number 42',
    ];
    for (const args of [['config', 'check'], ['start']]) {
      const { code, output } = await run(args, overlay);
      expect(code, args.join(' ')).to.equal(1);
      expect(output.trim().split('\n')).to.have.members(expected);
    }
  });

  it('config check: passes a valid configuration', async () => {
    const { code, output } = await run(['config', 'check']);
    expect(output).to.match(/^config is valid \(app-config\.yaml.*\); plugins enabled: none\n$/);
    expect(code).to.equal(0);
  });

  it('start: migrates, prints the first Owner once, serves, and stops on SIGTERM with exit 0', async () => {
    const first = spawnCli(['start'], dir, env);
    const url = await first.started;
    expect(first.output()).to.match(/e-mail: +admin@localhost\n +password: +[A-Za-z0-9]{20}\n/);
    const health = await fetch(`${url.replace('localhost', '127.0.0.1')}/healthz`);
    expect(health.status).to.equal(200);
    const openapi = await fetch(`${url.replace('localhost', '127.0.0.1')}/api/v1/openapi.json`);
    expect(((await openapi.json()) as { openapi: string }).openapi).to.equal('3.1.0');
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);

    const second = spawnCli(['start'], dir, env);
    await second.started;
    expect(second.output()).to.not.contain('password');
    second.child.kill('SIGTERM');
    expect(await second.exited).to.equal(0);
  });

  it('migrate, migrate --status and --rollback', async () => {
    const [init, identity] = ['core/202611221800_core_init', 'core/202611230900_core_identity'];
    expect((await run(['migrate', '--status'])).output).to.equal(`pending  ${init}\npending  ${identity}\n0 applied, 2 pending\n`);
    expect((await run(['migrate'])).output).to.equal(`applied  ${init}\napplied  ${identity}\n2 migration(s) applied\n`);
    expect((await run(['migrate'])).output).to.equal('the database is up to date\n');
    expect((await run(['migrate', '--status'])).output).to.match(/^applied {2}core\/202611221800_core_init {2}\d{4}-.*\napplied {2}core\/202611230900_core_identity {2}\d{4}-.*\n2 applied, 0 pending\n$/);
    expect((await run(['migrate', '--rollback', 'core'])).output).to.equal(`reverted  ${identity}\n`);
  });

  it('errors print one readable line and exit non-zero', async () => {
    expect(await run(['frobnicate'])).to.deep.equal({ code: 1, output: 'outpost: unknown command "frobnicate"; run outpost help\n' });
    expect(await run(['migrate', '--rollback', 'core', 'many'])).to.deep.equal({
      code: 1,
      output: 'outpost: steps must be a whole number of at least 1, not "many"\n',
    });
  });
});
