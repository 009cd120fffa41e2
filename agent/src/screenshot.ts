import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScreenshotParams } from './protocol.js';

function run(command: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024, timeout: 20_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

/** Width and height from a JPEG's start-of-frame marker. */
export function jpegSize(data: Buffer): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1]!;
    const length = data.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

function asScreenshot(data: Buffer): ScreenshotParams {
  const size = jpegSize(data);
  if (!size) return { unavailable: 'the screenshot tool did not produce a JPEG image' };
  return {
    mime: 'image/jpeg',
    data: data.toString('base64'),
    width: size.width,
    height: size.height,
    takenAt: new Date().toISOString(),
  };
}

/** Whether this machine has a display to capture. */
export function hasDisplay(env = process.env): boolean {
  if (process.platform === 'linux') return Boolean(env.DISPLAY);
  return process.platform === 'darwin';
}

/**
 * The screen, as a JPEG at most 1280 pixels wide. Under X11 ImageMagick's `import`
 * reads the root window; macOS has `screencapture`. A machine without a display (or
 * without the tool) answers why, which the dashboard shows instead of an image.
 */
export async function captureScreen(env = process.env): Promise<ScreenshotParams> {
  if (!hasDisplay(env)) return { unavailable: 'This device has no display to capture (no graphical session).' };
  try {
    if (process.platform === 'linux') {
      return asScreenshot(
        await run('import', [
          '-silent',
          '-display',
          env.DISPLAY!,
          '-window',
          'root',
          '-resize',
          '1280x1280>',
          '-quality',
          '70',
          'jpeg:-',
        ]),
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'outpost-shot-'));
    try {
      const file = join(dir, 'screen.jpg');
      await run('screencapture', ['-x', '-t', 'jpg', file]);
      await run('sips', ['--resampleWidth', '1280', file]).catch(() => undefined);
      return asScreenshot(await readFile(file));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      unavailable: missing
        ? 'No screenshot tool: install ImageMagick (apt-get install imagemagick).'
        : `The screenshot failed: ${(error as Error).message.split('\n')[0]}`,
    };
  }
}
