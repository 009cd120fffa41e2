// The server side of bench:relay: one Outpost process (devices, invites, remote on SQLite),
// forked by the bench and pinned to its own core, which answers over IPC with its memory and
// CPU time. It makes the invite code the load generator's agents enroll with and the Owner
// whose browser sessions open the tunnels.
import { randomUUID } from 'node:crypto';
import { createOutpost } from '@outpost/core';
import { serverStats } from './server-stats.mjs';

const overrides = JSON.parse(process.env.OUTPOST_BENCH_OVERRIDES);
const outpost = await createOutpost({ configFiles: [], overrides });
const { url } = await outpost.start();
const root = await outpost.db('core_tenants').whereNull('parent_id').first('id');
const code = 'BENCHTRAFFC3';
await outpost
  .db('invites_invites')
  .insert({ id: randomUUID(), tenant_id: root.id, code, name: 'bench', created_at: new Date().toISOString() });
const email = 'bench-relay@example.test';
const password = `Tunnel ${randomUUID()} pass`;
await outpost.identity.accounts.createUser({ email, role: 'owner', tenantId: root.id, password });

process.on('message', async (message) => {
  switch (message.type) {
    case 'stats': {
      const stats = await serverStats();
      const [{ n }] = await outpost.db('remote_sessions').whereNull('ended_at').count({ n: '*' });
      process.send({ ...stats, live: Number(n) });
      break;
    }
    case 'stop':
      await outpost.stop();
      process.exit(0);
  }
});
process.send({ type: 'ready', url, code, email, password });
