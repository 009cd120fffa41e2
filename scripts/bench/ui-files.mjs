// The web app's built files for `npm run bench:ui`: which of them make up the shell, and their gzipped sizes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped size in bytes of a built file (default compression level, as a server or CDN would send it). */
export function gzippedSize(file) {
  return gzipSync(readFileSync(file)).length;
}

/** The JS and CSS files a page of `dir` (ui/build) names: script src, stylesheets and module preloads of index.html. */
function pageFiles(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const found = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!url || /^[a-z]+:/i.test(url)) continue;
    if (tag.startsWith('<script') || rel === 'stylesheet' || rel === 'modulepreload')
      found.push(url.replace(/^\//, ''));
  }
  return found;
}

/** Files a built JS or CSS file loads statically: `import … from './x.js'`, `import './x.js'`, CSS `@import`. */
function staticImports(dir, file) {
  const text = readFileSync(join(dir, file), 'utf8');
  const specifiers = file.endsWith('.css')
    ? [...text.matchAll(/@import\s+(?:url\()?["']?([^"')\s]+)/g)].map((m) => m[1])
    : [...text.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
  return specifiers
    .filter((s) => s.startsWith('.') || s.startsWith('/'))
    .map((s) => (s.startsWith('/') ? s.slice(1) : posix.join(posix.dirname(file), s)))
    .filter((f) => existsSync(join(dir, f)));
}

/**
 * The shell: what index.html loads and everything those files import statically, plus `alsoLoaded` (files of the
 * build a browser was seen loading before any plugin chunk). The other JS files of the build are chunks loaded per
 * page. Sizes gzipped, in bytes.
 */
export function shellFiles(dir, alsoLoaded = []) {
  const shell = new Set();
  const visit = (file) => {
    if (shell.has(file) || !existsSync(join(dir, file))) return;
    shell.add(file);
    for (const imported of staticImports(dir, file)) visit(imported);
  };
  for (const file of [...pageFiles(dir), ...alsoLoaded]) visit(file);
  const assets = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const size = (file) => ({ file, bytes: gzippedSize(join(dir, file)) });
  return {
    shell: [...shell].map(size),
    lazy: assets.filter((f) => !shell.has(f)).map(size),
  };
}

/** Each plugin's browser bundle (plugins/<id>/dist/browser): its JS files, gzipped bytes. */
export function pluginBundles(root) {
  const plugins = join(root, 'plugins');
  return readdirSync(plugins)
    .map((id) => ({ id, dir: join(plugins, id, 'dist', 'browser') }))
    .filter(({ dir }) => existsSync(dir))
    .map(({ id, dir }) => {
      const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.js'));
      return { id, files: files.length, bytes: files.reduce((sum, f) => sum + gzippedSize(join(dir, f)), 0) };
    });
}
