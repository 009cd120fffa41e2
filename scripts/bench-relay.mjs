#!/usr/bin/env node
// npm run bench:relay: the remote-session tunnel relay (plugins/remote), on this machine.
// The server (Outpost on SQLite with devices, invites and remote) runs in its own process
// pinned to the first core; the load generator (simulated agents of the real agent code,
// loopback TCP services on the "devices", signed-in browser WebSockets) in another, pinned to
// the second. Prints, in one run:
//   1. one session's throughput, device to browser through the relay, as a share of a direct
//      loopback TCP pipe between the same two ends in the load process (goal: at least 50%);
//   2. the latency a message gains through the relay: 64-byte round trips through an echo
//      service, relay and direct, p50/p99, and their difference;
//   3. BENCH_TUNNELS (1,000) concurrent tunnels, each streaming 32 KB/s device to browser: the
//      rate the browsers get, and the server's CPU and memory per tunnel (goal: under one core
//      in all, under 64 KB each).
//   BENCH_SECONDS (5) per throughput run, BENCH_ROUNDS (2000) round trips, BENCH_AGENTS (100)
//   devices carrying the tunnels, BENCH_WINDOW (20) seconds of measuring the streams, BENCH_PIN=0 to not pin.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2000);
const tunnels = Number(process.env.BENCH_TUNNELS ?? 1000);
const agentCount = Number(process.env.BENCH_AGENTS ?? 100);
const windowSeconds = Number(process.env.BENCH_WINDOW ?? 20);
const streamBytesPerTick = 3277; // 32 KB/s in ticks of 100 ms

console.log('bench:relay: building');
if (spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const { freePort } = await import('@outpost/core/testing');

const pinned =
  process.env.BENCH_PIN !== '0' && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (!pinned)
  console.log('bench:relay: not pinning processes to cores (needs taskset and two cores); figures are noisier');

/** A node process running `script`, pinned to `core` when possible, with IPC. */
function start(script, core, env, execArgv = []) {
  const child = fork(join(root, script), [], {
    cwd: root,
    execArgv,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (pinned) spawnSync('taskset', ['-a', '-p', '-c', String(core), String(child.pid)], { stdio: 'ignore' });
  return child;
}

function ask(child, message, answerType = `${message.type}:done`) {
  return new Promise((resolve, reject) => {
    const listener = (answer) => {
      if (answer.type !== answerType) return;
      child.off('message', listener);
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    };
    child.on('message', listener);
    child.send(message);
  });
}

const once = (child, type) =>
  new Promise((resolve) => {
    const listener = (message) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-relay-'));
const overrides = {
  app: { baseUrl: `http://127.0.0.1:${port}`, listen: { host: '127.0.0.1', port }, dataDir },
  log: { level: 'warn' },
  database: { client: 'better-sqlite3', connection: { filename: join(dataDir, 'outpost.sqlite') } },
  auth: { sessions: { maxConcurrent: 100 } },
  plugins: {
    devices: {
      enabled: true,
      demoLocalAgent: false,
      enrollment: { perCode: { enrollments: 1_000_000 }, perAddress: { enrollments: 1_000_000 } },
    },
    invites: { enabled: true },
    remote: { enabled: true },
  },
};
const server = start('scripts/bench/relay-server.mjs', 0, { OUTPOST_BENCH_OVERRIDES: JSON.stringify(overrides) }, [
  '--expose-gc',
]);
const load = start('scripts/bench/relay-load.mjs', 1, {});
// A failed step leaves no process behind.
process.on('exit', () => {
  server.kill();
  load.kill();
});
const [credentials] = await Promise.all([once(server, 'ready'), once(load, 'ready')]);
const stats = () => ask(server, { type: 'stats' }, 'stats');

console.log(`bench:relay: ${agentCount} simulated agents enroll and connect`);
await ask(load, { ...credentials, type: 'setup', agentCount, streamBytesPerTick });

console.log(`bench:relay: one session's throughput and round trips (${seconds} s each way, ${rounds} round trips)`);
const direct = await ask(load, { type: 'direct', seconds, rounds });
const beforeRelay = await stats();
const relay = await ask(load, { type: 'relay', seconds, rounds });
const afterRelay = await stats();
const relayCpu =
  (afterRelay.cpu.user + afterRelay.cpu.system - beforeRelay.cpu.user - beforeRelay.cpu.system) /
  1e6 /
  ((afterRelay.at - beforeRelay.at) / 1000);

const idle = await stats();
console.log(`bench:relay: opening ${tunnels} tunnels streaming 32 KB/s each`);
const opening = Date.now();
await ask(load, { type: 'openMany', tunnels, concurrency: 20 });
const openMs = Date.now() - opening;
await new Promise((resolve) => setTimeout(resolve, 3000));
const first = await stats();
const countsFirst = await ask(load, { type: 'counts' });
console.log(`bench:relay: measuring for ${windowSeconds} s`);
await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
const last = await stats();
const countsLast = await ask(load, { type: 'counts' });

load.send({ type: 'stop' });
server.send({ type: 'stop' });

const mb = (bytesPerSecond) => `${(bytesPerSecond / 2 ** 20).toFixed(1)} MB/s`;
const ms = (value) => `${value.toFixed(3)} ms`;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const share = relay.rate / direct.rate;
const p = (rtts) => ({ p50: percentile(rtts, 50), p99: percentile(rtts, 99) });
const directP = p(direct.rtts);
const relayP = p(relay.rtts);
const elapsed = (last.at - first.at) / 1000;
const cpu = (last.cpu.user + last.cpu.system - first.cpu.user - first.cpu.system) / 1e6 / elapsed;
const perTunnel = (first.rss - idle.rss) / tunnels;
const rates = countsLast.bytes.map(
  (bytes, i) => (bytes - countsFirst.bytes[i]) / ((countsLast.at - countsFirst.at) / 1000),
);
const total = rates.reduce((sum, rate) => sum + rate, 0);
const slowest = Math.min(...rates);

console.log(
  `\nbench:relay: results (${pinned ? 'server on core 0, load on core 1' : 'not pinned'}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
);
console.log(`  1. throughput, one session, device → browser`);
console.log(`     direct loopback TCP:          ${mb(direct.rate)}`);
console.log(`     through the relay:            ${mb(relay.rate)}`);
console.log(
  `     relay / direct:               ${(share * 100).toFixed(1)}%   (goal: at least 50%) ${share >= 0.5 ? 'PASS' : 'FAIL'}`,
);
console.log(
  `     load generator CPU:           ${(direct.cpu * 100).toFixed(0)}% direct, ${(relay.cpu * 100).toFixed(0)}% relay (of one core)`,
);
console.log(
  `     MB moved per CPU-second:       direct ${(direct.rate / 2 ** 20 / direct.cpu).toFixed(0)}, relay ${(relay.rate / 2 ** 20 / (relay.cpu + relayCpu)).toFixed(0)} (load generator and server; the server's CPU over the whole relay phase, so the relay's figure errs low)`,
);
console.log(
  `     server CPU meanwhile:         ${(relayCpu * 100).toFixed(0)}% of one core (throughput and round-trip runs)`,
);
console.log(`  2. round trip of a 64-byte message through an echo on the device (${rounds} sequential)`);
console.log(`     direct TCP:       p50 ${ms(directP.p50)}, p99 ${ms(directP.p99)}`);
console.log(`     through relay:    p50 ${ms(relayP.p50)}, p99 ${ms(relayP.p99)}`);
console.log(`     added per message: p50 ${ms(relayP.p50 - directP.p50)}, p99 ${ms(relayP.p99 - directP.p99)}`);
console.log(
  `  3. ${countsLast.bytes.length} concurrent tunnels at 32 KB/s each (${agentCount} devices; opened in ${(openMs / 1000).toFixed(1)} s)`,
);
console.log(
  `     browsers received:            ${mb(total)} in all (goal ${mb(tunnels * 32 * 1024)}), slowest tunnel ${(slowest / 1024).toFixed(1)} KB/s`,
);
console.log(
  `     server CPU:                   ${(cpu * 100).toFixed(1)}% of one core   (goal: under 100%) ${cpu < 1 ? 'PASS' : 'FAIL'}`,
);
console.log(
  `     server RSS idle / streaming:  ${(idle.rss / 2 ** 20).toFixed(0)} MB / ${(first.rss / 2 ** 20).toFixed(0)} MB (after GC)`,
);
console.log(
  `     server memory per tunnel:     ${(perTunnel / 1024).toFixed(1)} KB   (goal: under 64 KB) ${perTunnel < 64 * 1024 ? 'PASS' : 'FAIL'}`,
);
console.log(`     live sessions on the server:  ${last.live}`);
process.exit(0);
