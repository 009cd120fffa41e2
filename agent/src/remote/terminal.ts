// The `terminal` tunnel target: a login shell in a pty, as the user the device's remote
// settings name (`options.user`; empty: the user the agent runs as). Pty output goes to the
// browser as binary messages, keystrokes come back the same way; `resize` arrives as a
// control message.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Duplex } from 'node:stream';
import type { IPty } from 'node-pty';
import { type OpenedTarget, type TunnelControl, registerTarget } from './targets.js';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

const userName = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/;
const noLogin = /(nologin|\/false)$/;

/** The passwd entry of a user (through NSS, so directory users count too). */
export function lookUpAccount(name: string): Promise<Account | undefined> {
  return new Promise((resolve, reject) => {
    execFile('getent', ['passwd', name], { timeout: 10_000 }, (error, stdout) => {
      if (error && (error as { code?: unknown }).code === 2) return resolve(undefined);
      if (error) return reject(new Error(`cannot look up the user ${name}: ${error.message}`));
      const [login, , uid, gid, , home, shell] = stdout.trim().split('\n')[0]!.split(':');
      if (!login || uid === undefined || gid === undefined) return resolve(undefined);
      resolve({ name: login, uid: Number(uid), gid: Number(gid), home: home || '/', shell: shell || '/bin/sh' });
    });
  });
}

export interface ShellPlan {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  account: Account;
}

/**
 * How to start the login shell for `requested` (empty: the agent's own user). The agent's own
 * environment is not passed on (it may hold the agent's settings); a different user needs an
 * agent running as root, and `runuser -l` (Linux) or `su -l` then sets up their session, groups
 * and environment the way a console login does.
 */
export async function planShell(requested: string | undefined): Promise<ShellPlan> {
  const self = userInfo();
  const name = requested?.trim() || self.username;
  if (!userName.test(name)) throw new Error(`"${name.slice(0, 40)}" is not a valid user name`);
  const account = await lookUpAccount(name);
  if (!account) throw new Error(`there is no user ${name} on this device`);
  if (noLogin.test(account.shell)) throw new Error(`the user ${name} has no login shell (${account.shell})`);
  const env: Record<string, string> = {
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: process.env.LANG || 'C.UTF-8',
    HOME: account.home,
    USER: account.name,
    LOGNAME: account.name,
    SHELL: account.shell,
    PATH:
      account.uid === 0
        ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
        : '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games',
  };
  const cwd = existsSync(account.home) ? account.home : '/';
  if (account.uid === self.uid) return { file: account.shell, args: ['-l'], env, cwd, account };
  if (process.getuid?.() !== 0)
    throw new Error(
      `the agent runs as ${self.username} and cannot open a shell as ${name}; ` +
        `run the agent as root or name ${self.username} in the device's remote settings`,
    );
  if (process.platform === 'linux' && existsSync('/usr/sbin/runuser'))
    return { file: '/usr/sbin/runuser', args: ['-l', name], env, cwd, account };
  return { file: 'su', args: ['-l', name], env, cwd, account };
}

const clampSize = (value: unknown, fallback: number) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000 ? (value as number) : fallback;

type PtyModule = typeof import('node-pty');
let ptyModule: Promise<PtyModule> | undefined;

/** node-pty is native: loaded on first use, so an agent whose build lacks it still runs everything else. */
function loadPty(): Promise<PtyModule> {
  ptyModule ??= import('node-pty').then((m) => ((m as { default?: PtyModule }).default ?? m) as PtyModule);
  return ptyModule.catch((error: Error) => {
    ptyModule = undefined;
    throw new Error(`the terminal is not available on this agent (node-pty does not load: ${error.message})`);
  });
}

export async function openTerminal(options: Record<string, unknown>, control: TunnelControl): Promise<OpenedTarget> {
  const plan = await planShell(typeof options.user === 'string' ? options.user : undefined);
  const { spawn } = await loadPty();
  const pty: IPty = spawn(plan.file, plan.args, {
    name: 'xterm-256color',
    cols: clampSize(options.cols, 80),
    rows: clampSize(options.rows, 24),
    cwd: plan.cwd,
    env: plan.env,
    // Raw bytes both ways: the browser's terminal decodes UTF-8 itself.
    encoding: null,
  });
  let closed = false;
  const stream = new Duplex({
    read() {
      pty.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (!closed) pty.write(chunk as unknown as string);
      callback();
    },
    final(callback) {
      callback();
    },
  });
  pty.onData((data: string | Buffer) => {
    if (closed) return;
    if (!stream.push(typeof data === 'string' ? Buffer.from(data) : data)) pty.pause();
  });
  pty.onExit(({ exitCode, signal }) => {
    if (closed) return;
    closed = true;
    control.send({ type: 'exit', code: exitCode, signal: signal ?? 0 });
    stream.push(null);
  });
  control.send({ type: 'ready', user: plan.account.name, shell: plan.account.shell });
  return {
    stream,
    onControl(message) {
      if (message.type === 'resize' && !closed)
        pty.resize(clampSize(message.cols, pty.cols), clampSize(message.rows, pty.rows));
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        pty.kill('SIGHUP');
      } catch {
        // Already gone.
      }
      stream.push(null);
    },
  };
}

registerTarget('terminal', (options, control) => openTerminal(options, control));
