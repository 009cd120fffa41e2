import { enroll, simulatedMachine } from '@outpost/agent';
import { defineIsolationSeed, expectStatus } from '@outpost/core/testing';

/**
 * Tenant Alpha's device (renamed, in a group, with a permalink, shared with Alpha's
 * Viewer) and group. A device enrolls with a code of an enrollment source; the invites
 * plugin is the one the matrix always boots, so its API hands out the code.
 */
export const devicesIsolationSeed = defineIsolationSeed({
  async seed({ server, owner, viewer }) {
    const invite = expectStatus(
      await owner.request('POST', '/api/v1/invites', { body: { name: 'alpha device invite' } }),
      201,
      'an invite to enroll the device with',
    );
    const device = await enroll(server.url, invite.code, await simulatedMachine(7).facts());
    const group = expectStatus(
      await owner.request('POST', '/api/v1/devices/groups', { body: { name: 'alpha-group-marker' } }),
      201,
      'a device group',
    );
    expectStatus(
      await owner.request('PATCH', `/api/v1/devices/${device.deviceId}`, {
        body: { name: 'alpha-device-marker', groupId: group.id, permalink: 'alpha-link-marker' },
      }),
      200,
      'renaming the device',
    );
    expectStatus(
      await owner.request('POST', `/api/v1/devices/${device.deviceId}/shares`, { body: { userId: viewer.id } }),
      204,
      'sharing the device with the Viewer',
    );
    const id = { id: device.deviceId };
    return {
      ids: {
        '/api/v1/devices/:id': id,
        '/api/v1/devices/:id/restore': id,
        '/api/v1/devices/:id/favorite': id,
        '/api/v1/devices/:id/shares': id,
        '/api/v1/devices/:id/sessions': id,
        '/api/v1/devices/:id/sessions.csv': id,
        '/api/v1/devices/:id/screenshot': id,
        '/api/v1/devices/:id/operations': id,
        '/api/v1/devices/:id/shares/:userId': { id: device.deviceId, userId: viewer.id },
        '/api/v1/devices/groups/:id': { id: group.id },
        // The permalink is in the path the caller sends, so it is no marker; the device's name is.
        '/api/v1/devices/by-link/:permalink': { permalink: 'alpha-link-marker' },
      },
      markers: ['alpha-device-marker', 'alpha-group-marker', invite.code],
    };
  },
});
