import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Directory } from '@outpost/core';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { DeviceEnroller } from './registry/enroller.js';

/**
 * "This computer": on the first start, the machine Outpost runs on is enrolled in the
 * first tenant and a real agent process is started beside the server, so a newcomer
 * sees a live device at once. Later starts reuse the same credential.
 */
export async function startDemoAgent(options: {
  db: Knex;
  enroller: DeviceEnroller;
  directory: Directory;
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<ChildProcess | undefined> {
  const state = join(options.dataDir, 'demo-agent', 'agent.json');
  const server = `http://127.0.0.1:${options.port}`;
  if (!existsSync(state)) {
    const root = await options.directory.rootTenant();
    if (!root) return undefined;
    const { collectFacts } = await import('@outpost/agent');
    const facts = await collectFacts();
    const { device, secret } = await options.enroller.enroll(
      { tenantId: root.id, reference: 'this-computer' },
      'demo',
      facts,
      '127.0.0.1',
    );
    await options
      .db('devices_devices')
      .where({ id: device.id })
      .update({ name: 'This computer', name_lower: 'this computer' });
    mkdirSync(dirname(state), { recursive: true, mode: 0o700 });
    writeFileSync(state, JSON.stringify({ server, deviceId: device.id, secret }, null, 2), { mode: 0o600 });
    options.logger.info({ deviceId: device.id }, 'enrolled this computer as a demo device');
  }
  const { agentBinPath } = await import('@outpost/agent');
  const child = spawn(process.execPath, [agentBinPath, 'run', '--state', state, '--server', server], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, OUTPOST_AGENT_SERVICE: '1' },
  });
  child.stderr?.on('data', (chunk: Buffer) => options.logger.debug({ agent: chunk.toString().trim() }, 'demo agent'));
  child.on('exit', (code) => options.logger.info({ code }, 'demo agent stopped'));
  return child;
}
