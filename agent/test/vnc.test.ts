import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { VncUnavailable, noticeText, openVnc, oneTimePassword } from '../src/remote/vnc.js';
import type { ControlMessage } from '../src/remote/targets.js';

async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The command lines of this test's child processes running a program (other tests may run their own). */
function processesOn(display: string, program: string): string[] {
  return execFileSync('ps', ['-eo', 'ppid=,args='])
    .toString()
    .split('\n')
    .map((line) => /^\s*(\d+) (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => Boolean(m) && Number(m![1]) === process.pid && m![2]!.startsWith(program))
    .map((m) => m[2]!)
    .filter((args) => args.includes(`-display ${display} `));
}

function x(display: string, command: string, args: string[]): string {
  try {
    return execFileSync(command, args, {
      env: { ...process.env, DISPLAY: display },
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
  } catch {
    return '';
  }
}

describe('agent: the vnc target (Web Connect)', function () {
  this.timeout(60_000);

  it('says plainly what to set up on macOS and Windows without a configured VNC service, and on Linux without a display', async () => {
    const control = { send: () => undefined };
    const who = { technician: 'Tess' };
    const mac = await openVnc(control, who, { platform: 'darwin', env: {} }).catch((e: Error) => e);
    expect(mac).to.be.instanceOf(VncUnavailable);
    expect((mac as Error).message).to.match(/Screen Sharing.*OUTPOST_AGENT_VNC_PORT/);
    const windows = await openVnc(control, who, { platform: 'win32', env: {} }).catch((e: Error) => e);
    expect((windows as Error).message).to.match(/VNC server on this Windows device.*OUTPOST_AGENT_VNC_PORT/);
    const nothing = await openVnc(control, who, { platform: 'win32', env: { OUTPOST_AGENT_VNC_PORT: '1' } }).catch(
      (e: Error) => e,
    );
    expect((nothing as Error).message).to.equal(
      'No VNC service answers on port 1 of this device (OUTPOST_AGENT_VNC_PORT): start it, or correct the port.',
    );
    const headless = await openVnc(control, who, { platform: 'linux', env: {} }).catch((e: Error) => e);
    expect((headless as Error).message).to.match(/no graphical session/);
  });

  it('makes one-time passwords of 8 random characters, and a notice that names the technician', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => oneTimePassword()));
    expect(passwords.size).to.equal(200);
    for (const password of passwords) expect(password).to.match(/^[A-Za-z0-9]{8}$/);
    expect(noticeText('Ada Lovelace')).to.equal(
      'Outpost remote session: Ada Lovelace is viewing and can control this screen.',
    );
    expect(noticeText('\u202eevil\nname')).to.equal(
      'Outpost remote session: evil name is viewing and can control this screen.',
    );
  });

  describe('under Xvfb, with x11vnc', () => {
    let xvfb: ChildProcess;
    let display = '';

    before(async function () {
      for (const tool of ['/usr/bin/Xvfb', '/usr/bin/x11vnc', '/usr/bin/xclip', '/usr/bin/xdotool'])
        if (!existsSync(tool)) throw new Error(`${tool} is missing: run scripts/ensure-agent-tools.sh as root`);
      xvfb = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '800x600x24', '-nolisten', 'tcp'], {
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      });
      display = await new Promise<string>((resolve) => {
        let text = '';
        (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('\n')) resolve(`:${text.trim()}`);
        });
      });
    });
    after(() => xvfb?.kill());

    it('serves the screen on loopback with a one-time password, shows the notice, carries the clipboard both ways and cleans up', async () => {
      const sent: ControlMessage[] = [];
      const target = await openVnc(
        { send: (message) => sent.push(message) },
        { technician: 'Tess Tech' },
        { platform: 'linux', env: { ...process.env, DISPLAY: display } },
      );
      const greeting = await new Promise<string>((resolve) =>
        target.stream.once('data', (d: Buffer) => resolve(d.toString())),
      );
      expect(greeting).to.equal('RFB 003.008\n');
      const auth = sent.find((m) => m.type === 'auth');
      expect(auth?.password).to.match(/^[A-Za-z0-9]{8}$/);
      expect(sent.find((m) => m.type === 'features')).to.deep.equal({ type: 'features', clipboard: 'control' });

      // Listening on loopback only: every socket on its port, IPv4 and IPv6, is bound to 127.0.0.1 or ::1.
      const x11vnc = processesOn(display, 'x11vnc').join('\n');
      const port = Number(/-rfbport (\d+)/.exec(x11vnc)?.[1]);
      expect(x11vnc).to.include('-localhost');
      const listening = ['/proc/net/tcp', '/proc/net/tcp6']
        .flatMap((file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(1) : []))
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[3] === '0A' && parseInt(fields[1]!.split(':')[1]!, 16) === port)
        .map((fields) => fields[1]!.split(':')[0]);
      expect(listening.length).to.be.greaterThan(0);
      for (const address of listening) expect(['0100007F', '00000000000000000000000001000000']).to.include(address);
      const passwordFile = /-passwdfile rm:(\S+)/.exec(x11vnc)![1]!;
      expect(existsSync(passwordFile), 'x11vnc deleted the password file once read').to.equal(false);

      await until(() => x(display, 'xdotool', ['search', '--name', 'Outpost remote session']).trim(), 'the notice');
      expect(processesOn(display, 'xmessage').join('\n')).to.include(noticeText('Tess Tech'));

      target.onControl!({ type: 'clipboard', text: 'from the viewer' });
      await until(
        () => x(display, 'xclip', ['-o', '-selection', 'clipboard']) === 'from the viewer',
        'the device clipboard',
      );
      const owner = spawn('xclip', ['-quiet', '-i', '-selection', 'clipboard'], {
        env: { ...process.env, DISPLAY: display },
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      owner.stdin.end('copied on the device');
      await until(
        () => sent.find((m) => m.type === 'clipboard' && m.text === 'copied on the device'),
        'the device clipboard in a control message',
      );
      // What the viewer sent is not echoed back.
      expect(sent.filter((m) => m.type === 'clipboard').map((m) => m.text)).to.deep.equal(['copied on the device']);
      owner.kill();

      target.close();
      await until(() => processesOn(display, 'x11vnc').length === 0, 'x11vnc to stop');
      await until(
        () => !x(display, 'xdotool', ['search', '--name', 'Outpost remote session']).trim(),
        'the notice to go',
      );
    });
  });
});
