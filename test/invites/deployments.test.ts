import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { simulatedMachine } from '@outpost/agent';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { repoRoot } from '../helpers/processes.js';

describe('invites: deployments', function () {
  let server: DevicesServer;
  before(async () => (server = await startDevicesServer()));
  after(() => server?.stop());

  const enroll = async (code: string, index: number) =>
    fetch(`${server.url}/agent/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, facts: await simulatedMachine(index).facts() }),
    });

  it('enrolls into its group while active, shows progress, and refuses with a clear message while paused or completed', async () => {
    const group = await server.admin.request('POST', '/api/v1/devices/groups', { body: { name: 'Floor 3' } });
    const created = await server.admin.request('POST', '/api/v1/invites/deployments', {
      body: { name: 'Q1 rollout, floor 3', groupId: group.body.id, expectedCount: 3 },
    });
    expect(created.status).to.equal(201);
    const deployment = created.body;
    expect(deployment).to.include({ status: 'active', expectedCount: 3, registeredCount: 0 });
    expect(deployment.code).to.match(/^[A-Z2-9]{12}$/);

    const first = await enroll(deployment.code, 1);
    expect(first.status).to.equal(201);
    const { deviceId } = (await first.json()) as { deviceId: string };
    expect((await server.admin.request('GET', `/api/v1/devices/${deviceId}`)).body.groupId).to.equal(group.body.id);
    const listed = await server.admin.request('GET', '/api/v1/invites/deployments');
    expect(listed.body.items[0]).to.include({ registeredCount: 1, expectedCount: 3 });

    expect(
      (
        await server.admin.request('PATCH', `/api/v1/invites/deployments/${deployment.id}`, {
          body: { status: 'paused' },
        })
      ).body.status,
    ).to.equal('paused');
    const paused = await enroll(deployment.code, 2);
    expect(paused.status).to.equal(403);
    expect(((await paused.json()) as { detail: string }).detail).to.equal(
      'The deployment "Q1 rollout, floor 3" is paused: enrollment is refused until it is resumed.',
    );
    // The server runs in this process: the agent runs beside it, not blocking it.
    const child = spawn(process.execPath, [
      join(repoRoot, 'agent/bin/outpost-agent.js'),
      'enroll',
      '--server',
      server.url,
      '--code',
      deployment.code,
      '--state',
      join(tmpdir(), `never-${Date.now()}.json`),
    ]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).to.equal(1);
    expect(stderr.trim()).to.equal(
      'outpost-agent: the server refused enrollment (403): The deployment "Q1 rollout, floor 3" is paused: enrollment is refused until it is resumed.',
    );

    await server.admin.request('PATCH', `/api/v1/invites/deployments/${deployment.id}`, { body: { status: 'active' } });
    expect((await enroll(deployment.code, 3)).status).to.equal(201);
    await server.admin.request('PATCH', `/api/v1/invites/deployments/${deployment.id}`, {
      body: { status: 'completed' },
    });
    expect((await enroll(deployment.code, 4)).status).to.equal(403);
    const done = await server.admin.request('GET', '/api/v1/invites/deployments');
    expect(done.body.items[0]).to.include({ status: 'completed', registeredCount: 2 });
    expect(done.body.items[0].completedAt).to.be.a('string');

    expect((await server.admin.request('DELETE', `/api/v1/invites/deployments/${deployment.id}`)).status).to.equal(204);
    expect((await enroll(deployment.code, 5)).status).to.equal(404);
  });
});
