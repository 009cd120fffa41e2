import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { definePlugin } from '@outpost/core';
import { type TestServer, startTestServer } from '@outpost/core/testing';

describe("a plugin's browser files", () => {
  let server: TestServer;
  let folder: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'outpost-assets-'));
    const served = join(folder, 'browser');
    const outside = join(folder, 'outside');
    mkdirSync(join(served, 'chunks'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(served, 'index.js'), 'export const page = 1;\n');
    writeFileSync(join(served, 'chunks', 'part.js'), 'export const part = 2;\n');
    writeFileSync(join(outside, 'secret.key'), 'not for the web\n');
    mkdirSync(join(served, 'locales'));
    writeFileSync(join(served, 'locales', 'de.json'), '{"Assets":"Anlagen"}');
    writeFileSync(join(served, 'locales', 'de-AT.json'), '{"Assets":"Anlagen"}');
    writeFileSync(join(served, 'locales', 'notes.txt'), 'not a dictionary');
    symlinkSync(outside, join(served, 'linked-folder'));
    symlinkSync(join(outside, 'secret.key'), join(served, 'linked.js'));
    const plugin = definePlugin({ id: 'assets', ui: { dir: served, nav: [] } });
    server = await startTestServer({ plugins: [plugin] });
  });
  after(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('are served from the folder, and nothing a symbolic link in it points to outside', async () => {
    expect((await server.request('GET', '/ui/plugins/assets/index.js')).status).to.equal(200);
    expect((await server.request('GET', '/ui/plugins/assets/chunks/part.js')).status).to.equal(200);
    for (const path of ['/ui/plugins/assets/linked-folder/secret.key', '/ui/plugins/assets/linked.js']) {
      const response = await server.request('GET', path);
      expect(response.status, path).to.equal(404);
      expect(String(response.body)).not.to.include('not for the web');
    }
  });

  it("are listed in the UI manifest with the plugin's dictionaries, which are served as JSON", async () => {
    const { body } = await server.request('GET', '/api/v1/ui/manifest');
    expect(body.plugins[0].locales).to.deep.equal({
      de: '/ui/plugins/assets/locales/de.json',
      'de-AT': '/ui/plugins/assets/locales/de-AT.json',
    });
    const dictionary = await server.request('GET', '/ui/plugins/assets/locales/de.json');
    expect(dictionary.status).to.equal(200);
    expect(dictionary.headers.get('content-type')).to.match(/^application\/json/);
    expect(dictionary.body).to.deep.equal({ Assets: 'Anlagen' });
  });
});
