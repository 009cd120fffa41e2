import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import si from 'systeminformation';
import { operationCatalog } from './catalog.js';
import { remoteOperationCatalog } from './remote/catalog.js';
import { remoteImplementations } from './remote/operations.js';
import { collectSystemInfo } from './facts.js';
import { rpcErrors } from './protocol.js';
import { RpcFailure } from './rpc.js';
import { agentVersion } from './version.js';

type Implementation = (args: Record<string, unknown>) => Promise<unknown>;

/** What an operation may need to know about the agent running it. */
export interface OperationContext {
  /** The server the agent's channel talks to (tunnels open their own socket to it). */
  server: string;
  log?(line: string): void;
}

/** The code behind each operation of the catalog. Nothing here builds a shell command from input. */
const implementations: Record<string, Implementation> = {
  'diagnostics:get_system_info': () => collectSystemInfo(agentVersion),

  'diagnostics:disk_usage': async () => {
    const fileSystems = await si.fsSize();
    return {
      fileSystems: fileSystems.map((f) => ({
        mount: f.mount,
        device: f.fs,
        type: f.type,
        sizeBytes: f.size,
        usedBytes: f.used,
        availableBytes: f.available,
        usePercent: f.use,
      })),
    };
  },

  'diagnostics:list_processes': async (args) => {
    const { sortBy, limit } = args as { sortBy: 'cpu' | 'memory' | 'name'; limit: number };
    const processes = await si.processes();
    const compare = {
      cpu: (a: si.Systeminformation.ProcessesProcessData, b: si.Systeminformation.ProcessesProcessData) =>
        b.cpu - a.cpu,
      memory: (a: si.Systeminformation.ProcessesProcessData, b: si.Systeminformation.ProcessesProcessData) =>
        b.memRss - a.memRss,
      name: (a: si.Systeminformation.ProcessesProcessData, b: si.Systeminformation.ProcessesProcessData) =>
        a.name.localeCompare(b.name),
    }[sortBy];
    return {
      total: processes.all,
      running: processes.running,
      items: [...processes.list]
        .sort(compare)
        .slice(0, limit)
        .map((p) => ({
          pid: p.pid,
          name: p.name,
          user: p.user,
          cpuPercent: Math.round(p.cpu * 10) / 10,
          memoryPercent: Math.round(p.mem * 10) / 10,
          memoryRssBytes: p.memRss * 1024,
          started: p.started,
          command: `${p.command} ${p.params}`.trim().slice(0, 300),
        })),
    };
  },

  'diagnostics:network_info': async () => {
    const [interfaces, gateway] = await Promise.all([
      si.networkInterfaces(),
      si.networkGatewayDefault().catch(() => ''),
    ]);
    const list = Array.isArray(interfaces) ? interfaces : [interfaces];
    return {
      interfaces: list.map((i) => ({
        name: i.iface,
        mac: i.mac,
        ip4: i.ip4,
        ip4Subnet: i.ip4subnet,
        ip6: i.ip6,
        internal: i.internal,
        type: i.type,
        operstate: i.operstate,
        speedMbps: i.speed,
      })),
      defaultGateway: gateway || null,
      dnsServers: await dnsServers(),
    };
  },
};

async function dnsServers(): Promise<string[]> {
  if (process.platform === 'win32') return [];
  try {
    const text = await readFile('/etc/resolv.conf', 'utf8');
    return [...text.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: false });
const validators = new Map<string, ValidateFunction>(
  [...operationCatalog, ...remoteOperationCatalog].map((op) => [op.name, ajv.compile(op.argsSchema)]),
);

/** Runs a known operation after checking its arguments; anything else is refused. */
export async function runOperation(name: unknown, rawArgs: unknown, context?: OperationContext): Promise<unknown> {
  const known = typeof name === 'string' && validators.has(name);
  const local = known ? implementations[name] : undefined;
  const remote = known ? remoteImplementations[name] : undefined;
  if (!known || (!local && !(remote && context))) {
    throw new RpcFailure(
      rpcErrors.unknownOperation,
      `this agent has no operation ${JSON.stringify(String(name).slice(0, 64))}`,
    );
  }
  const args = structuredClone(rawArgs ?? {}) as Record<string, unknown>;
  const validate = validators.get(name)!;
  if (!validate(args))
    throw new RpcFailure(rpcErrors.invalidParams, `bad arguments for ${name}: ${ajv.errorsText(validate.errors)}`);
  try {
    return await (local ? local(args) : remote!(args, context!));
  } catch (error) {
    throw new RpcFailure(rpcErrors.operationFailed, `${name} failed: ${(error as Error).message}`);
  }
}

/** Whether an operation is one of remote sessions' (a simulated machine runs those for real). */
export function isRemoteOperation(name: unknown): boolean {
  return typeof name === 'string' && name in remoteImplementations;
}
