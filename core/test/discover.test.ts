import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { discoverPlugins } from '../src/plugins/discover.js';

/** A package folder whose entry exports one plugin definition (branded as definePlugin brands it). */
function writePluginPackage(dir: string, id: string, exports: unknown = { '.': { default: './dist/src/index.js' } }) {
  mkdirSync(join(dir, 'dist', 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@outpost/plugin-${id}`, type: 'module', exports }));
  writeFileSync(
    join(dir, 'dist', 'src', 'index.js'),
    `export const plugin = Object.defineProperty({ id: ${JSON.stringify(id)} }, Symbol.for('outpost.plugin'), { value: true });\n`,
  );
}

describe('plugin discovery', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'outpost-discover-'));
    mkdirSync(join(root, 'plugins'));
    mkdirSync(join(root, 'node_modules', '@outpost'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds plugin folders and installed @outpost/plugin-* packages, a linked folder once', async () => {
    writePluginPackage(join(root, 'plugins', 'alpha'), 'alpha');
    writePluginPackage(join(root, 'plugins', 'bravo'), 'bravo', { '.': './dist/src/index.js' });
    writeFileSync(join(root, 'plugins', '.gitkeep'), '');
    mkdirSync(join(root, 'plugins', 'not-a-package'));
    symlinkSync('../../plugins/alpha', join(root, 'node_modules', '@outpost', 'plugin-alpha'), 'dir');
    writePluginPackage(join(root, 'node_modules', '@outpost', 'plugin-charlie'), 'charlie');
    const found = await discoverPlugins(root);
    expect(found.map((p) => p.id)).to.deep.equal(['alpha', 'bravo', 'charlie']);
  });

  it('refuses two packages that define the same plugin id, naming both', async () => {
    writePluginPackage(join(root, 'plugins', 'alpha'), 'alpha');
    writePluginPackage(join(root, 'node_modules', '@outpost', 'plugin-alpha'), 'alpha');
    let message = '';
    await discoverPlugins(root).catch((error: Error) => (message = error.message));
    expect(message).to.equal(
      'node_modules/@outpost/plugin-alpha: plugin id "alpha" is already defined by plugins/alpha',
    );
  });
});
