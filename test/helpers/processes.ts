import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@outpost/core/testing';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const instanceScript = fileURLToPath(new URL('../fixtures/instance.js', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Waits for `Outpost is running at <base URL> (app.baseUrl), listening on <url>` on stdout; answers the listening URL. */
function waitForUrl(child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = () => {
      const match = /Outpost is running at \S+ \(app\.baseUrl\), listening on (\S+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it started:\n${output()}`));
    });
  });
}

function track(child: ChildProcess): { output: () => string; exited: Promise<number | string> } {
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { output: () => text, exited };
}

/** Starts the fixture instance (notes, reminders, work) as its own process. */
export async function spawnInstance(
  name: string,
  database: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<RunningProcess> {
  const port = await freePort();
  const overrides = {
    app: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      dataDir: mkdtempSync(join(tmpdir(), 'outpost-proc-')),
    },
    log: { level: 'warn' },
    database,
    jobs: { pollIntervalMs: 100, leaseMs: 1500 },
    plugins: { notes: { enabled: true }, reminders: { enabled: true }, work: { enabled: true } },
  };
  const child = spawn(process.execPath, ['--enable-source-maps', instanceScript], {
    env: { ...process.env, ...env, OUTPOST_INSTANCE: name, OUTPOST_TEST_OVERRIDES: JSON.stringify(overrides) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = track(child);
  const url = await waitForUrl(child, output);
  return { child, url, output, exited };
}

/** Runs the `outpost` CLI in `cwd`; with `waitForStart`, resolves once it serves. */
export function spawnCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): RunningProcess & { started: Promise<string> } {
  const child = spawn(process.execPath, [join(repoRoot, 'core/bin/outpost.js'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = track(child);
  const started = waitForUrl(child, output);
  started.catch(() => {});
  return { child, url: '', output, exited, started };
}

/** Runs the real agent's CLI (`agent/bin/outpost-agent.js`); its output is kept for failure messages. */
export function runAgent(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(repoRoot, 'agent', 'bin', 'outpost-agent.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

export { until } from '@outpost/core/testing';
