import { defineIsolationSeed, expectStatus } from '@outpost/core/testing';

/** Tenant Alpha's item, for the isolation matrix (test/isolation): another tenant must get 404 for it. */
export const __name__IsolationSeed = defineIsolationSeed({
  async seed({ owner }) {
    const item = expectStatus(
      await owner.request('POST', '/api/v1/__id__/items', { body: { title: 'alpha-__id__-marker' } }),
      201,
      'a __Title__ item',
    );
    return { ids: { '/api/v1/__id__/items/:id': { id: item.id } }, markers: ['alpha-__id__-marker'] };
  },
});
