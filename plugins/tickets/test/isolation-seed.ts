import { defineIsolationSeed, expectStatus } from '@outpost/core/testing';

/** Tenant Alpha's ticket (for Alpha's contact and device, with an internal note) and support widget. */
export const ticketsIsolationSeed = defineIsolationSeed({
  async seed({ owner, idsOf }) {
    const ticket = expectStatus(
      await owner.request('POST', '/api/v1/tickets', {
        body: {
          subject: 'alpha-ticket-marker',
          contactId: idsOf('/api/v1/contacts/:id').id,
          deviceId: idsOf('/api/v1/devices/:id').id,
        },
      }),
      201,
      'a ticket',
    );
    expectStatus(
      await owner.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
        body: { body: 'alpha-note-marker-2', internal: true },
      }),
      201,
      'an internal note on the ticket',
    );
    const widget = expectStatus(
      await owner.request('PUT', '/api/v1/tickets/widget', {
        body: {
          companyName: 'alpha-company-marker',
          color: '#123456',
          position: 'bottom-left',
          greeting: 'alpha-support-greeting-marker',
          allowedOrigins: [],
        },
      }),
      200,
      'the support widget',
    );
    const id = { id: ticket.id };
    return {
      ids: {
        '/api/v1/tickets/:id': id,
        '/api/v1/tickets/:id/messages': id,
        '/api/v1/tickets/:id/portal-link': id,
      },
      markers: [
        'alpha-ticket-marker',
        'alpha-note-marker-2',
        'alpha-company-marker',
        'alpha-support-greeting-marker',
        widget.key,
      ],
      // A portal link's token or the widget's publishable key is what lets the customer in.
      credentialPaths: [
        '/portal/t/:token',
        '/portal/t/:token/replies',
        '/support-widget/:key',
        '/support-widget/:key/widget.js',
        '/support-widget/:key/tickets',
      ],
    };
  },
});
