// Bundles the compiled shell (ui/dist, from tsc -b) into ui/build: hashed chunks,
// index.html pointing at the entry, the web app manifest, icons and a service worker
// that caches exactly the files of this build. Web Awesome comes in here too: its
// components in the chunks, its theme as one stylesheet (webawesome.css), and Lucide's
// SVGs under icons/, all served by Outpost itself (nothing from a CDN).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const require = createRequire(import.meta.url);
const webAwesomeDist = dirname(require.resolve('@awesome.me/webawesome/dist/webawesome.js'));
const lucideIcons = join(dirname(require.resolve('lucide-static/package.json')), 'icons');

/**
 * Lit's styleMap writes a `style` attribute on first render, which the page's
 * Content-Security-Policy refuses; every import of it (the shell's and Web Awesome's)
 * gets the shell's CSSOM version instead.
 */
function cssomStyleMap() {
  const replacement = fileURLToPath(new URL('./dist/directives/style-map.js', import.meta.url));
  return {
    name: 'outpost-cssom-style-map',
    resolveId(source, importer) {
      if (source === 'lit/directives/style-map.js' && importer !== replacement) return replacement;
      return null;
    },
  };
}

/**
 * Web Awesome templates with a literal `style="..."` (refused by the policy). The one
 * known (qr-code's corner-color probe) is rewritten to a styleMap binding; any other
 * fails the build, so an upgrade that adds one is caught here.
 */
function noInlineStyles() {
  const qrProbe = '<span style="color: var(--corner-color);"></span>';
  return {
    name: 'outpost-no-inline-styles',
    transform(code, id) {
      if (!id.startsWith(webAwesomeDist)) return null;
      const fixed = code.replace(qrProbe, '<span style=${styleMap({ color: "var(--corner-color)" })}></span>');
      const literal = /<[a-z][^<>]*\sstyle="[^"$]/.exec(fixed);
      if (literal) this.error(`${id} has a literal style attribute (${literal[0]}), which the page's policy refuses`);
      return fixed === code ? null : { code: fixed, map: null };
    },
  };
}

/** One stylesheet from Web Awesome's webawesome.css: each `@import` inlined once, so the page loads a single file. */
function inlineImports(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/@import url\('([^']+)'\);/g, (_all, path) =>
    inlineImports(resolve(dirname(file), path), seen),
  );
}

/** Checks that every icon Web Awesome's components ask for maps to an SVG this build serves. */
async function checkSystemIcons(context, available) {
  const { systemIcons } = await import('./dist/system-icons.js');
  const { icons } = await import('@awesome.me/webawesome/dist/components/icon/library.system.js');
  const asked = new Set(Object.values(icons).flatMap((variant) => Object.keys(variant)));
  const unmapped = [...asked].filter((name) => !systemIcons[name]);
  const missing = Object.entries(systemIcons).filter(([, lucide]) => !available.has(lucide));
  if (unmapped.length) context.error(`ui/src/system-icons.ts maps no Lucide icon for: ${unmapped.join(', ')}`);
  if (missing.length)
    context.error(`lucide-static has no icon for: ${missing.map(([fa, lucide]) => `${fa} → ${lucide}`).join(', ')}`);
}

function shellFiles() {
  return {
    name: 'outpost-shell-files',
    async generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      this.emitFile({
        type: 'asset',
        fileName: 'webawesome.css',
        source: inlineImports(join(webAwesomeDist, 'styles', 'webawesome.css')),
      });
      const icons = readdirSync(lucideIcons).filter((f) => f.endsWith('.svg'));
      await checkSystemIcons(this, new Set(icons.map((f) => f.slice(0, -4))));
      for (const name of icons)
        this.emitFile({ type: 'asset', fileName: `icons/${name}`, source: readFileSync(join(lucideIcons, name)) });
      for (const name of readdirSync(publicDir)) {
        let source = readFileSync(join(publicDir, name));
        if (name === 'index.html') source = source.toString('utf8').replace('%ENTRY%', `/${entry.fileName}`);
        if (name === 'sw.js') {
          // Icons (about two thousand) are cached as pages use them, not up front.
          const chunks = Object.keys(bundle).filter((f) => !f.endsWith('.map') && !f.startsWith('icons/'));
          const publicFiles = readdirSync(publicDir).filter((f) => f !== 'sw.js' && f !== 'index.html');
          // Cache.addAll refuses a list with the same URL twice.
          const files = [...new Set(['/', ...chunks.map((f) => `/${f}`), ...publicFiles.map((f) => `/${f}`)])];
          source = source
            .toString('utf8')
            .replace('%FILES%', JSON.stringify(files))
            .replace('%VERSION%', entry.fileName.replace(/^assets\/app-|\.js$/g, ''));
        }
        this.emitFile({ type: 'asset', fileName: name, source });
      }
    },
  };
}

export default {
  input: 'dist/main.js',
  output: {
    dir: 'build',
    format: 'es',
    entryFileNames: 'assets/app-[hash].js',
    chunkFileNames: 'assets/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    cssomStyleMap(),
    noInlineStyles(),
    nodeResolve({ browser: true }),
    terser({ format: { comments: false } }),
    shellFiles(),
  ],
};
