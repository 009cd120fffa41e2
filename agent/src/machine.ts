import si from 'systeminformation';
import type { Machine } from './connection.js';
import { collectFacts, collectSystemInfo } from './facts.js';
import { runOperation } from './operations.js';
import { captureScreen, hasDisplay } from './screenshot.js';
import { agentVersion } from './version.js';

/** The machine the agent runs on. */
export function realMachine(): Machine {
  return {
    facts: collectFacts,
    systemInfo: () => collectSystemInfo(agentVersion),
    async status() {
      const [load, mem, users] = await Promise.all([si.currentLoad(), si.mem(), si.users()]);
      return {
        uptimeSeconds: si.time().uptime,
        load: Math.round(load.currentLoad * 10) / 10,
        memoryUsedBytes: mem.active,
        user: users[0]?.user ?? null,
      };
    },
    screenshot: () => captureScreen(),
    hasDisplay: hasDisplay(),
    runOperation,
  };
}
