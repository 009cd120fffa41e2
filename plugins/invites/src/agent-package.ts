import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { agentBinPath } from '@outpost/agent';
import { pack } from 'tar-stream';

interface PackedFile {
  path: string;
  name: string;
  mode: number;
}

const root = 'outpost-agent';

/** Starts the agent from the unpacked folder, keeping its credential there too. */
const startScript = `#!/bin/sh
# Starts the Outpost agent from this folder. On first start it enrolls with the invite
# baked into outpost-agent.json; the credential is kept in ./agent.json (mode 0600).
# Needs Node.js 20 or newer. To run it as a service instead: sudo sh packaging/install.sh
cd "$(dirname "$0")" || exit 1
if ! command -v node >/dev/null; then echo "Node.js 20 or newer is needed (for example: apt-get install nodejs)" >&2; exit 1; fi
exec node bin/outpost-agent.js run --state "\${OUTPOST_AGENT_STATE:-./agent.json}" --config ./outpost-agent.json
`;

/**
 * The agent as a downloadable tar.gz: its program, its runtime dependencies, the
 * service files, and a per-download `outpost-agent.json` with the server and the invite
 * code, so that `./outpost-agent/start.sh` enrolls with no further input.
 */
export class AgentPackage {
  private files: PackedFile[] | undefined;
  private readonly agentDir = dirname(dirname(agentBinPath));

  /** The archive for one invite, streamed. */
  stream(config: { server: string; code: string }): Readable {
    const archive = pack();
    const gzip = createGzip();
    // A download the client abandons ends the gzip stream, and through it the archive: its
    // error has nobody else to go to (unhandled, it would end the process).
    archive.on('error', (error) => gzip.destroy(error));
    const files = (this.files ??= this.collect());
    void (async () => {
      try {
        for (const file of files) {
          const content = readFileSync(file.path);
          await entry(archive, { name: `${root}/${file.name}`, mode: file.mode, size: content.length }, content);
        }
        await entry(
          archive,
          { name: `${root}/outpost-agent.json`, mode: 0o644 },
          Buffer.from(`${JSON.stringify(config, null, 2)}\n`),
        );
        await entry(archive, { name: `${root}/start.sh`, mode: 0o755 }, Buffer.from(startScript));
        archive.finalize();
      } catch (error) {
        archive.destroy(error as Error);
      }
    })();
    return archive.pipe(gzip);
  }

  private collect(): PackedFile[] {
    const files: PackedFile[] = [];
    const add = (dir: string, prefix: string, keep: (name: string) => boolean) => {
      for (const path of walk(dir)) {
        const name = relative(dir, path);
        if (keep(name)) files.push({ path, name: `${prefix}${name}`, mode: statSync(path).mode & 0o777 });
      }
    };
    for (const file of ['package.json', 'README.md'])
      files.push({ path: join(this.agentDir, file), name: file, mode: 0o644 });
    add(join(this.agentDir, 'bin'), 'bin/', () => true);
    add(join(this.agentDir, 'dist', 'src'), 'dist/src/', (name) => name.endsWith('.js'));
    add(join(this.agentDir, 'packaging'), 'packaging/', () => true);
    for (const [name, dir] of dependencyClosure(this.agentDir)) {
      add(dir, `node_modules/${name}/`, (file) => !/\.(md|map|ts)$/.test(file));
    }
    return files;
  }
}

function entry(
  archive: ReturnType<typeof pack>,
  header: { name: string; mode: number; size?: number },
  content: Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const sink = archive.entry({ ...header, size: content.length, mtime: new Date(0) }, content, (error) =>
      error ? reject(error) : resolve(),
    );
    // The callback gets the error of an entry cut short (the download was abandoned); unheard, the entry's own event would end the process.
    sink.on('error', () => {});
  });
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** The packages the agent needs at run time, found the way Node resolves them (nearest node_modules up the tree). */
function dependencyClosure(from: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (packageDir: string) => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (found.has(name)) continue;
      const dir = locate(packageDir, name);
      if (!dir) throw new Error(`the agent package needs ${name}, which is not installed`);
      found.set(name, dir);
      visit(dir);
    }
  };
  visit(from);
  return found;
}

function locate(start: string, name: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
