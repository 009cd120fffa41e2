import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../helpers/processes.js';

const checker = join(repoRoot, 'scripts/check-plugin-styles.mjs');
const check = (root?: string) =>
  spawnSync(process.execPath, root ? [checker, root] : [checker], { encoding: 'utf8', cwd: repoRoot });

const color = 'use a --wa-color-* token (or a documented --outpost-* one)';
const length =
  'use a --wa-space-*, --wa-font-size-*, --wa-border-* or --wa-border-radius-* token (or %, fr, ch, vw, calc() over tokens)';

describe('lint: plugin styles use the UI kit tokens only', function () {
  let fixture: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };
  beforeEach(() => (fixture = mkdtempSync(join(tmpdir(), 'outpost-plugin-styles-'))));
  afterEach(() => rmSync(fixture, { recursive: true, force: true }));

  it('passes on this repository', () => {
    const result = check();
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
  });

  it('names the file and line of each color literal and hard-coded length in css`` and style=', () => {
    write(
      'plugins/nosy/ui/page.ts',
      [
        "import { css, html, styleMap } from '@outpost/ui-sdk';",
        'export const styles = css`',
        '  .card { padding: 0.5rem 1rem; color: #1d4ed8; }',
        '  .note { background: rgb(0 0 0 / 0.1); border: 1px solid white; }',
        '  @media (max-width: 640px) { .card { gap: var(--wa-space-s, 4px); } }',
        '  /* color: red; 3px in a comment */',
        '  ${css`.nested { font-size: 12px; }`}',
        '`;',
        'export const view = (width: string) =>',
        '  html`<p style="margin: 2em"></p><div style=${styleMap({ width, height: \'10px\' })}></div>`;',
        '',
      ].join('\n'),
    );
    // Not a browser module: the lint reads plugins/*/ui only.
    write('plugins/nosy/src/page.ts', 'export const page = `<style>p { color: red; }</style>`;\n');

    const result = check(fixture);
    expect(result.status).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.deep.equal([
      `plugin-styles: plugins/nosy/ui/page.ts:3: hard-coded length 0.5rem; ${length}`,
      `plugin-styles: plugins/nosy/ui/page.ts:3: hard-coded length 1rem; ${length}`,
      `plugin-styles: plugins/nosy/ui/page.ts:3: color literal #1d4ed8; ${color}`,
      `plugin-styles: plugins/nosy/ui/page.ts:4: color literal rgb(0 0 0 / 0.1); ${color}`,
      `plugin-styles: plugins/nosy/ui/page.ts:4: hard-coded length 1px; ${length}`,
      `plugin-styles: plugins/nosy/ui/page.ts:4: color literal white; ${color}`,
      `plugin-styles: plugins/nosy/ui/page.ts:5: hard-coded length 4px; ${length}`,
      `plugin-styles: plugins/nosy/ui/page.ts:7: hard-coded length 12px; ${length}`,
      `plugin-styles: plugins/nosy/ui/page.ts:10: hard-coded length 2em; ${length}`,
      `plugin-styles: plugins/nosy/ui/page.ts:10: hard-coded length 10px; ${length}`,
    ]);
  });

  it('passes styles on tokens, with %, fr, ch, vw, calc() and keywords, and a media query breakpoint', () => {
    write(
      'plugins/nosy/ui/page.ts',
      [
        "import { css, html, styleMap } from '@outpost/ui-sdk';",
        'export const styles = css`',
        '  :host { display: block; color: var(--wa-color-text-normal); border-color: transparent; }',
        '  .grid { grid-template-columns: repeat(auto-fit, minmax(min(100%, 30ch), 1fr)); gap: var(--wa-space-m) 0; }',
        '  .ring { width: calc(var(--wa-space-4xl) * 2); max-height: 50vh; fill: currentColor; }',
        '  @media (max-width: 640px) { .grid { grid-template-columns: 1fr; } }',
        '  #red-team, .white-label { outline: none; }',
        '`;',
        "export const view = (width: string) => html`<div style=${styleMap({ width, '--brand': 'var(--wa-color-brand-fill-loud)' })}></div>`;",
        '',
      ].join('\n'),
    );
    const result = check(fixture);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
  });
});
