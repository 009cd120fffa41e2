import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. `:93`. */
  display: string;
  /** Shows a window with this text on the display (xmessage), so screenshots have something in them. */
  showWindow(text: string): ChildProcess;
  stop(): Promise<void>;
}

/** Starts Debian's Xvfb on a free display number (Xvfb picks it and tells us through -displayfd). */
export async function startXvfb(): Promise<VirtualDisplay> {
  if (!existsSync('/usr/bin/Xvfb'))
    throw new Error(
      'this test needs Xvfb: run scripts/ensure-agent-tools.sh as root (apt-get install xvfb imagemagick x11-utils)',
    );
  const xvfb = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start within 10 s')), 10_000);
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  const windows: ChildProcess[] = [];
  return {
    display,
    showWindow(text) {
      const window = spawn('xmessage', ['-center', '-geometry', '640x240', text], {
        env: { ...process.env, DISPLAY: display },
        stdio: 'ignore',
      });
      windows.push(window);
      return window;
    },
    async stop() {
      for (const window of windows) window.kill();
      xvfb.kill();
      await new Promise((resolve) => (xvfb.exitCode !== null ? resolve(undefined) : xvfb.once('exit', resolve)));
    },
  };
}
