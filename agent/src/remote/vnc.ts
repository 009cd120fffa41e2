// The `vnc` tunnel target (Web Connect): the device's screen as an RFB byte stream.
//
// Linux: a private x11vnc for this one session, listening on a random loopback port only, with a
// random password that exists for the session alone (x11vnc reads it from a file it deletes at once,
// and takes one client, then exits). The password reaches the viewer as the tunnel's `auth` control
// message, so another local user who finds the port cannot use it. While the session lasts, a notice on
// the display tells the person at the device who is connected. The clipboard crosses as `clipboard`
// control messages both ways (xclip on the device), after a `features` message says so.
//
// macOS and Windows ship no x11vnc: the agent uses the system's VNC service on loopback when the
// agent's configuration names its port (OUTPOST_AGENT_VNC_PORT), and says plainly what to set up when not.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenedTarget, type TunnelControl, type TunnelTarget, registerTarget } from './targets.js';

/** Where the target runs: the real machine unless a test says otherwise. */
export interface VncEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** What goes wrong that the technician can act on: the viewer shows the message as it is. */
export class VncUnavailable extends Error {}

const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Classic VNC authentication uses the first 8 characters of a password: all 8 random. */
export function oneTimePassword(): string {
  let password = '';
  for (let i = 0; i < 8; i += 1) password += passwordAlphabet[randomInt(passwordAlphabet.length)];
  return password;
}

/** A port nothing listens on at this moment, on loopback. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function connectLoopback(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** The person at the device sees who is connected, for as long as the session lasts. */
export function noticeText(technician: string): string {
  const name =
    technician
      .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
      .trim()
      .slice(0, 120) || 'A technician';
  return `Outpost remote session: ${name} is viewing and can control this screen.`;
}

/** Shows the notice in the top right corner (xmessage, kept above other windows when a window manager runs). */
function showNotice(display: string, env: NodeJS.ProcessEnv, technician: string): ChildProcess | undefined {
  const title = 'Outpost remote session';
  const notice = spawn(
    'xmessage',
    ['-display', display, '-title', title, '-geometry', '-0+0', '-buttons', '', noticeText(technician)],
    { env, stdio: 'ignore' },
  );
  notice.on('error', () => undefined);
  // Without a window manager wmctrl has nothing to ask and fails; the notice is on top anyway then.
  notice.once('spawn', () =>
    setTimeout(() => {
      if (notice.exitCode !== null) return;
      const raise = spawn('wmctrl', ['-r', title, '-b', 'add,above,sticky'], {
        env: { ...env, DISPLAY: display },
        stdio: 'ignore',
      });
      raise.on('error', () => undefined);
    }, 500),
  );
  return notice;
}

/** Starts x11vnc for one client on a random loopback port; resolves once it listens. */
async function startX11vnc(
  display: string,
  env: NodeJS.ProcessEnv,
  passwordFile: string,
): Promise<{ process: ChildProcess; port: number }> {
  const port = await freeLoopbackPort();
  const args = [
    '-display',
    display,
    '-localhost',
    '-rfbport',
    String(port),
    // rm: x11vnc deletes the file as soon as it has read the password.
    '-passwdfile',
    `rm:${passwordFile}`,
    // One viewer, then exit; give up when none comes within 30 s.
    '-once',
    '-timeout',
    '30',
    '-nevershared',
    '-norc',
    '-noxdamage',
    // The agent carries the clipboard itself (below): x11vnc 0.9.16 neither served nor noticed the
    // CLIPBOARD selection here (it kept the viewer's text in CUT_BUFFER0 only).
    '-nosel',
  ];
  const child = spawn('x11vnc', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new VncUnavailable(`x11vnc did not start within 20 s: ${lastLine(output)}`));
    }, 20_000);
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (new RegExp(`^PORT=${port}$`, 'm').test(output)) {
        clearTimeout(timer);
        resolve({ process: child, port });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new VncUnavailable(
              'x11vnc is not installed on this device: install it (apt-get install x11vnc) and connect again.',
            )
          : error,
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new VncUnavailable(`x11vnc stopped (exit ${code}): ${lastLine(output)}`));
    });
  });
}

/** SIGTERM, then SIGKILL: x11vnc whose display went away hangs in its clean-up and ignores SIGTERM. */
function stopProcess(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  timer.unref();
  child.once('exit', () => clearTimeout(timer));
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.filter((l) => /error|unable|cannot|fail/i.test(l)).at(-1) ?? lines.at(-1) ?? 'no output';
}

const maxClipboard = 256 * 1024;

/**
 * The device's CLIPBOARD both ways through xclip: text from the viewer (a `clipboard` control message) becomes
 * the clipboard's content, and what someone copies on the device goes to the viewer, checked every second.
 */
class X11Clipboard {
  private last: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private reading = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly control: TunnelControl,
  ) {}

  /** Whether xclip runs here; without it the viewer says the clipboard is not available. */
  static available(env: NodeJS.ProcessEnv): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = spawn('xclip', ['-version'], { env, stdio: 'ignore' });
      probe.once('error', () => resolve(false));
      probe.once('exit', (code) => resolve(code === 0));
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), 1000);
  }

  set(text: string): void {
    const value = text.slice(0, maxClipboard);
    this.last = value;
    // xclip serves the selection from the background until someone else copies something.
    const xclip = spawn('xclip', ['-i', '-selection', 'clipboard'], {
      env: this.env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    xclip.on('error', () => undefined);
    xclip.stdin.on('error', () => undefined);
    xclip.stdin.end(value);
  }

  private poll(): Promise<void> {
    if (this.reading) return Promise.resolve();
    this.reading = true;
    return new Promise((resolve) => {
      const xclip = spawn('xclip', ['-o', '-selection', 'clipboard'], {
        env: this.env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let text = '';
      let size = 0;
      xclip.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxClipboard) text += chunk.toString();
      });
      const timer = setTimeout(() => xclip.kill(), 5000);
      const done = (code: number | null) => {
        clearTimeout(timer);
        this.reading = false;
        // Nobody owning the clipboard (exit 1) is no change.
        if (code === 0 && size <= maxClipboard && text !== this.last) {
          const first = this.last === undefined;
          this.last = text;
          if (!first || text) this.control.send({ type: 'clipboard', text });
        }
        resolve();
      };
      xclip.once('error', () => done(null));
      xclip.once('exit', done);
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

async function openX11(
  vnc: VncEnvironment,
  control: TunnelControl,
  who: { technician: string },
): Promise<OpenedTarget> {
  const display = vnc.env.DISPLAY;
  if (!display)
    throw new VncUnavailable(
      'This device has no graphical session to show: the agent runs without a DISPLAY (give its service the session’s DISPLAY and XAUTHORITY).',
    );
  const dir = await mkdtemp(join(tmpdir(), 'outpost-vnc-'));
  const password = oneTimePassword();
  const passwordFile = join(dir, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  let server: { process: ChildProcess; port: number };
  try {
    server = await startX11vnc(display, vnc.env, passwordFile);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let stream: Socket;
  try {
    stream = await connectLoopback(server.port);
  } catch (error) {
    stopProcess(server.process);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  // The file is gone once x11vnc has read it; the folder goes too.
  void rm(dir, { recursive: true, force: true });
  const notice = showNotice(display, vnc.env, who.technician);
  control.send({ type: 'auth', password });
  const env = { ...vnc.env, DISPLAY: display };
  const clipboard = (await X11Clipboard.available(env)) ? new X11Clipboard(env, control) : undefined;
  control.send({ type: 'features', clipboard: clipboard ? 'control' : 'none' });
  clipboard?.start();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clipboard?.stop();
    stream.destroy();
    notice?.kill();
    stopProcess(server.process);
  };
  server.process.once('exit', close);
  stream.once('close', close);
  return {
    stream,
    close,
    onControl(message) {
      if (message.type === 'clipboard' && typeof message.text === 'string') clipboard?.set(message.text);
    },
  };
}

async function openSystemService(vnc: VncEnvironment, control: TunnelControl): Promise<OpenedTarget> {
  const port = Number(vnc.env.OUTPOST_AGENT_VNC_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new VncUnavailable(
      vnc.platform === 'darwin'
        ? 'Web Connect needs the Mac’s own VNC service, and none is configured: turn on Screen Sharing (System Settings → General → Sharing), set “VNC viewers may control screen with password”, then give the agent OUTPOST_AGENT_VNC_PORT=5900 (and OUTPOST_AGENT_VNC_PASSWORD) and restart it.'
        : 'Web Connect needs a VNC server on this Windows device, and none is configured: install one (TightVNC, UltraVNC or TigerVNC) listening on localhost, then give the agent OUTPOST_AGENT_VNC_PORT (and OUTPOST_AGENT_VNC_PASSWORD) and restart it.',
    );
  }
  let stream: Socket;
  try {
    stream = await connectLoopback(port);
  } catch {
    throw new VncUnavailable(
      `No VNC service answers on port ${port} of this device (OUTPOST_AGENT_VNC_PORT): start it, or correct the port.`,
    );
  }
  // Without a configured password the viewer asks the technician for the service's own.
  if (vnc.env.OUTPOST_AGENT_VNC_PASSWORD) control.send({ type: 'auth', password: vnc.env.OUTPOST_AGENT_VNC_PASSWORD });
  return { stream, close: () => stream.destroy() };
}

/** Opens the device's screen for one Web Connect session. */
export function openVnc(
  control: TunnelControl,
  who: { technician: string },
  vnc: VncEnvironment = { platform: process.platform, env: process.env },
): Promise<OpenedTarget> {
  // A VNC service the agent's configuration names wins on any system (a Wayland desktop's own, say).
  if (vnc.env.OUTPOST_AGENT_VNC_PORT || (vnc.platform !== 'linux' && vnc.platform !== 'freebsd'))
    return openSystemService(vnc, control);
  return openX11(vnc, control, who);
}

/** The target the tunnel registry knows as `vnc`. */
export const vncTarget: TunnelTarget = (_options, control, who) => openVnc(control, who);

registerTarget('vnc', vncTarget);
