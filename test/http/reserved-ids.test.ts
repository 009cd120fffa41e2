import { expect } from 'chai';
import { reservedPluginIds } from '@outpost/core';
import { type TestServer, startTestServer } from '@outpost/core/testing';
import { notesPlugin } from '../fixtures/plugins/notes.js';

describe('plugin ids the core keeps', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ plugins: [notesPlugin] });
  });
  after(() => server.stop());

  it("include the root of every core API path, so no plugin's /api/v1/<id> can overlap them", () => {
    const roots = new Set(
      server.outpost.routes
        .filter((mounted) => mounted.owner === 'core' && mounted.fullPath.startsWith('/api/v1/'))
        .map((mounted) => mounted.fullPath.split('/')[3]!)
        .filter((root) => root !== 'openapi.json'),
    );
    expect(roots.size).to.be.greaterThan(5);
    expect([...roots].filter((root) => !reservedPluginIds.includes(root))).to.deep.equal([]);
  });
});
