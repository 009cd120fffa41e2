import { defineIsolationSeed, expectStatus } from '@outpost/core/testing';

/** Tenant Alpha's invite, deployment, remote-support session and code widget. */
export const invitesIsolationSeed = defineIsolationSeed({
  async seed({ owner }) {
    const invite = expectStatus(
      await owner.request('POST', '/api/v1/invites', { body: { name: 'alpha invite' } }),
      201,
      'an invite',
    );
    const deployment = expectStatus(
      await owner.request('POST', '/api/v1/invites/deployments', {
        body: { name: 'alpha-deployment-marker', expectedCount: 5 },
      }),
      201,
      'a deployment',
    );
    const support = expectStatus(
      await owner.request('POST', '/api/v1/invites/support', { body: { clientName: 'alpha-client-marker' } }),
      201,
      'a remote-support session',
    );
    const widget = expectStatus(
      await owner.request('PUT', '/api/v1/invites/widget', {
        body: { color: '#123456', position: 'inline', greeting: 'alpha-greeting-marker', allowedOrigins: [] },
      }),
      200,
      'the code widget',
    );
    return {
      ids: {
        '/api/v1/invites/:id': { id: invite.id },
        '/api/v1/invites/deployments/:id': { id: deployment.id },
        '/api/v1/invites/support/:id': { id: support.id },
      },
      markers: [
        invite.code,
        'alpha-deployment-marker',
        deployment.code,
        'alpha-client-marker',
        support.code,
        'alpha-greeting-marker',
        widget.key,
      ],
      // The code or the widget's publishable key is what lets anyone in.
      credentialPaths: [
        '/i/:code',
        '/i/:code/download/:os',
        '/w/:key',
        '/w/:key/code-widget.js',
        '/w/:key/codes/:code',
      ],
    };
  },
});
