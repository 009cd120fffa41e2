import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What an enrolled agent keeps: where its server is and its device credential. */
export interface AgentState {
  server: string;
  deviceId: string;
  secret: string;
}

/** Baked into a download (invites): enroll with this code on first run. */
export interface BakedConfig {
  server: string;
  code: string;
}

/** Where the credential lives: OUTPOST_AGENT_STATE, else the OS's place for service data. */
export function defaultStatePath(env = process.env): string {
  if (env.OUTPOST_AGENT_STATE) return env.OUTPOST_AGENT_STATE;
  switch (process.platform) {
    case 'win32':
      return join(env.ProgramData ?? 'C:\\ProgramData', 'Outpost Agent', 'agent.json');
    case 'darwin':
      return process.getuid?.() === 0
        ? '/Library/Application Support/Outpost Agent/agent.json'
        : join(homedir(), 'Library', 'Application Support', 'Outpost Agent', 'agent.json');
    default:
      return process.getuid?.() === 0
        ? '/var/lib/outpost-agent/agent.json'
        : join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'outpost-agent', 'agent.json');
  }
}

export function readState(path: string): AgentState | undefined {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as Partial<AgentState>;
  if (typeof state.server !== 'string' || typeof state.deviceId !== 'string' || typeof state.secret !== 'string') {
    throw new Error(`${path} is not an agent state file (server, deviceId and secret expected)`);
  }
  return state as AgentState;
}

/** Writes the credential readable by its owner only (mode 0600). */
export function writeState(path: string, state: AgentState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function readBakedConfig(path: string): BakedConfig | undefined {
  if (!existsSync(path)) return undefined;
  const config = JSON.parse(readFileSync(path, 'utf8')) as Partial<BakedConfig>;
  if (typeof config.server !== 'string' || typeof config.code !== 'string')
    throw new Error(`${path} must hold "server" and "code"`);
  return config as BakedConfig;
}
