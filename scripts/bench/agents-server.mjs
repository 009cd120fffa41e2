// The server side of bench:agents: one Outpost process with the devices and invites
// plugins on SQLite, forked by the bench, which asks it over IPC for its memory, its
// CPU time and how many device.offline events it has seen.
import { randomUUID } from 'node:crypto';
import { createOutpost } from '@outpost/core';
import { serverStats } from './server-stats.mjs';

const overrides = JSON.parse(process.env.OUTPOST_BENCH_OVERRIDES);
const outpost = await createOutpost({ configFiles: [], overrides });
const { url } = await outpost.start();
const root = await outpost.db('core_tenants').whereNull('parent_id').first('id');
const code = 'BENCHAGENTS2';
await outpost
  .db('invites_invites')
  .insert({ id: randomUUID(), tenant_id: root.id, code, name: 'bench', created_at: new Date().toISOString() });

let offline = [];
outpost.events.subscribe('devices.device.offline', () => void offline.push(Date.now()), {
  subscriberId: 'bench.offline',
});

process.on('message', async (message) => {
  switch (message.type) {
    case 'stats': {
      const stats = await serverStats();
      const [{ n }] = await outpost.db('devices_devices').where({ online: true }).count({ n: '*' });
      process.send({ ...stats, online: Number(n) });
      break;
    }
    case 'resetOffline':
      offline = [];
      process.send({ type: 'reset' });
      break;
    case 'waitOffline': {
      const deadline = Date.now() + message.timeoutMs;
      while (offline.length < message.count && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      process.send({ type: 'offline', count: offline.length, last: offline.at(-1) ?? null });
      break;
    }
    case 'stop':
      await outpost.stop();
      process.exit(0);
  }
});
process.send({ type: 'ready', url, code });
