// Runs every compiled test file with mocha; writes {passes, failures} to the file named first.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { pluginFolders } from './plugin-folders.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const [statsFile, ...rest] = process.argv.slice(2);
const grep = rest[0] === '--grep' ? rest[1] : undefined;

function testFiles(dir) {
  let out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(testFiles(path));
    else if (entry.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const testRoots = [join(root, 'core/dist/test'), join(root, 'agent/dist/test'), join(root, 'test/dist')];
for (const plugin of pluginFolders(root)) testRoots.push(join(plugin, 'dist/test'));

const mocha = new Mocha({ reporter: 'spec', timeout: 30_000, slow: 2_000, grep });
for (const dir of testRoots) {
  try {
    for (const file of testFiles(dir).sort()) mocha.addFile(file);
  } catch {
    // A package without compiled tests.
  }
}
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  writeFileSync(statsFile, JSON.stringify({ passes: runner.stats?.passes ?? 0, failures }));
  process.exit(failures > 0 ? 1 : 0);
});
