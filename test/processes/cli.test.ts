import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { type TestDatabase, createTestDatabase } from '@outpost/core/testing';
import { spawnCli } from '../helpers/processes.js';
import { operatorInstall } from './operator-install.js';

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
    database = await createTestDatabase();
    ({ dir, env } = await operatorInstall(database, 'outpost-cli-'));
  });
  afterEach(() => database.drop());

  const run = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const cli = spawnCli(args, dir, { ...env, ...extraEnv });
    const code = await cli.exited;
    return { code, output: cli.output() };
  };

  it('config check: names the file and path of an unknown plugin id', async () => {
    writeFileSync(join(dir, 'typo.yaml'), 'plugins: { devcies: { enabled: true } }\n');
    const { code, output } = await run(['config', 'check'], {
      OUTPOST_CONFIG: [env.OUTPOST_CONFIG, 'typo.yaml'].filter(Boolean).join(':'),
    });
    expect(code).to.equal(1);
    expect(output).to.equal(
      'outpost: typo.yaml: plugins.devcies: unknown plugin "devcies" (known plugins: contacts, devices, invites, remote, tickets)\n',
    );
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

  it('config check and start: a base URL that is not an absolute http(s) URL stops start-up before anything is created', async () => {
    for (const baseUrl of ['notaurl', 'ftp://outpost.example.test', '/outpost']) {
      for (const args of [['config', 'check'], ['start']]) {
        const { code, output } = await run(args, { OUTPOST_BASE_URL: baseUrl });
        expect(code, `${args.join(' ')} ${baseUrl}`).to.equal(1);
        expect(output, `${args.join(' ')} ${baseUrl}`).to.match(
          new RegExp(
            `^outpost: [^:]+: app\\.baseUrl: expected an absolute http:// or https:// URL, got "${baseUrl}"\n$`,
          ),
        );
      }
    }
    expect(readdirSync(dir)).to.not.include('data');
  });

  it('config check: passes a valid configuration', async () => {
    const { code, output } = await run(['config', 'check']);
    const enabled = /^config is valid \(app-config\.yaml.*\); plugins enabled: (.+)\n$/.exec(output)?.[1]?.split(', ');
    expect(enabled, output).to.have.members(['devices', 'invites', 'contacts', 'tickets', 'remote']);
    // Dependency order: devices before the plugins that depend on it.
    expect(enabled![0]).to.equal('devices');
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

  it('start: the banner shows the configured base URL, and warns when it names another local port', async () => {
    const configured = spawnCli(['start'], dir, { ...env, OUTPOST_BASE_URL: 'https://outpost.example.test' });
    const url = await configured.started;
    expect(configured.output()).to.contain(
      `Outpost is running at https://outpost.example.test (app.baseUrl), listening on ${url} (every network interface)\n`,
    );
    expect(configured.output()).to.not.contain('note:');
    configured.child.kill('SIGTERM');
    expect(await configured.exited).to.equal(0);

    const stale = spawnCli(['start'], dir, { ...env, OUTPOST_BASE_URL: 'http://localhost:1' });
    const port = new URL(await stale.started).port;
    expect(stale.output()).to.contain(
      `  note: app.baseUrl names port 1 but Outpost listens on ${port}; set OUTPOST_BASE_URL=http://localhost:${port}\n`,
    );
    stale.child.kill('SIGTERM');
    expect(await stale.exited).to.equal(0);
  });

  it('migrate, migrate --status and --rollback', async () => {
    const pending = await run(['migrate', '--status']);
    const names = [...pending.output.matchAll(/^pending {2}([a-z-]+\/\S+)$/gm)].map((m) => m[1]!);
    expect(names.filter((n) => !n.startsWith('core/'))).to.include.members([
      'devices/202611240900_devices',
      'invites/202611241000_invites',
    ]);
    expect(names[0]).to.equal('core/202611221800_core_init');
    expect(pending.output).to.equal(
      `${names.map((n) => `pending  ${n}\n`).join('')}0 applied, ${names.length} pending\n`,
    );
    expect((await run(['migrate'])).output).to.equal(
      `${names.map((n) => `applied  ${n}\n`).join('')}${names.length} migration(s) applied\n`,
    );
    expect((await run(['migrate'])).output).to.equal('the database is up to date\n');
    const status = (await run(['migrate', '--status'])).output.split('\n');
    expect(
      status.slice(0, -2).every((line, i) => new RegExp(`^applied {2}${names[i]} {2}\\d{4}-\\d\\d-\\d\\dT`).test(line)),
    ).to.equal(true);
    expect(status.at(-2)).to.equal(`${names.length} applied, 0 pending`);
    expect((await run(['migrate', '--rollback', 'invites'])).output).to.equal(
      `reverted  ${names.filter((n) => n.startsWith('invites/')).at(-1)}\n`,
    );
  });

  it('user create and user reset-password: accounts an operator can sign in with', async () => {
    const first = spawnCli(['start'], dir, env);
    await first.started;
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);

    const generated = await run(['user', 'create', '--email', 'Tech@Example.test', '--role', 'admin']);
    expect(generated.code).to.equal(0);
    expect(generated.output).to.match(
      /^created tech@example\.test as admin of Default\npassword: ([A-Za-z0-9]{20})\nIt must be changed at the first sign-in\.\n$/,
    );
    const generatedPassword = /password: (\S+)/.exec(generated.output)![1]!;
    const given = await run([
      'user',
      'create',
      '--email',
      'viewer@example.test',
      '--role',
      'viewer',
      '--tenant',
      'Default',
      '--password',
      'operator chose this',
    ]);
    expect(given).to.deep.equal({ code: 0, output: 'created viewer@example.test as viewer of Default\n' });
    expect(await run(['user', 'create', '--email', 'viewer@example.test', '--role', 'viewer'])).to.deep.equal({
      code: 1,
      output: 'outpost: viewer@example.test has an account already.\n',
    });
    expect((await run(['user', 'create', '--email', 'x@example.test', '--role', 'boss'])).output).to.equal(
      `outpost: Unknown role "boss": use one of owner, admin, member, viewer or a custom role's id.\n`,
    );
    expect(
      (await run(['user', 'create', '--email', 'x@example.test', '--role', 'admin', '--tenant', 'Nope'])).output,
    ).to.equal('outpost: there is no tenant "Nope"\n');
    expect((await run(['user', 'create', '--role', 'admin'])).output).to.equal('outpost: user create needs --email\n');
    expect(
      (await run(['user', 'create', '--email', 'x@example.test', '--role', 'admin', '--password', 'short'])).output,
    ).to.equal('outpost: The password is not accepted: Use at least 10 characters.\n');

    const server = spawnCli(['start'], dir, env);
    const url = (await server.started).replace('localhost', '127.0.0.1');
    const signIn = async (email: string, password: string) => {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email, password }),
      });
      return { status: response.status, body: (await response.json()) as { mustChangePassword?: boolean } };
    };
    try {
      expect(await signIn('tech@example.test', generatedPassword)).to.deep.nested.include({
        status: 200,
        'body.mustChangePassword': true,
      });
      expect(await signIn('viewer@example.test', 'operator chose this')).to.deep.nested.include({
        status: 200,
        'body.mustChangePassword': false,
      });

      const reset = await run(['user', 'reset-password', '--email', 'viewer@example.test']);
      expect(reset.code).to.equal(0);
      const resetPassword = /: ([A-Za-z0-9]{20})\n/.exec(reset.output)![1]!;
      expect((await run(['user', 'reset-password', '--email', 'ghost@example.test'])).output).to.equal(
        'outpost: There is no account for ghost@example.test.\n',
      );
      expect((await signIn('viewer@example.test', 'operator chose this')).status).to.equal(401);
      expect(await signIn('viewer@example.test', resetPassword)).to.deep.nested.include({
        status: 200,
        'body.mustChangePassword': true,
      });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('tenant create and tenant list', async () => {
    const first = spawnCli(['start'], dir, env);
    await first.started;
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);

    const created = await run([
      'tenant',
      'create',
      '--name',
      'Acme Corp',
      '--admin-email',
      'IT@acme.test',
      '--plan',
      'pro',
    ]);
    expect(created.code).to.equal(0);
    expect(created.output).to.match(
      /^created tenant Acme Corp \([0-9a-f-]{36}\); it@acme\.test is invited as its Owner\n$/,
    );
    const list = await run(['tenant', 'list']);
    expect(list.code).to.equal(0);
    const lines = list.output.trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^[0-9a-f-]{36} +root +unlimited +1 member\(s\) +Default$/);
    expect(lines[1]).to.match(/^[0-9a-f-]{36} +child +pro +0 member\(s\) +Acme Corp$/);
    // The invitation went out by the configured mail transport (the outbox here).
    const outbox = readdirSync(join(dir, 'data', 'outbox'));
    expect(
      outbox.some((file) =>
        readFileSync(join(dir, 'data', 'outbox', file), 'utf8').includes('You are invited to Acme Corp'),
      ),
    ).to.equal(true);

    expect(await run(['tenant', 'create', '--name', 'X'])).to.deep.equal({
      code: 1,
      output: 'outpost: tenant create needs --name and --admin-email\n',
    });
    expect(
      (await run(['tenant', 'create', '--name', 'X', '--admin-email', 'x@y.test', '--plan', 'gold'])).output,
    ).to.equal('outpost: there is no plan "gold"; the plans are unlimited, trial, pro, enterprise\n');
    expect((await run(['tenant', 'frobnicate'])).output).to.equal(
      'outpost: unknown tenant command "frobnicate"; try: outpost tenant create or outpost tenant list\n',
    );
  });

  it('errors print one readable line and exit non-zero', async () => {
    expect(await run(['frobnicate'])).to.deep.equal({
      code: 1,
      output: 'outpost: unknown command "frobnicate"; run outpost help\n',
    });
    expect(await run(['migrate', '--rollback', 'core', 'many'])).to.deep.equal({
      code: 1,
      output: 'outpost: steps must be a whole number of at least 1, not "many"\n',
    });
  });
});
