import { parseArgs } from 'node:util';
import { type Outpost, createOutpost, loadOutpostConfig } from './runtime.js';
import { StartupError } from './errors.js';
import { describeStartupFailure } from './startup-failure.js';
import type { FirstOwner } from './identity/bootstrap.js';

const usage = `usage: outpost <command>

  start                 migrate, create the first tenant and Owner if the instance is new, serve
  migrate               apply pending migrations of the core and the enabled plugins
  migrate --status      list every migration and whether it is applied
  migrate --rollback <owner> [steps]
                        revert the last migration(s) of the core or a plugin
  config check          validate app-config.yaml and the OUTPOST_CONFIG overlays, start nothing
  user create --email E --role owner|admin|member|viewer [--tenant T] [--password P]
                        add an active account to a tenant (id or name; default: the root tenant);
                        without --password one is generated, printed, and must be changed at sign-in
  tenant create --name N --admin-email E [--plan P]
                        add a child tenant of the root tenant; E is invited by mail as its Owner
  tenant list           every tenant with its plan, members and parent
  user reset-password --email E [--revoke-api-keys]
                        print a new generated password to change at the next sign-in; ends every session;
                        --revoke-api-keys also revokes every API key of the account (a compromised account)
`;

/** Runs one CLI command; returns the exit code. Errors print one readable line per problem. */
export async function runCli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'start':
        return await start();
      case 'migrate':
        return await migrate(rest);
      case 'user':
        return await user(rest);
      case 'tenant':
        return await tenant(rest);
      case 'config':
        if (rest[0] !== 'check') return fail(`unknown config command "${rest[0] ?? ''}"; try: outpost config check`);
        return await configCheck();
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(usage);
        return command ? 0 : 2;
      default:
        return fail(`unknown command "${command}"; run outpost help`);
    }
  } catch (error) {
    if (error instanceof StartupError) {
      for (const problem of error.problems) process.stderr.write(`outpost: ${problem}\n`);
      return 1;
    }
    return fail(describeStartupFailure(error));
  }
}

async function start(): Promise<number> {
  return serve(await createOutpost());
}

/**
 * Starts an instance and keeps it running until SIGTERM or SIGINT, then stops it:
 * no new connections, in-flight requests and jobs finish, exit 0 within 10 s.
 */
export async function serve(outpost: Outpost): Promise<number> {
  // Handlers go in first: a signal that arrives while starting still stops cleanly.
  let started: Promise<unknown> = Promise.resolve();
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    outpost.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      process.stderr.write('outpost: shutdown took too long; exiting\n');
      process.exit(1);
    }, 10_000);
    force.unref();
    started
      .catch(() => {})
      .then(() => outpost.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`outpost: shutdown failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  started = outpost.start();
  const { url, firstOwner } = await (started as ReturnType<Outpost['start']>).catch((error: unknown) =>
    exitAfterFailedStart(outpost, error),
  );
  if (firstOwner) printFirstOwner(firstOwner);
  process.stdout.write(runningBanner(outpost.config.app.baseUrl, url, outpost.config.app.listen.host));
  return new Promise<number>(() => {});
}

/**
 * The configured base URL is the address users, mail links and agent packages use; the
 * listening address is where this process answers. A local base URL on another port
 * than the one listened on is a slip worth a warning (links would lead nowhere).
 */
export function runningBanner(baseUrl: string, listening: string, bindHost: string): string {
  const everywhere = bindHost === '0.0.0.0' || bindHost === '::' ? ' (every network interface)' : '';
  const lines = [`Outpost is running at ${baseUrl} (app.baseUrl), listening on ${listening}${everywhere}`];
  const base = new URL(baseUrl);
  const local = new URL(listening);
  if (['localhost', '127.0.0.1', '[::1]'].includes(base.hostname) && base.port !== local.port) {
    lines.push(
      `  note: app.baseUrl names port ${base.port || '(default)'} but Outpost listens on ${local.port}; set OUTPOST_BASE_URL=${local.origin}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A start that failed ends the process: one line on stderr, exit code 1. What had
 * started (plugins, a demo agent process, database connections) is stopped first,
 * for at most a few seconds: nothing may keep a failed instance alive.
 */
async function exitAfterFailedStart(outpost: Outpost, error: unknown): Promise<never> {
  // The Owner exists now and its password is shown nowhere else.
  if (outpost.firstOwner) printFirstOwner(outpost.firstOwner);
  process.stderr.write(`outpost: ${describeStartupFailure(error, outpost.config)}\n`);
  // The next start prints no credentials: say once more, after the error, what to sign in with.
  if (outpost.firstOwner) process.stdout.write(firstOwnerReminder(outpost.firstOwner.email));
  outpost.logger.debug({ err: error }, 'start-up failed');
  await Promise.race([outpost.stop().catch(() => undefined), new Promise((done) => setTimeout(done, 5000).unref())]);
  process.exit(1);
}

async function migrate(args: string[]): Promise<number> {
  const outpost = await createOutpost();
  try {
    if (args[0] === '--status') {
      const rows = await outpost.migrator.status();
      for (const row of rows)
        process.stdout.write(
          `${row.appliedAt ? 'applied' : 'pending'}  ${row.owner}/${row.name}${row.appliedAt ? `  ${row.appliedAt}` : ''}\n`,
        );
      const pending = rows.filter((row) => !row.appliedAt).length;
      process.stdout.write(`${rows.length - pending} applied, ${pending} pending\n`);
      return 0;
    }
    if (args[0] === '--rollback') {
      if (!args[1]) return fail('say whose migration to revert: outpost migrate --rollback <core|plugin id> [steps]');
      const steps = args[2] === undefined ? 1 : Number(args[2]);
      if (!Number.isInteger(steps) || steps < 1)
        return fail(`steps must be a whole number of at least 1, not "${args[2]}"`);
      const reverted = await outpost.migrator.rollback(args[1], steps);
      for (const row of reverted) process.stdout.write(`reverted  ${row.owner}/${row.name}\n`);
      if (reverted.length === 0) process.stdout.write(`nothing to revert for ${args[1]}\n`);
      return 0;
    }
    if (args.length > 0) return fail(`unknown option "${args[0]}"; try --status or --rollback`);
    const applied = await outpost.migrator.latest();
    for (const row of applied) process.stdout.write(`applied  ${row.owner}/${row.name}\n`);
    process.stdout.write(applied.length ? `${applied.length} migration(s) applied\n` : 'the database is up to date\n');
    return 0;
  } finally {
    await outpost.db.destroy();
  }
}

async function user(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create' && subcommand !== 'reset-password') {
    return fail(`unknown user command "${subcommand ?? ''}"; try: outpost user create or outpost user reset-password`);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      tenant: { type: 'string' },
      password: { type: 'string' },
      'revoke-api-keys': { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.email) return fail(`user ${subcommand} needs --email`);
  const outpost = await createOutpost();
  try {
    await outpost.migrator.latest();
    const accounts = outpost.identity.accounts;
    if (subcommand === 'reset-password') {
      const reset = await accounts.adminResetPassword(values.email, { revokeApiKeys: values['revoke-api-keys'] });
      const email = values.email.toLowerCase();
      process.stdout.write(`new password for ${email}: ${reset.password}\n`);
      process.stdout.write('It must be changed at the next sign-in; every session of the account has ended.\n');
      if (reset.apiKeysRevoked > 0) process.stdout.write(`${reset.apiKeysRevoked} API key(s) revoked.\n`);
      if (reset.apiKeysKept > 0) {
        process.stdout.write(`${reset.apiKeysKept} API key(s) still work; add --revoke-api-keys to revoke them too.\n`);
      }
      return 0;
    }
    if (values['revoke-api-keys']) return fail('--revoke-api-keys belongs to user reset-password');
    if (!values.role) return fail('user create needs --role (owner, admin, member or viewer)');
    const tenant = values.tenant
      ? await outpost
          .db('core_tenants')
          .where({ id: values.tenant })
          .orWhere({ name: values.tenant })
          .first('id', 'name')
      : await outpost.db('core_tenants').whereNull('parent_id').orderBy('created_at').first('id', 'name');
    if (!tenant)
      return fail(
        values.tenant
          ? `there is no tenant "${values.tenant}"`
          : 'there is no tenant yet: run outpost start once first',
      );
    const created = await accounts.createUser({
      email: values.email,
      role: values.role,
      tenantId: tenant.id,
      password: values.password,
    });
    process.stdout.write(`created ${values.email.toLowerCase()} as ${values.role} of ${tenant.name}\n`);
    if (created.password)
      process.stdout.write(`password: ${created.password}\nIt must be changed at the first sign-in.\n`);
    return 0;
  } finally {
    await outpost.identity.close();
    await outpost.db.destroy();
  }
}

async function tenant(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create' && subcommand !== 'list')
    return fail(`unknown tenant command "${subcommand ?? ''}"; try: outpost tenant create or outpost tenant list`);
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, plan: { type: 'string' } },
    strict: true,
  });
  const outpost = await createOutpost();
  try {
    await outpost.migrator.latest();
    if (subcommand === 'list') {
      const rows: Array<{
        id: string;
        name: string;
        parent_id: string | null;
        plan: string | null;
        members: number | string;
      }> = await outpost
        .db('core_tenants as t')
        .leftJoin('core_memberships as m', 'm.tenant_id', 't.id')
        .groupBy('t.id', 't.name', 't.parent_id', 't.plan', 't.created_at')
        .orderBy([{ column: 't.parent_id', nulls: 'first' }, { column: 't.name' }])
        .select('t.id', 't.name', 't.parent_id', 't.plan')
        .count({ members: 'm.user_id' });
      for (const row of rows) {
        const plan = row.plan ?? outpost.config.billing.defaultPlan;
        process.stdout.write(
          `${row.id}  ${row.parent_id ? 'child' : 'root '}  ${plan.padEnd(12)}  ${String(row.members).padStart(4)} member(s)  ${row.name}\n`,
        );
      }
      if (rows.length === 0) process.stdout.write('no tenants yet: run outpost start once first\n');
      return 0;
    }
    if (!values.name || !values['admin-email']) return fail('tenant create needs --name and --admin-email');
    if (!/^[^\s@]+@[^\s@]+$/.test(values['admin-email']))
      return fail(`"${values['admin-email']}" is not an e-mail address`);
    if (values.plan && !outpost.tenancy.quotas.hasPlan(values.plan)) {
      return fail(
        `there is no plan "${values.plan}"; the plans are ${Object.keys(outpost.config.billing.plans).join(', ')}`,
      );
    }
    const created = await outpost.tenancy.tenants.create(undefined, {
      name: values.name,
      adminEmail: values['admin-email'],
      plan: values.plan,
    });
    process.stdout.write(
      `created tenant ${created.name} (${created.id}); ${values['admin-email'].toLowerCase()} is invited as its Owner\n`,
    );
    return 0;
  } finally {
    await outpost.identity.close();
    await outpost.db.destroy();
  }
}

async function configCheck(): Promise<number> {
  const loaded = await loadOutpostConfig();
  const enabled = loaded.plugins.map((p) => p.id);
  process.stdout.write(
    `config is valid (${loaded.files.join(', ')}); plugins enabled: ${enabled.length ? enabled.join(', ') : 'none'}\n`,
  );
  return 0;
}

function printFirstOwner(owner: FirstOwner): void {
  process.stdout.write(
    [
      '',
      '  This is a new Outpost instance. Its first Owner was created:',
      `    tenant:   ${owner.tenantName}`,
      `    e-mail:   ${owner.email}`,
      `    password: ${owner.password}`,
      '  The password is shown this once and must be changed at the first sign-in.',
      '',
      '',
    ].join('\n'),
  );
}

function firstOwnerReminder(email: string): string {
  return [
    `  The first Owner, ${email}, stays: sign in with the password printed above once Outpost starts.`,
    `  Lost it? \`npx outpost user reset-password --email ${email}\` prints a new one.`,
    '',
  ].join('\n');
}

function fail(message: string): number {
  process.stderr.write(`outpost: ${message}\n`);
  return 1;
}
