import { AgentConnection, type Machine, agentVersion, enroll, simulatedMachine } from '@outpost/agent';
import { defineIsolationSeed, expectStatus, until } from '@outpost/core/testing';

/**
 * Remote settings (the terminal's user) on that device, and a live remote session of tenant Alpha on a device of its own. The device's agent (a
 * simulated one, in this process) accepts the tunnel request and keeps the token unused,
 * so the session stays live without a tunnel. The same device's id and 9-digit number serve Wake and
 * Quick Connect.
 */
export const remoteIsolationSeed = defineIsolationSeed({
  async seed({ server, owner }) {
    const invite = expectStatus(
      await owner.request('POST', '/api/v1/invites', { body: { name: 'alpha remote invite' } }),
      201,
      'an invite to enroll the device with',
    );
    const device = await enroll(server.url, invite.code, await simulatedMachine(8).facts());
    expectStatus(
      await owner.request('PATCH', `/api/v1/devices/${device.deviceId}`, {
        body: { name: 'alpha-remote-device-marker' },
      }),
      200,
      'renaming the device',
    );
    const base = simulatedMachine(8);
    const machine: Machine = {
      ...base,
      runOperation: async (name, args, context) =>
        name === 'remote:open_tunnel' ? { opened: true } : base.runOperation(name, args, context),
    };
    const agent = new AgentConnection({
      state: { server: server.url, deviceId: device.deviceId, secret: device.secret },
      machine,
      agentVersion,
      service: true,
    });
    agent.start();
    await until(async () => agent.connected, 10_000, "the seed device's agent to connect");
    const session = await until(
      async () => {
        const answer = await owner.request('POST', '/api/v1/remote/sessions', {
          body: { deviceId: device.deviceId, kind: 'terminal' },
        });
        return answer.status === 201 ? answer.body : undefined;
      },
      10_000,
      'a remote session on the seed device',
    );
    expectStatus(
      await owner.request('PUT', `/api/v1/remote/devices/${device.deviceId}/settings`, {
        body: { terminalUser: 'alpha_remote_marker' },
      }),
      200,
      "the remote settings of Alpha's device",
    );
    return {
      ids: {
        '/api/v1/remote/sessions/:id': { id: session.id },
        '/api/v1/remote/devices/:id/wake': { id: device.deviceId },
        '/api/v1/remote/quick-connect/:number': { number: device.shortId },
        '/api/v1/remote/devices/:deviceId/settings': { deviceId: device.deviceId },
      },
      markers: ['alpha-remote-device-marker', 'alpha_remote_marker'],
    };
  },
});
