import { defineIsolationSeed, expectStatus } from '@outpost/core/testing';

/** Tenant Alpha's contact, linked to Alpha's device. */
export const contactsIsolationSeed = defineIsolationSeed({
  async seed({ owner, idsOf }) {
    const deviceId = idsOf('/api/v1/devices/:id').id!;
    const contact = expectStatus(
      await owner.request('POST', '/api/v1/contacts', {
        body: { name: 'alpha-contact-marker', email: 'alpha-contact@marker.example' },
      }),
      201,
      'a contact',
    );
    expectStatus(
      await owner.request('PUT', `/api/v1/contacts/${contact.id}/devices/${deviceId}`),
      204,
      "linking the contact to Alpha's device",
    );
    return {
      ids: {
        '/api/v1/contacts/:id': { id: contact.id },
        '/api/v1/contacts/:id/connections': { id: contact.id },
        '/api/v1/contacts/:id/devices/:deviceId': { id: contact.id, deviceId },
        '/api/v1/contacts/by-device/:deviceId': { deviceId },
      },
      markers: ['alpha-contact-marker', 'alpha-contact@marker.example'],
    };
  },
});
