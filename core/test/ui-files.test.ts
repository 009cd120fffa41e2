import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pluginUiDir, pluginUiEntry } from '../src/plugins/ui-files.js';

const repo = realpathSync(fileURLToPath(new URL('../../..', import.meta.url)));

describe("a plugin's browser files", () => {
  it('come from the bundle the build writes into the plugin package, dist/browser, without the plugin naming it', () => {
    expect(pluginUiDir({ id: 'devices', ui: {} })).to.equal(join(repo, 'plugins', 'devices', 'dist', 'browser'));
    expect(pluginUiEntry({ ui: {} })).to.equal('index.js');
  });

  it('come from ui.dir for a plugin that is no package, and from nowhere without either', () => {
    expect(pluginUiDir({ id: 'notes', ui: { dir: '/somewhere/notes-ui' } })).to.equal('/somewhere/notes-ui');
    expect(pluginUiDir({ id: 'no-such-plugin', ui: {} })).to.equal(undefined);
    expect(pluginUiDir({ id: 'devices' })).to.equal(undefined);
    expect(pluginUiEntry({ ui: { entry: './main.js' } })).to.equal('main.js');
  });
});
