import { existsSync, readFileSync } from 'node:fs';
import { AgentConnection, type Machine } from './connection.js';
import { enroll } from './enroll.js';
import { isRemoteOperation, runOperation } from './operations.js';
import type { MachineFacts } from './protocol.js';
import { type AgentState, writeState } from './state.js';
import { agentVersion } from './version.js';

/** A made-up machine with plausible facts and changing status, for tests and benchmarks. */
export function simulatedMachine(index: number): Machine {
  const hostname = `sim-${String(index).padStart(5, '0')}`;
  const mac = `02:00:${[index >> 24, index >> 16, index >> 8, index].map((b) => (b & 255).toString(16).padStart(2, '0')).join(':')}`;
  const facts: MachineFacts = {
    hostname,
    os: 'linux',
    osName: 'Debian GNU/Linux',
    osVersion: '12',
    arch: 'x64',
    macs: [mac],
    ips: [`10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`],
    user: 'user',
    cpu: 'Simulated CPU',
    memoryBytes: 8 * 2 ** 30,
  };
  const started = Date.now();
  return {
    facts: async () => facts,
    systemInfo: async () => ({
      agentVersion,
      simulated: true,
      os: { platform: 'linux', distro: facts.osName, release: facts.osVersion, hostname },
    }),
    status: async () => ({
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      load: Math.round(Math.random() * 1000) / 10,
      memoryUsedBytes: Math.round(Math.random() * facts.memoryBytes),
      user: 'user',
    }),
    screenshot: async () => ({ unavailable: 'A simulated agent has no display.' }),
    hasDisplay: false,
    // Remote sessions' operations run for real (a tunnel to an allowed loopback port), the rest are made up.
    runOperation: async (name, args, context) =>
      isRemoteOperation(name)
        ? runOperation(name, args, context)
        : { simulated: true, name, fileSystems: [{ mount: '/', sizeBytes: 64 * 2 ** 30, usedBytes: 20 * 2 ** 30 }] },
  };
}

export interface SimulateOptions {
  server: string;
  count: number;
  code?: string;
  /** Credentials of earlier runs, reused so the same devices reconnect. */
  credentialsFile?: string;
  /** Connections opened at once. */
  batch: number;
  log(line: string): void;
}

async function credentials(options: SimulateOptions): Promise<AgentState[]> {
  const saved: AgentState[] =
    options.credentialsFile && existsSync(options.credentialsFile)
      ? (JSON.parse(readFileSync(options.credentialsFile, 'utf8')) as AgentState[])
      : [];
  const states = saved.filter((s) => s.server === options.server).slice(0, options.count);
  if (states.length < options.count && !options.code)
    throw new Error(`${options.count - states.length} simulated agents need enrolling: pass --code`);
  let next = states.length;
  const worker = async () => {
    while (next < options.count) {
      const index = next++;
      const answer = await enroll(options.server, options.code!, await simulatedMachine(index).facts(), {
        log: options.log,
      });
      states[index] = { server: options.server, deviceId: answer.deviceId, secret: answer.secret };
      if ((index + 1) % 1000 === 0) options.log(`enrolled ${index + 1}/${options.count}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  if (options.credentialsFile) writeState(options.credentialsFile, states as never);
  return states;
}

/** Opens `count` agent connections from this process; resolves with them once all said hello. */
export async function simulate(
  options: SimulateOptions,
): Promise<{ connections: AgentConnection[]; connectMs: number }> {
  const states = await credentials(options);
  const started = Date.now();
  const connections: AgentConnection[] = [];
  let ready = 0;
  let allReady!: () => void;
  const done = new Promise<void>((resolve) => (allReady = resolve));
  for (let i = 0; i < states.length; i += options.batch) {
    const batchReady = ready + Math.min(options.batch, states.length - i);
    for (const [offset, state] of states.slice(i, i + options.batch).entries()) {
      const connection = new AgentConnection({
        state,
        machine: simulatedMachine(i + offset),
        agentVersion,
        service: true,
        minBackoffMs: 2000,
        onReady: () => {
          ready += 1;
          if (ready % 1000 === 0) options.log(`connected ${ready}/${states.length}`);
          if (ready === states.length) allReady();
        },
      });
      connections.push(connection);
      connection.start();
    }
    // Opening sockets in batches keeps the server's accept queue and handshakes flowing.
    while (ready < batchReady) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await done;
  return { connections, connectMs: Date.now() - started };
}
