import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { repoRoot } from '../helpers/processes.js';

type BuildPluginUi = (pluginDir: string) => Promise<void>;

describe("build: a plugin's browser bundle (rollup)", function () {
  this.timeout(60_000);
  let buildPluginUi: BuildPluginUi;
  let plugin: string;
  const write = (path: string, text: string) => writeFileSync(join(plugin, 'dist', 'ui', path), text);

  before(async () => {
    const script = pathToFileURL(join(repoRoot, 'scripts', 'build-plugin-ui.mjs')).href;
    ({ buildPluginUi } = (await import(script)) as { buildPluginUi: BuildPluginUi });
  });
  // Inside the repository, so '@outpost/ui-sdk' resolves as it does for a plugin.
  beforeEach(() => {
    mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
    plugin = mkdtempSync(join(repoRoot, 'test-output', 'plugin-ui-'));
    mkdirSync(join(plugin, 'dist', 'ui'), { recursive: true });
  });
  afterEach(() => rmSync(plugin, { recursive: true, force: true }));

  it('writes index.js and a chunk per lazily imported module to dist/browser, taking Lit from window.Outpost', async () => {
    write(
      'index.js',
      "import { LitElement, html } from '@outpost/ui-sdk';\n" +
        "class Page extends LitElement { render() { return html`<button @click=${() => import('./details.js')}>x</button>`; } }\n" +
        "customElements.define('probe-page', Page);\n",
    );
    write(
      'details.js',
      "import { html } from '@outpost/ui-sdk';\nexport const details = () => html`<p>details</p>`;\n",
    );
    await buildPluginUi(plugin);
    const files = readdirSync(join(plugin, 'dist', 'browser')).filter((f) => f.endsWith('.js'));
    expect(files).to.include('index.js');
    expect(files.filter((f) => /^details-[\w-]+\.js$/.test(f))).to.have.length(1);
    const bundle = files.map((f) => readFileSync(join(plugin, 'dist', 'browser', f), 'utf8')).join('\n');
    expect(bundle).to.include('window.Outpost');
    expect(bundle, 'no copy of Lit').not.to.match(/lit-html|ReactiveElement|litElementVersions/);
  });

  it('writes palette.js beside index.js when the plugin has palette providers, sharing what both use', async () => {
    write('shared.js', 'export const label = (x) => `device ${x}`;\n');
    write(
      'index.js',
      "import { label } from './shared.js';\ncustomElements.define('probe-page', class extends HTMLElement { connectedCallback() { this.textContent = label(1); } });\n",
    );
    write(
      'palette.js',
      "import { label } from './shared.js';\nwindow.Outpost.registerPaletteProvider({ id: 'probe', search: () => [{ id: 'x', group: 'Probe', label: label(2) }] });\n",
    );
    await buildPluginUi(plugin);
    const files = readdirSync(join(plugin, 'dist', 'browser')).filter((f) => f.endsWith('.js'));
    expect(files).to.include.members(['index.js', 'palette.js']);
    const palette = readFileSync(join(plugin, 'dist', 'browser', 'palette.js'), 'utf8');
    expect(palette).to.include('registerPaletteProvider');
    expect(palette, 'the page stays out of the palette module').not.to.include('probe-page');
    const shared = files.filter((f) => f !== 'index.js' && f !== 'palette.js');
    expect(shared, 'one chunk holds what both entries use').to.have.length(1);
  });

  it('refuses a plugin that imports Lit itself, saying where to take it from', async () => {
    write(
      'index.js',
      "import { LitElement } from 'lit';\ncustomElements.define('probe-page', class extends LitElement {});\n",
    );
    let failure: unknown;
    await buildPluginUi(plugin).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/imports lit: import LitElement, html, css and the rest from '@outpost\/ui-sdk'/);
    expect(existsSync(join(plugin, 'dist', 'browser'))).to.equal(false);
  });

  it("copies the plugin's dictionaries (ui/locales/<tag>.json) beside the bundle, and refuses one that is no map of strings", async () => {
    write('index.js', "import { t } from '@outpost/ui-sdk';\nexport const title = () => t('Gadgets');\n");
    mkdirSync(join(plugin, 'ui', 'locales'), { recursive: true });
    writeFileSync(join(plugin, 'ui', 'locales', 'de.json'), '{\n  "Gadgets": "Geräte"\n}\n');
    await buildPluginUi(plugin);
    expect(JSON.parse(readFileSync(join(plugin, 'dist', 'browser', 'locales', 'de.json'), 'utf8'))).to.deep.equal({
      Gadgets: 'Geräte',
    });

    writeFileSync(join(plugin, 'ui', 'locales', 'fr.json'), '{ "Gadgets": ["Gadgets"] }');
    let failure: unknown;
    await buildPluginUi(plugin).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/locales\/fr\.json: Gadgets is no string/);
    writeFileSync(join(plugin, 'ui', 'locales', 'fr.json'), '{ "Gadgets": ');
    failure = undefined;
    await buildPluginUi(plugin).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/locales\/fr\.json: .*JSON/);
    // The served folder is the last good build's.
    expect(readdirSync(join(plugin, 'dist', 'browser', 'locales'))).to.deep.equal(['de.json']);
  });
});
