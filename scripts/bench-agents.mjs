#!/usr/bin/env node
// npm run bench:agents: the agent channel and the device list at scale, on this machine.
// Part 1, agents: one server process (SQLite, default heartbeats) and 10,000 simulated
// agents from three simulator processes (the open-file limit is per process). Prints
// the time to connect all, server RSS per connected agent, server CPU at steady state,
// the time from killing 1,000 agents to their 1,000 device.offline events, and the time
// from freezing agents (no pongs, sockets open) to their offline events.
// Goals: connected within 60 s, at most 40 KB per agent, steady CPU under 25% of a core,
// offline within two heartbeat intervals.
// Part 2, list: 100,000 devices in one tenant; p50/p99 of filtered, sorted pages of 50
// through the API, on SQLite and PostgreSQL, against the same query run through knex.
// Goal: p99 under 50 ms on both.
//   BENCH_AGENTS (default 10000), BENCH_DEVICES (default 100000), BENCH_PART (agents|list|both),
//   BENCH_DB (default sqlite,pg)
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const agents = Number(process.env.BENCH_AGENTS ?? 10_000);
const devices = Number(process.env.BENCH_DEVICES ?? 100_000);
const part = process.env.BENCH_PART ?? 'both';
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

console.log('bench:agents: building');
if (spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const { freePort } = await import('@outpost/core/testing');

function ask(child, message, answerType) {
  return new Promise((resolve) => {
    const listener = (answer) => {
      if (answer.type !== answerType) return;
      child.off('message', listener);
      resolve(answer);
    };
    child.on('message', listener);
    child.send(message);
  });
}

/** A simulator process; resolves once all its agents said hello. */
function simulator(url, count, code, credentials) {
  const child = spawn(
    process.execPath,
    [
      'agent/bin/outpost-agent.js',
      'simulate',
      '--server',
      url,
      '--count',
      String(count),
      '--code',
      code,
      '--credentials',
      credentials,
      '--batch',
      '250',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const connected = new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.includes('"connected"'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (exitCode) => reject(new Error(`simulator exited with ${exitCode}`)));
  });
  connected.catch(() => undefined);
  return { child, connected };
}

async function agentsPart() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-agents-'));
  const overrides = {
    app: { baseUrl: `http://127.0.0.1:${port}`, listen: { host: '127.0.0.1', port }, dataDir },
    log: { level: 'warn' },
    database: { client: 'better-sqlite3', connection: { filename: join(dataDir, 'outpost.sqlite') } },
    jobs: { enabled: false },
    plugins: {
      // One code and one address enroll every simulated agent: far over the abuse limits.
      devices: {
        enabled: true,
        demoLocalAgent: false,
        enrollment: { perCode: { enrollments: 1_000_000 }, perAddress: { enrollments: 1_000_000 } },
      },
      invites: { enabled: true },
    },
  };
  const server = fork(join(root, 'scripts/bench/agents-server.mjs'), [], {
    cwd: root,
    execArgv: ['--expose-gc'],
    env: { ...process.env, NODE_ENV: 'production', OUTPOST_BENCH_OVERRIDES: JSON.stringify(overrides) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url, code } = await ask(server, { type: 'ping' }, 'ready');
  const heartbeatSeconds = 30;
  const shares = [Math.floor((agents - 1000) / 2), Math.ceil((agents - 1000) / 2), 1000];
  const credentials = shares.map((_, i) => join(dataDir, `agents-${i}.json`));

  console.log(`bench:agents: enrolling ${agents} simulated agents`);
  const enrolling = shares.map((count, i) => simulator(url, count, code, credentials[i]));
  await Promise.all(enrolling.map((s) => s.connected));
  for (const s of enrolling) s.child.kill('SIGTERM');
  await ask(server, { type: 'waitOffline', count: agents, timeoutMs: 120_000 }, 'offline');

  const idle = await ask(server, { type: 'stats' }, 'stats');
  console.log(`bench:agents: connecting ${agents} agents`);
  const started = Date.now();
  const sims = shares.map((count, i) => simulator(url, count, code, credentials[i]));
  await Promise.all(sims.map((s) => s.connected));
  const connectMs = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const connected = await ask(server, { type: 'stats' }, 'stats');
  const perAgent = (connected.rss - idle.rss) / agents;

  const windowMs = 2 * heartbeatSeconds * 1000;
  console.log(`bench:agents: measuring steady-state CPU for ${seconds(windowMs)}`);
  const cpuStart = await ask(server, { type: 'stats' }, 'stats');
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const cpuEnd = await ask(server, { type: 'stats' }, 'stats');
  const cpuPercent =
    ((cpuEnd.cpu.user + cpuEnd.cpu.system - cpuStart.cpu.user - cpuStart.cpu.system) /
      1000 /
      (cpuEnd.at - cpuStart.at)) *
    100;

  await ask(server, { type: 'resetOffline' }, 'reset');
  const killedAt = Date.now();
  sims[2].child.kill('SIGKILL');
  const killed = await ask(server, { type: 'waitOffline', count: shares[2], timeoutMs: 120_000 }, 'offline');
  const killMs = (killed.last ?? Date.now()) - killedAt;

  await ask(server, { type: 'resetOffline' }, 'reset');
  const frozenAt = Date.now();
  sims[1].child.kill('SIGSTOP');
  const frozen = await ask(
    server,
    { type: 'waitOffline', count: shares[1], timeoutMs: 4 * heartbeatSeconds * 1000 },
    'offline',
  );
  const freezeMs = (frozen.last ?? Date.now()) - frozenAt;
  sims[1].child.kill('SIGKILL');
  sims[0].child.kill('SIGTERM');
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.send({ type: 'stop' });
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  server.kill();

  console.log('\nbench:agents: agent channel (one server process, SQLite, heartbeat 30 s)');
  console.log(`  agents connected:                ${connected.online} of ${agents}`);
  console.log(`  time to connect all:             ${seconds(connectMs)}   (goal: within 60 s)`);
  console.log(
    `  server RSS idle / connected:     ${(idle.rss / 2 ** 20).toFixed(0)} MB / ${(connected.rss / 2 ** 20).toFixed(0)} MB`,
  );
  console.log(`  server RSS per connected agent:  ${kb(perAgent)}   (goal: at most 40 KB)`);
  console.log(`  server CPU at steady state:      ${cpuPercent.toFixed(1)}% of one core   (goal: under 25%)`);
  console.log(`  1,000 agents killed → offline:   ${killed.count} events in ${seconds(killMs)}`);
  console.log(
    `  ${shares[1]} agents frozen → offline:  ${frozen.count} events in ${seconds(freezeMs)}   (goal: within two heartbeats, ${seconds(2 * heartbeatSeconds * 1000)})`,
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function listPart(client) {
  const { createOutpost } = await import('@outpost/core');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-list-'));
  let database = { client: 'better-sqlite3', connection: { filename: join(dataDir, 'outpost.sqlite') } };
  let dropDatabase = async () => {};
  if (client === 'pg') {
    const admin = process.env.OUTPOST_TEST_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `outpost_bench_${Date.now()}`;
    if (
      spawnSync('node', ['scripts/pg-database.mjs', 'create', admin, name], { cwd: root, stdio: 'inherit' }).status !==
      0
    ) {
      console.log('bench:agents: PostgreSQL is not reachable; skipping its list figures');
      return;
    }
    database = { client: 'pg', connection: admin.replace(/\/[^/]*$/, `/${name}`) };
    dropDatabase = async () =>
      void spawnSync('node', ['scripts/pg-database.mjs', 'drop', admin, name], { cwd: root, stdio: 'inherit' });
  }
  const outpost = await createOutpost({
    configFiles: [],
    overrides: {
      app: { baseUrl: `http://127.0.0.1:${port}`, listen: { host: '127.0.0.1', port }, dataDir },
      log: { level: 'warn' },
      database,
      jobs: { enabled: false },
      plugins: { devices: { enabled: true, demoLocalAgent: false }, invites: { enabled: true } },
    },
  });
  const { url } = await outpost.start();
  const db = outpost.db;
  const tenantId = (await db('core_tenants').whereNull('parent_id').first('id')).id;
  const password = 'quiet river 4417 lamp';
  await outpost.identity.accounts.createUser({ email: 'bench@example.test', role: 'owner', tenantId, password });
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'bench@example.test', password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  console.log(`bench:agents: inserting ${devices} devices (${client})`);
  const now = Date.now();
  const { randomUUID } = await import('node:crypto');
  for (let i = 0; i < devices; i += 400) {
    const rows = [];
    const tags = [];
    for (let j = i; j < Math.min(devices, i + 400); j += 1) {
      const id = randomUUID();
      const name = `host-${String((j * 7919) % devices).padStart(6, '0')}`;
      const online = j % 3 === 0;
      rows.push({
        id,
        tenant_id: tenantId,
        short_id: String(100_000_000 + j),
        secret_hash: 'x'.repeat(64),
        name,
        name_lower: name,
        hostname: name,
        os: j % 4 === 0 ? 'windows' : 'linux',
        os_name: j % 4 === 0 ? 'Windows' : 'Debian GNU/Linux',
        enrollment_source: 'bench',
        enrollment_ref: 'bench',
        online,
        service: true,
        tags: JSON.stringify(j % 10 === 0 ? ['prod'] : []),
        created_at: new Date(now - j * 1000).toISOString(),
        last_seen_at: new Date(now - ((j * 104729) % devices) * 1000).toISOString(),
      });
      if (j % 10 === 0) tags.push({ device_id: id, tenant_id: tenantId, tag: 'prod' });
      if (j % 1000 === 0) tags.push({ device_id: id, tenant_id: tenantId, tag: 'rare' });
    }
    await db('devices_devices').insert(rows);
    if (tags.length) await db('devices_tags').insert(tags);
  }
  // Autovacuum keeps a live PostgreSQL table vacuumed; do it now, as it would have been.
  await db.raw(client === 'pg' ? 'vacuum analyze devices_devices' : 'analyze');

  const fresh = new Date(Date.now() - 65_000).toISOString();
  const base = () => db('devices_devices as d').where('d.tenant_id', tenantId).whereNull('d.deleted_at');
  const queries = [
    {
      label: 'page 1, by name, with total',
      path: '?limit=50&withTotal=true',
      knex: async () =>
        Promise.all([
          base()
            .orderBy([{ column: 'd.name_lower' }, { column: 'd.id' }])
            .limit(51),
          base().count({ n: '*' }),
        ]),
    },
    {
      label: 'page 1, by name',
      path: '?limit=50',
      knex: () =>
        base()
          .orderBy([{ column: 'd.name_lower' }, { column: 'd.id' }])
          .limit(51),
    },
    {
      label: 'offline Linux, newest last seen first',
      path: '?status=offline&os=linux&sort=lastSeen&order=desc&limit=50',
      knex: () =>
        base()
          .where('d.admission', 'active')
          .andWhere((w) => w.where('d.online', false).orWhere('d.last_seen_at', '<=', fresh))
          .where('d.os', 'linux')
          .orderBy([
            { column: 'd.last_seen_at', order: 'desc' },
            { column: 'd.id', order: 'desc' },
          ])
          .limit(51),
    },
    {
      label: 'search "host-01"',
      path: '?q=host-01&limit=50',
      knex: () =>
        base()
          .whereRaw("d.name_lower like ? escape '\\'", ['%host-01%'])
          .orderBy([{ column: 'd.name_lower' }, { column: 'd.id' }])
          .limit(51),
    },
    {
      label: 'tag prod, by sign-in date',
      path: '?tag=prod&sort=enrolled&limit=50',
      knex: () =>
        base()
          .whereRaw(
            `exists (select 1 from devices_tags t where t.device_id = d.id and t.tag = ? ${client === 'pg' ? 'offset 0' : ''})`,
            ['prod'],
          )
          .orderBy([{ column: 'd.created_at' }, { column: 'd.id' }])
          .limit(51),
    },
    {
      label: 'tag rare (0.1%), by sign-in date',
      path: '?tag=rare&sort=enrolled&limit=50',
      knex: async () => {
        const ids = await db('devices_tags').where({ tenant_id: tenantId, tag: 'rare' }).limit(501).pluck('device_id');
        return base()
          .whereIn('d.id', ids)
          .orderBy([{ column: 'd.created_at' }, { column: 'd.id' }])
          .limit(51);
      },
    },
  ];
  const runs = 200;
  const lines = [];
  for (const query of queries) {
    for (let i = 0; i < 10; i += 1)
      await fetch(`${url}/api/v1/devices${query.path}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    const api = await timed(runs, async () => {
      const response = await fetch(`${url}/api/v1/devices${query.path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${query.path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    const direct = await timed(runs, () => query.knex());
    lines.push(
      `  ${query.label.padEnd(40)} API p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms; knex p50 ${direct.p50.toFixed(1)} ms, p99 ${direct.p99.toFixed(1)} ms; ratio p50 ${(api.p50 / direct.p50).toFixed(1)}x, p99 ${(api.p99 / direct.p99).toFixed(1)}x`,
    );
  }
  await outpost.stop();
  await dropDatabase();
  console.log(
    `\nbench:agents: device list, ${devices} devices in one tenant, ${client === 'pg' ? 'PostgreSQL' : 'SQLite'} (${runs} sequential requests each; goal: p99 under 50 ms)`,
  );
  for (const line of lines) console.log(line);
}

if (part === 'agents' || part === 'both') await agentsPart();
if (part === 'list' || part === 'both') {
  for (const client of (process.env.BENCH_DB ?? 'sqlite,pg').split(',')) await listPart(client);
}
process.exit(0);
