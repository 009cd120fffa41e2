// A device's desktop for the Web Connect tests, on an Xvfb display: windows to look at and type into, and
// the X tools (Debian's xdotool, xclip, xev, ImageMagick) that read back what reached it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(display: string, command: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: { ...process.env, DISPLAY: display }, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${command}: ${error.message} ${stderr}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

export interface KeyLog {
  /** The printable text typed into the window so far (what xev's KeyPress events give). */
  text(): string;
  /** Key names pressed so far, in order (Control_L, Alt_L, Delete, ...). */
  keys(): string[];
  /** Root coordinates of each button press on the window. */
  clicks(): Array<{ x: number; y: number }>;
}

export interface Desktop {
  display: string;
  /** A window of xev at this place and size: what it receives is in the log. */
  keyWindow(x: number, y: number, width: number, height: number): KeyLog;
  /** A colourful picture (ImageMagick `display`) at this place, so the screen has something to compare. */
  picture(x: number, y: number): Promise<void>;
  /** The whole screen as raw RGB, 3 bytes a pixel (ImageMagick `import`). */
  screenshot(): Promise<{ width: number; height: number; rgb: Buffer }>;
  /** Where the pointer is (xdotool getmouselocation). */
  pointer(): Promise<{ x: number; y: number }>;
  /** The CLIPBOARD selection's text, or '' when nobody owns it. */
  readClipboard(): Promise<string>;
  /** Owns the CLIPBOARD selection with this text (xclip in the foreground, stopped with the desktop). */
  writeClipboard(text: string): void;
  /** Window ids whose name matches. */
  windows(name: string): Promise<string[]>;
  stop(): void;
}

/** The desktop on a running display. */
export function desktopOn(display: string): Desktop {
  const children: ChildProcess[] = [];
  const env = { ...process.env, DISPLAY: display };
  return {
    display,
    keyWindow(x, y, width, height) {
      const xev = spawn(
        'xev',
        ['-geometry', `${width}x${height}+${x}+${y}`, '-event', 'keyboard', '-event', 'button'],
        {
          env,
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      children.push(xev);
      let output = '';
      xev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const events = () => output.split(/\n(?=\S)/);
      return {
        text: () =>
          events()
            .filter((e) => e.startsWith('KeyPress'))
            .map((e) => /XLookupString gives 1 bytes: \(\w+\) "(.)"/.exec(e)?.[1] ?? '')
            .filter((c) => c >= ' ' && c <= '~')
            .join(''),
        keys: () =>
          events()
            .filter((e) => e.startsWith('KeyPress'))
            .map((e) => /keysym 0x\w+, (\w+)\)/.exec(e)?.[1] ?? '?'),
        clicks: () =>
          events()
            .filter((e) => e.startsWith('ButtonPress'))
            .map((e) => /root:\((-?\d+),(-?\d+)\)/.exec(e))
            .filter((m): m is RegExpExecArray => Boolean(m))
            .map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
      };
    },
    async picture(x, y) {
      const file = join(mkdtempSync(join(tmpdir(), 'outpost-desktop-')), 'picture.png');
      await run(display, 'convert', [
        '-size',
        '360x240',
        'gradient:#d02020-#2040e0',
        '(',
        '-size',
        '360x80',
        'xc:#20c040',
        ')',
        '-gravity',
        'center',
        '-composite',
        file,
      ]);
      const window = spawn('display', ['-geometry', `+${x}+${y}`, '-title', 'Outpost test picture', file], {
        env,
        stdio: 'ignore',
      });
      children.push(window);
    },
    async screenshot() {
      const rgb = await run(display, 'import', ['-silent', '-window', 'root', '-depth', '8', 'rgb:-']);
      const size = (await run(display, 'xdotool', ['getdisplaygeometry'])).toString().trim().split(/\s+/).map(Number);
      return { width: size[0]!, height: size[1]!, rgb };
    },
    async pointer() {
      const text = (await run(display, 'xdotool', ['getmouselocation'])).toString();
      const match = /x:(\d+) y:(\d+)/.exec(text)!;
      return { x: Number(match[1]), y: Number(match[2]) };
    },
    async readClipboard() {
      return (await run(display, 'xclip', ['-o', '-selection', 'clipboard']).catch(() => Buffer.from(''))).toString();
    },
    writeClipboard(text) {
      const xclip = spawn('xclip', ['-quiet', '-i', '-selection', 'clipboard'], {
        env,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      xclip.stdin.end(text);
      children.push(xclip);
    },
    async windows(name) {
      const found = await run(display, 'xdotool', ['search', '--name', name]).catch(() => Buffer.from(''));
      return found.toString().split('\n').filter(Boolean);
    },
    stop() {
      for (const child of children) child.kill();
    },
  };
}

/**
 * Average colour of each cell of a grid over an RGB(A) image: the screen and the viewer's canvas compared
 * through these, as the viewer's JPEG quality changes single pixels a little.
 */
export function cellAverages(
  pixels: Uint8Array | Buffer,
  width: number,
  height: number,
  channels: 3 | 4,
  columns: number,
  rows: number,
): number[] {
  const sums = new Array<number>(columns * rows * 3).fill(0);
  const counts = new Array<number>(columns * rows).fill(0);
  for (let y = 0; y < height; y += 1) {
    const row = Math.min(rows - 1, Math.floor((y * rows) / height));
    for (let x = 0; x < width; x += 1) {
      const cell = row * columns + Math.min(columns - 1, Math.floor((x * columns) / width));
      const at = (y * width + x) * channels;
      sums[cell * 3] += pixels[at]!;
      sums[cell * 3 + 1] += pixels[at + 1]!;
      sums[cell * 3 + 2] += pixels[at + 2]!;
      counts[cell] += 1;
    }
  }
  return sums.map((sum, i) => sum / counts[Math.floor(i / 3)]!);
}
