import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import knexFactory from 'knex';
import { type TestDatabase, createTestDatabase, freePort, testDatabaseKind } from '@outpost/core/testing';
import { repoRoot } from '../helpers/processes.js';
import { operatorInstall } from './operator-install.js';

const outpostBin = join(repoRoot, 'core/bin/outpost.js');
const failingMigrationInstance = fileURLToPath(new URL('./failing-migration-instance.js', import.meta.url));
/** A process that has not ended by then is taken to hang (a live process that never listens). */
const hangAfterMs = 30_000;

interface Ended {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, or kills it once it is taken to hang. */
function runToEnd(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Ended> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const hang = setTimeout(() => child.kill('SIGKILL'), hangAfterMs);
    child.once('exit', (code, signal) => {
      clearTimeout(hang);
      resolve({
        code: signal === 'SIGKILL' ? `still running after ${hangAfterMs / 1000} s` : (code ?? signal ?? -1),
        stdout,
        stderr,
      });
    });
  });
}

/** Exit code 1 and one line on stderr matching `line`; no stack trace anywhere. */
function expectOneLineFailure(ended: Ended, line: RegExp): void {
  const context = `stderr:\n${ended.stderr}\nstdout:\n${ended.stdout}`;
  expect(ended.code, context).to.equal(1);
  expect(ended.stderr.endsWith('\n'), context).to.equal(true);
  expect(ended.stderr.trimEnd().split('\n'), context).to.have.length(1);
  expect(ended.stderr, context)
    .to.match(/^outpost: /)
    .and.match(line);
  expect(`${ended.stdout}${ended.stderr}`, context).to.not.match(/^\s+at /m);
}

/**
 * Runs `command` in a private user and mount namespace, with `mountPoint` a small tmpfs
 * prepared by `prepare` (shell, the mount point in $1). Unprivileged where the kernel
 * allows user namespaces; nothing outside the process sees the mount.
 */
function inPrivateMount(
  mountPoint: string,
  prepare: string,
  command: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Ended> {
  const script = `set -e\n${prepare}\nshift\nexec "$@"`;
  return runToEnd(
    'unshare',
    ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', mountPoint, ...command],
    cwd,
    env,
  );
}

function checkPrivateMounts(): void {
  const probe = spawnSync(
    'unshare',
    ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k probe /mnt'],
    { encoding: 'utf8' },
  );
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `cannot create a full file system for this test: "unshare --user --map-root-user --mount" + tmpfs failed (${probe.error?.message ?? probe.stderr.trim()}); it needs util-linux and user namespaces (sysctl kernel.unprivileged_userns_clone=1)`,
    );
  }
}

/**
 * Start-up that cannot succeed ends the process at once with exit code 1 and one
 * readable line on stderr, so a service manager sees the failure instead of a live
 * process that never listens.
 */
describe('outpost start: start-up failures exit non-zero with one line', function () {
  this.timeout(90_000);
  let dir: string;
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    database = await createTestDatabase();
    ({ dir, env } = await operatorInstall(database, 'outpost-fail-'));
  });
  afterEach(() => database.drop());

  /** Runs `outpost start` with its data folder on a small file system that `prepare` mounts at $1. */
  const startWithDataOn = async (prepare: string) => {
    checkPrivateMounts();
    const mountPoint = join(dir, 'disk');
    mkdirSync(mountPoint);
    const dataDir = join(mountPoint, 'data');
    return {
      dataDir,
      ended: await inPrivateMount(mountPoint, prepare, [process.execPath, outpostBin, 'start'], dir, {
        ...env,
        OUTPOST_DATA_DIR: dataDir,
      }),
    };
  };

  if (testDatabaseKind() === 'sqlite') {
    it('a full file system under the data folder: the database cannot be written', async () => {
      // 64 KB are left: enough to create the database file, not to migrate it.
      const { dataDir, ended } = await startWithDataOn(
        'mount -t tmpfs -o size=4m outpost-full "$1"\ndd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null || true\ntruncate -s -64K "$1/filler"',
      );
      expectOneLineFailure(ended, new RegExp(`^outpost: the disk of ${dataDir} is full`));
    });
  }

  it('a data folder on a file system mounted read-only', async () => {
    const { dataDir, ended } = await startWithDataOn(
      'mount -t tmpfs -o size=1m outpost-ro "$1"\nmkdir -m 700 "$1/data"\nmount -o remount,ro "$1"',
    );
    expectOneLineFailure(
      ended,
      new RegExp(`^outpost: the data folder ${dataDir} cannot be written: .*read-only file system`, 'i'),
    );
  });

  it('a port another program listens on: the first Owner created before the failure is still shown', async () => {
    const other = createServer();
    await new Promise<void>((done) => other.listen(Number(env.PORT), '0.0.0.0', done));
    try {
      const ended = await runToEnd(process.execPath, [outpostBin, 'start'], dir, env);
      expectOneLineFailure(
        ended,
        new RegExp(`^outpost: port ${env.PORT} on 0\\.0\\.0\\.0 is in use by another program`),
      );
      // The first start created the first Owner before it failed: its password is shown anyway.
      expect(ended.stdout).to.match(/e-mail: +admin@localhost\n +password: +[A-Za-z0-9]{20}\n/);
      // And, after the error, that this password stays the one to use, or how to get a new one: the next start prints none.
      const afterPassword = ended.stdout.slice(ended.stdout.search(/password: /));
      expect(afterPassword).to.include('The first Owner, admin@localhost, stays');
      expect(afterPassword).to.include('`npx outpost user reset-password --email admin@localhost` prints a new one');
    } finally {
      other.close();
    }
  });

  it('an unreachable PostgreSQL server', async () => {
    const closedPort = await freePort();
    writeFileSync(
      join(dir, 'unreachable.yaml'),
      `database:\n  client: pg\n  connection: postgres://outpost@127.0.0.1:${closedPort}/outpost\n`,
    );
    const ended = await runToEnd(process.execPath, [outpostBin, 'start'], dir, {
      ...env,
      OUTPOST_CONFIG: 'unreachable.yaml',
    });
    expectOneLineFailure(
      ended,
      new RegExp(`^outpost: cannot reach the database: connect ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}`),
    );
  });

  it('a failing migration: nothing of it stays applied', async () => {
    const port = await freePort();
    const overrides = {
      app: { baseUrl: `http://127.0.0.1:${port}`, listen: { host: '127.0.0.1', port }, dataDir: join(dir, 'data') },
      log: { level: 'warn' },
      database: database.config,
      plugins: { broken: { enabled: true } },
    };
    const ended = await runToEnd(process.execPath, [failingMigrationInstance], dir, {
      OUTPOST_TEST_OVERRIDES: JSON.stringify(overrides),
    });
    expectOneLineFailure(
      ended,
      /^outpost: a database migration failed: migration broken\/202612010000_broken \(up\) failed: .*broken_no_such_table/,
    );
    const { client, connection, searchPath } = database.config as {
      client: string;
      connection: never;
      searchPath?: string;
    };
    const db = knexFactory.knex({ client, connection, searchPath, useNullAsDefault: true });
    try {
      expect(await db.schema.hasTable('broken_things')).to.equal(false);
    } finally {
      await db.destroy();
    }
  });
});
