// Bundles the compiled shell (ui/dist, from tsc -b) into ui/build: hashed chunks,
// index.html pointing at the entry, the web app manifest, icons and a service worker
// that caches exactly the files of this build.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const publicDir = new URL('./public/', import.meta.url).pathname;

function shellFiles() {
  return {
    name: 'outpost-shell-files',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      for (const name of readdirSync(publicDir)) {
        let source = readFileSync(join(publicDir, name));
        if (name === 'index.html') source = source.toString('utf8').replace('%ENTRY%', `/${entry.fileName}`);
        if (name === 'sw.js') {
          const chunks = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
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
  plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } }), shellFiles()],
};
