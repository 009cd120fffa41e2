import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { expect } from 'chai';
import { type TransferReport, configureFiles, openFiles } from '../src/remote/files.js';
import { targetOf } from '../src/remote/targets.js';
import { openTerminal, planShell } from '../src/remote/terminal.js';

type Message = { type: string; [k: string]: unknown };

/** A control channel that records what the target sends and lets a test wait for a message. */
function recorder() {
  const messages: Message[] = [];
  const waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  return {
    messages,
    control: {
      send(message: Message) {
        messages.push(message);
        for (const waiter of [...waiters])
          if (waiter.test(message)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(message);
          }
      },
    },
    next(test: (m: Message) => boolean): Promise<Message> {
      const seen = messages.find(test);
      if (seen) {
        messages.splice(messages.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve) =>
        waiters.push({
          test,
          resolve: (m) => {
            messages.splice(messages.indexOf(m), 1);
            resolve(m);
          },
        }),
      );
    },
  };
}

/** Reads the stream until its text so far matches; fails with that text if the stream ends first. */
function readUntil(stream: Duplex, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    const onEnd = () => reject(new Error(`the terminal ended before ${pattern} appeared in: ${JSON.stringify(text)}`));
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        stream.off('data', onData).off('end', onEnd);
        resolve(text);
      }
    };
    stream.on('data', onData).on('end', onEnd);
  });
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('agent: terminal target', function () {
  this.timeout(60_000);

  it('registers itself and runs a command in a login shell of the agent user, reading its output', async () => {
    expect(targetOf('terminal')).to.be.a('function');
    const { control, next } = recorder();
    const terminal = await openTerminal({ cols: 100, rows: 30 }, control);
    try {
      const ready = await next((m) => m.type === 'ready');
      expect(ready.user).to.equal(userInfo().username);
      terminal.stream.write('echo "sum=$((6*7))" && stty size && echo "$HOME|$OUTPOST_AGENT_STATE|$TERM"\r');
      const output = await readUntil(terminal.stream, /sum=42[\s\S]*30 100[\s\S]*\|xterm-256color/);
      expect(output).to.include(`${userInfo().homedir}||xterm-256color`);
    } finally {
      terminal.close();
    }
  });

  it('resizes the pty when the browser says so, and reports the shell exit', async () => {
    const { control, next } = recorder();
    const terminal = await openTerminal({}, control);
    terminal.onControl!({ type: 'resize', cols: 132, rows: 43 });
    terminal.onControl!({ type: 'resize', cols: -1, rows: 'x' });
    terminal.stream.write('stty size; exit 3\r');
    const output = readUntil(terminal.stream, /43 132/);
    const exit = await next((m) => m.type === 'exit');
    expect(exit.code).to.equal(3);
    expect(await output).to.match(/43 132/);
    terminal.close();
  });

  it('refuses users that do not exist, have no login shell, or names that are not user names', async () => {
    const failure = (user: string) =>
      planShell(user).then(
        () => 'opened',
        (error: Error) => error.message,
      );
    expect(await failure('no-such-user-outpost')).to.match(/there is no user no-such-user-outpost/);
    expect(await failure('nobody')).to.match(/has no login shell/);
    expect(await failure('root; rm -rf /')).to.match(/not a valid user name/);
  });

  it('opens the login shell of the user the device settings name when the agent runs as root', async () => {
    // Any other account with a login shell on this machine (postgres, a desktop user, ...).
    const other = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((f) => f.length > 6 && f[2] !== '0' && /\/(ba|z|da)?sh$/.test(f[6]!) && existsSync(f[5]!));
    // The test scripts run as root (they install Debian packages); PostgreSQL's account has a login shell.
    expect(process.getuid?.(), 'this test runs as root').to.equal(0);
    expect(other, 'another account with a login shell in /etc/passwd').to.not.equal(undefined);
    const { control, next } = recorder();
    const terminal = await openTerminal({ user: other![0] }, control);
    try {
      expect((await next((m) => m.type === 'ready')).user).to.equal(other![0]);
      terminal.stream.write('echo "who=$(id -un) home=$HOME" \r');
      const output = await readUntil(terminal.stream, /who=\S+ home=\S+/);
      expect(output).to.include(`who=${other![0]} home=${other![5]}`);
    } finally {
      terminal.close();
    }
  });
});

describe('agent: files target', function () {
  this.timeout(120_000);
  let root: string;
  let outside: string;
  const reports: TransferReport[] = [];

  before(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'outpost-files-')));
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'outpost-outside-')));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'a.txt'), 'hello');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(outside, join(root, 'escape'));
    symlinkSync(join(root, 'docs'), join(root, 'docs-link'));
    configureFiles({ root, report: (t) => void reports.push(t) });
  });
  after(() => {
    configureFiles({ root: '/', report: undefined });
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  async function open() {
    const recorded = recorder();
    const target = await openFiles({ sessionId: 'session-1' }, recorded.control);
    let id = 0;
    const ask = async (message: Message) => {
      const request = { ...message, id: ++id };
      target.onControl!(request);
      return recorded.next((m) => m.id === request.id && m.type !== 'progress' && m.type !== 'download');
    };
    return { target, ...recorded, ask };
  }

  it('says where to start, lists folders (links followed inside the shared root), creates, renames and deletes', async () => {
    const { target, next, ask } = await open();
    const ready = await next((m) => m.type === 'ready');
    expect(ready.root).to.equal(root);
    const listing = await ask({ type: 'list', path: root });
    expect(listing.type).to.equal('listing');
    expect(listing.parent).to.equal(null);
    const entries = listing.entries as { name: string; type: string; target?: string }[];
    expect(entries.map((e) => e.name)).to.deep.equal(['docs', 'docs-link', 'escape']);
    expect(entries[1]).to.include({ type: 'link', target: 'dir' });
    const linked = await ask({ type: 'list', path: join(root, 'docs-link') });
    expect(linked.path).to.equal(join(root, 'docs'));
    expect(linked.parent).to.equal(root);

    expect((await ask({ type: 'mkdir', path: join(root, 'new') })).type).to.equal('ok');
    expect((await ask({ type: 'mkdir', path: join(root, 'new') })).message).to.equal('it already exists');
    writeFileSync(join(root, 'new', 'x.bin'), 'x');
    expect((await ask({ type: 'rename', from: join(root, 'new'), to: join(root, 'docs') })).message).to.match(
      /already exists/,
    );
    expect((await ask({ type: 'rename', from: join(root, 'new'), to: join(root, 'renamed') })).type).to.equal('ok');
    expect(existsSync(join(root, 'renamed', 'x.bin'))).to.equal(true);
    expect((await ask({ type: 'delete', path: join(root, 'renamed') })).type).to.equal('ok');
    expect(existsSync(join(root, 'renamed'))).to.equal(false);
    expect((await ask({ type: 'delete', path: join(root, 'renamed') })).message).to.equal('it does not exist');
    target.close();
  });

  it('refuses relative paths, paths outside the shared root (also through links and ..), and the root itself', async () => {
    const { target, ask } = await open();
    const refusals = [
      await ask({ type: 'list', path: 'docs' }),
      await ask({ type: 'list', path: join(root, '..') }),
      await ask({ type: 'list', path: join(root, 'escape') }),
      await ask({ type: 'download', path: join(root, 'escape', 'secret.txt') }),
      await ask({ type: 'download', path: join(root, 'docs', '..', '..', outside.split('/').pop()!, 'secret.txt') }),
      await ask({ type: 'upload', path: join(root, 'escape', 'planted.txt'), size: 1 }),
      await ask({ type: 'mkdir', path: join(outside, 'x') }),
      await ask({ type: 'rename', from: join(root, 'docs'), to: join(root, 'escape', 'docs') }),
      await ask({ type: 'delete', path: root }),
      await ask({ type: 'delete', path: `${root}/docs\0` }),
      await ask({ type: 'frobnicate' }),
    ];
    for (const refusal of refusals) expect(refusal.type, JSON.stringify(refusal)).to.equal('error');
    expect(refusals.map((r) => r.message)).to.satisfy((messages: string[]) =>
      messages.slice(1, 8).every((m) => /outside the folders this agent shares/.test(m)),
    );
    expect(existsSync(join(outside, 'planted.txt'))).to.equal(false);
    expect(existsSync(join(root, 'docs'))).to.equal(true);
    // Deleting a link removes the link, not what it points at.
    expect((await ask({ type: 'delete', path: join(root, 'escape') })).type).to.equal('ok');
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).to.equal('secret');
    target.close();
  });

  it('uploads and downloads a file in chunks with backpressure, same SHA-256 both ways, and reports both', async () => {
    const { target, next, ask } = await open();
    const data = randomBytes(6 * 1024 * 1024 + 123);
    reports.length = 0;
    const path = join(root, 'docs', 'big.bin');
    const ready = await ask({ type: 'upload', path, size: data.length });
    expect(ready.type).to.equal('upload-ready');
    for (let offset = 0; offset < data.length; offset += 64 * 1024) {
      if (!target.stream.write(data.subarray(offset, offset + 64 * 1024)))
        await new Promise((resolve) => target.stream.once('drain', resolve));
    }
    const done = await next((m) => m.type === 'upload-done');
    expect(done).to.include({ size: data.length, sha256: sha256(data), path });
    expect(sha256(readFileSync(path))).to.equal(sha256(data));
    expect((await ask({ type: 'upload', path, size: 1 })).message).to.match(/already exists/);

    const chunks: Buffer[] = [];
    target.stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    target.onControl!({ type: 'download', id: 'd1', path });
    const start = await next((m) => m.type === 'download');
    expect(start).to.include({ id: 'd1', name: 'big.bin', size: data.length });
    const end = await next((m) => m.type === 'download-end');
    while (chunks.reduce((n, c) => n + c.length, 0) < data.length) await new Promise((r) => setImmediate(r));
    expect(end.sha256).to.equal(sha256(data));
    expect(sha256(Buffer.concat(chunks))).to.equal(sha256(data));
    target.close();

    expect(reports.map((r) => [r.direction, r.result, r.size, r.bytes, r.name, r.sessionId])).to.deep.equal([
      ['upload', 'completed', data.length, data.length, 'big.bin', 'session-1'],
      ['download', 'completed', data.length, data.length, 'big.bin', 'session-1'],
    ]);
  });

  it('cancels an upload (no partial file left) and refuses more bytes than announced', async () => {
    const { target, next, ask } = await open();
    reports.length = 0;
    const path = join(root, 'docs', 'cancelled.bin');
    expect((await ask({ type: 'upload', path, size: 1000 })).type).to.equal('upload-ready');
    target.stream.write(Buffer.alloc(100));
    target.onControl!({ type: 'cancel', id: 1 });
    while (reports.length < 1) await new Promise((r) => setTimeout(r, 10));
    expect(reports[0]).to.include({ result: 'cancelled', bytes: 100, size: 1000, direction: 'upload' });

    expect((await ask({ type: 'upload', path, size: 10 })).type).to.equal('upload-ready');
    target.stream.write(Buffer.alloc(20));
    const failure = await next((m) => m.type === 'error');
    expect(failure.message).to.match(/more bytes/);
    while (reports.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(reports[1]).to.include({ result: 'failed', direction: 'upload' });
    const leftovers = (await ask({ type: 'list', path: join(root, 'docs') })).entries as { name: string }[];
    expect(leftovers.map((e) => e.name)).to.not.include.members(['cancelled.bin']);
    expect(leftovers.some((e) => e.name.endsWith('.outpost-upload'))).to.equal(false);
    target.close();
  });
});
