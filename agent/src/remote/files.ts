// The `files` tunnel target: browse the device's folders, download and upload files,
// create folders, rename and delete. Requests and answers are JSON control messages that
// carry the browser's `id`; file bytes travel as binary messages, one transfer at a time,
// streamed both ways with backpressure (nothing holds a whole file in memory).
//
// Every path must be absolute and lie, after symbolic links are resolved, inside the folder
// the agent's own configuration allows (OUTPOST_AGENT_FILES_ROOT, default: the whole file
// system); the server cannot widen it.
import { createHash, randomBytes } from 'node:crypto';
import { type WriteStream, createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, parse, resolve, sep } from 'node:path';
import { Duplex } from 'node:stream';
import { type ControlMessage, type OpenedTarget, type TunnelControl, registerTarget } from './targets.js';
import { lookUpAccount } from './terminal.js';

export interface TransferReport {
  sessionId: string | null;
  path: string;
  name: string;
  /** The file's size in bytes. */
  size: number;
  /** Bytes that crossed before the transfer ended. */
  bytes: number;
  direction: 'upload' | 'download';
  result: 'completed' | 'failed' | 'cancelled';
  error?: string;
}

interface FilesSettings {
  root: string;
  /** Called once per transfer when it ends, whatever the result (the agent sends it to the server's log). */
  report?: (transfer: TransferReport) => Promise<void> | void;
}

const settings: FilesSettings = {
  root: process.env.OUTPOST_AGENT_FILES_ROOT || parse(process.cwd()).root,
};

export function configureFiles(change: Partial<FilesSettings>): void {
  Object.assign(settings, change);
}

export const maxEntries = 5000;
/** How often an upload reports what has reached the disk. */
const progressEvery = 512 * 1024;

export class PathError extends Error {}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The real path behind `value`, refused unless it lies inside the allowed root. `follow`
 * resolves the last component too (listing a linked folder, reading a linked file); without it
 * the entry itself is meant (deleting or renaming a link removes or moves the link).
 */
export async function checkPath(value: unknown, follow: boolean): Promise<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096 || value.includes('\0'))
    throw new PathError('the path is missing or not valid');
  if (!isAbsolute(value)) throw new PathError(`the path must be absolute: ${value}`);
  const root = await realpath(settings.root);
  const absolute = resolve(value);
  let real: string;
  try {
    real = follow ? await realpath(absolute) : join(await realpath(dirname(absolute)), basename(absolute));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PathError(`${value} does not exist`);
    throw error;
  }
  if (!inside(root, real)) throw new PathError(`${value} is outside the folders this agent shares`);
  return real;
}

async function checkEntry(value: unknown): Promise<string> {
  const path = await checkPath(value, false);
  if (path === (await realpath(settings.root)) || path === parse(path).root)
    throw new PathError('the shared top folder itself cannot be changed');
  return path;
}

export interface Entry {
  name: string;
  type: 'dir' | 'file' | 'link' | 'other';
  /** For links: what they point at ('missing' when nothing). */
  target?: 'dir' | 'file' | 'other' | 'missing';
  size: number;
  modified: string;
}

const kindOf = (s: { isDirectory(): boolean; isFile(): boolean }) =>
  s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';

export async function listFolder(
  value: unknown,
): Promise<{ path: string; parent: string | null; entries: Entry[]; truncated: boolean }> {
  const path = await checkPath(value, true);
  const names = (await readdir(path)).sort((a, b) => a.localeCompare(b));
  const entries: Entry[] = [];
  for (let i = 0; i < Math.min(names.length, maxEntries); i += 64) {
    const batch = await Promise.all(
      names.slice(i, Math.min(i + 64, maxEntries)).map(async (name): Promise<Entry | undefined> => {
        const full = join(path, name);
        const info = await lstat(full).catch(() => undefined);
        if (!info) return undefined;
        const entry: Entry = {
          name,
          type: info.isSymbolicLink() ? 'link' : kindOf(info),
          size: info.size,
          modified: info.mtime.toISOString(),
        };
        if (info.isSymbolicLink()) {
          const target = await stat(full).catch(() => undefined);
          entry.target = target ? kindOf(target) : 'missing';
          if (target?.isFile()) entry.size = target.size;
        }
        return entry;
      }),
    );
    for (const entry of batch) if (entry) entries.push(entry);
  }
  const isFolder = (e: Entry) => e.type === 'dir' || e.target === 'dir';
  entries.sort((a, b) => Number(isFolder(b)) - Number(isFolder(a)) || a.name.localeCompare(b.name));
  const root = await realpath(settings.root);
  return { path, parent: path === root ? null : dirname(path), entries, truncated: names.length > maxEntries };
}

type Message = ControlMessage;

interface Download {
  kind: 'download';
  id: unknown;
  cancel(): void;
  resume(): void;
}

interface Upload {
  kind: 'upload';
  id: unknown;
  write(chunk: Buffer, callback: () => void): void;
  cancel(): void;
}

export async function openFiles(options: Record<string, unknown>, control: TunnelControl): Promise<OpenedTarget> {
  const sessionId = typeof options.sessionId === 'string' ? options.sessionId : null;
  let closed = false;
  let active: Download | Upload | undefined;

  const send = (message: Message) => {
    if (!closed) control.send(message);
  };
  const report = (transfer: Omit<TransferReport, 'sessionId'>) => {
    void Promise.resolve(settings.report?.({ sessionId, ...transfer })).catch(() => undefined);
  };

  const stream = new Duplex({
    read() {
      if (active?.kind === 'download') active.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      // Bytes after a cancelled upload may still be on their way: they belong to nothing.
      if (active?.kind === 'upload') active.write(chunk, callback);
      else callback();
    },
  });

  const startDownload = async (id: unknown, value: unknown) => {
    const path = await checkPath(value, true);
    const info = await stat(path);
    if (!info.isFile()) throw new PathError(`${value} is not a file`);
    const size = info.size;
    const hash = createHash('sha256');
    let sent = 0;
    let finished = false;
    const reader = size > 0 ? createReadStream(path, { start: 0, end: size - 1, highWaterMark: 64 * 1024 }) : undefined;
    const end = (result: TransferReport['result'], error?: string) => {
      if (finished) return;
      finished = true;
      reader?.destroy();
      if (active?.id === id) active = undefined;
      if (result === 'completed') send({ type: 'download-end', id, size, sha256: hash.digest('hex') });
      else if (result === 'failed') send({ type: 'error', id, message: error });
      report({ path, name: basename(path), size, bytes: sent, direction: 'download', result, error });
    };
    active = { kind: 'download', id, cancel: () => end('cancelled'), resume: () => reader?.resume() };
    send({ type: 'download', id, name: basename(path), size });
    if (!reader) return end('completed');
    reader.on('data', (chunk) => {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      sent += bytes.length;
      if (!closed && !stream.push(bytes)) reader.pause();
    });
    reader.on('end', () => (sent === size ? end('completed') : end('failed', 'the file changed while it was read')));
    reader.on('error', (error) => end('failed', error.message));
  };

  const startUpload = async (id: unknown, value: unknown, size: unknown, overwrite: boolean) => {
    if (!Number.isSafeInteger(size) || (size as number) < 0) throw new PathError('the upload has no valid size');
    const path = await checkEntry(value);
    const existing = await lstat(path).catch(() => undefined);
    if (existing && (!overwrite || !existing.isFile()))
      throw new PathError(existing.isFile() ? `${basename(path)} already exists` : `${value} is not a file`);
    const total = size as number;
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.outpost-upload`);
    const writer: WriteStream = createWriteStream(temporary, { flags: 'wx', mode: 0o644 });
    const hash = createHash('sha256');
    let received = 0;
    let reported = 0;
    let finished = false;
    const end = async (result: TransferReport['result'], error?: string) => {
      if (finished) return;
      finished = true;
      if (active?.id === id) active = undefined;
      await new Promise<void>((done) => (writer.closed ? done() : writer.end(() => done())));
      if (result === 'completed') {
        try {
          await new Promise<void>((done, fail) =>
            writer.closed ? done() : writer.once('close', done).once('error', fail),
          );
          await rename(temporary, path);
          send({ type: 'upload-done', id, path, size: total, sha256: hash.digest('hex') });
        } catch (failure) {
          result = 'failed';
          error = (failure as Error).message;
        }
      }
      if (result !== 'completed') {
        writer.destroy();
        await unlink(temporary).catch(() => undefined);
        if (result === 'failed') send({ type: 'error', id, message: error });
      }
      report({ path, name: basename(path), size: total, bytes: received, direction: 'upload', result, error });
    };
    writer.on('error', (error) => void end('failed', error.message));
    await new Promise<void>((done, fail) => writer.once('open', () => done()).once('error', fail));
    active = {
      kind: 'upload',
      id,
      cancel: () => void end('cancelled'),
      write(chunk, callback) {
        if (received + chunk.length > total) {
          void end('failed', 'more bytes arrived than the upload announced');
          return callback();
        }
        hash.update(chunk);
        received += chunk.length;
        const next = () => {
          if (received === total) void end('completed');
          else if (received - reported >= progressEvery) {
            reported = received;
            send({ type: 'progress', id, received });
          }
          callback();
        };
        if (writer.write(chunk)) next();
        else writer.once('drain', next);
      },
    };
    send({ type: 'upload-ready', id });
    if (total === 0) void end('completed');
  };

  const handle = async (message: Message) => {
    const id = message.id;
    try {
      switch (message.type) {
        case 'list':
          return send({ type: 'listing', id, ...(await listFolder(message.path)) });
        case 'mkdir': {
          const path = await checkEntry(message.path);
          await mkdir(path);
          return send({ type: 'ok', id, path });
        }
        case 'rename': {
          const from = await checkEntry(message.from);
          const to = await checkEntry(message.to);
          if (await lstat(to).catch(() => undefined)) throw new PathError(`${basename(to)} already exists`);
          await lstat(from);
          await rename(from, to);
          return send({ type: 'ok', id, path: to });
        }
        case 'delete': {
          const path = await checkEntry(message.path);
          await lstat(path);
          await rm(path, { recursive: true, force: false });
          return send({ type: 'ok', id, path });
        }
        case 'download':
        case 'upload':
          if (active) throw new PathError('another transfer is running in this session');
          return message.type === 'download'
            ? await startDownload(id, message.path)
            : await startUpload(id, message.path, message.size, message.overwrite === true);
        case 'cancel':
          if (active && active.id === id) active.cancel();
          return;
        default:
          throw new PathError(`unknown request ${JSON.stringify(String(message.type).slice(0, 40))}`);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const text =
        code === 'ENOENT'
          ? 'it does not exist'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EEXIST'
              ? 'it already exists'
              : code === 'ENOTEMPTY'
                ? 'the folder is not empty'
                : (error as Error).message;
      send({ type: 'error', id, message: text, ...(code ? { code } : {}) });
    }
  };

  const root = await realpath(settings.root);
  const user =
    typeof options.user === 'string' && options.user
      ? await lookUpAccount(options.user).catch(() => undefined)
      : undefined;
  const home = await realpath(user?.home ?? homedir()).catch(() => root);
  send({ type: 'ready', root, home: inside(root, home) ? home : root, separator: sep });

  return {
    stream,
    onControl(message) {
      void handle(message);
    },
    close() {
      if (closed) return;
      closed = true;
      active?.cancel();
      stream.push(null);
    },
  };
}

registerTarget('files', (options, control) => openFiles(options, control));

/**
 * Sends each ended transfer to the server's transfer log (`POST /agent/v1/remote/transfers`,
 * device credential), trying a few times when the server cannot be reached.
 */
export function reportToServer(
  state: { server: string; deviceId: string; secret: string },
  log: (line: string) => void,
): (transfer: TransferReport) => Promise<void> {
  return async (transfer) => {
    if (!transfer.sessionId) return;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(new URL('/agent/v1/remote/transfers', state.server), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${state.deviceId}.${state.secret}` },
          body: JSON.stringify({ ...transfer, error: transfer.error?.slice(0, 2000) }),
          signal: AbortSignal.timeout(30_000),
        });
        if (response.ok || (response.status >= 400 && response.status < 500)) {
          if (!response.ok) log(`the server refused the transfer log entry for ${transfer.name} (${response.status})`);
          return;
        }
      } catch (error) {
        if (attempt >= 5) return log(`could not log the transfer of ${transfer.name}: ${(error as Error).message}`);
      }
      if (attempt >= 5) return;
      await new Promise((resolve) => setTimeout(resolve, attempt * 2000));
    }
  };
}
