import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { rpcErrors } from '../src/protocol.js';
import { RpcFailure, RpcPeer } from '../src/rpc.js';
import { runOperation } from '../src/operations.js';
import { captureScreen, jpegSize } from '../src/screenshot.js';
import { readState, writeState } from '../src/state.js';

const bin = fileURLToPath(new URL('../../bin/outpost-agent.js', import.meta.url));

/** Two peers wired back to back. */
function pair(handlers: ConstructorParameters<typeof RpcPeer>[1]) {
  const violations: string[] = [];
  const peers: { client?: RpcPeer; server?: RpcPeer } = {};
  peers.client = new RpcPeer((text) => setImmediate(() => peers.server!.receive(text)), {
    request: async () => null,
    notification: () => undefined,
  });
  peers.server = new RpcPeer((text) => setImmediate(() => peers.client!.receive(text)), handlers, {
    onViolation: (reason) => violations.push(reason),
  });
  return { client: peers.client, server: peers.server, violations };
}

describe('agent: JSON-RPC peer', () => {
  it('answers requests, reports handler failures as JSON-RPC errors, and flags unknown methods', async () => {
    const { client, violations } = pair({
      request: async (method, params) => {
        if (method === 'add') return (params as number[]).reduce((a, b) => a + b, 0);
        if (method === 'fail') throw new RpcFailure(rpcErrors.invalidParams, 'no');
        throw new RpcFailure(rpcErrors.methodNotFound, `unknown method ${method}`);
      },
      notification: () => undefined,
    });
    expect(await client.request('add', [1, 2, 3])).to.equal(6);
    const failed = await client.request('fail', {}).catch((error: RpcFailure) => error);
    expect((failed as RpcFailure).code).to.equal(rpcErrors.invalidParams);
    const unknown = await client.request('nope', {}).catch((error: RpcFailure) => error);
    expect((unknown as RpcFailure).code).to.equal(rpcErrors.methodNotFound);
    expect(violations).to.deep.equal(['unknown method "nope"']);
  });

  it('treats bad JSON and non-JSON-RPC frames as violations', () => {
    const sent: string[] = [];
    const violations: string[] = [];
    const peer = new RpcPeer(
      (text) => sent.push(text),
      { request: async () => null, notification: () => undefined },
      { onViolation: (r) => violations.push(r) },
    );
    peer.receive('{oops');
    peer.receive(JSON.stringify({ hello: 'world' }));
    expect(violations).to.deep.equal(['frame is not JSON', 'not a JSON-RPC 2.0 message']);
    expect(JSON.parse(sent[0]!).error.code).to.equal(rpcErrors.parse);
  });

  it('fails pending requests when the channel closes', async () => {
    const peer = new RpcPeer(() => undefined, { request: async () => null, notification: () => undefined });
    const pending = peer.request('slow', {});
    peer.close('gone');
    expect(((await pending.catch((e) => e)) as Error).message).to.equal('gone');
  });
});

describe('agent: operations', () => {
  it('runs known operations on this machine and refuses unknown names and bad arguments', async function () {
    this.timeout(20_000);
    const disks = (await runOperation('diagnostics:disk_usage', {})) as { fileSystems: Array<{ mount: string }> };
    expect(disks.fileSystems.some((f) => f.mount === '/')).to.equal(true);
    const processes = (await runOperation('diagnostics:list_processes', { limit: 3, sortBy: 'memory' })) as {
      items: unknown[];
    };
    expect(processes.items).to.have.length(3);
    const network = (await runOperation('diagnostics:network_info', {})) as { interfaces: Array<{ name: string }> };
    expect(network.interfaces.map((i) => i.name)).to.include('lo');
    expect(((await runOperation('shell:exec', { command: 'id' }).catch((e) => e)) as RpcFailure).code).to.equal(
      rpcErrors.unknownOperation,
    );
    expect(
      ((await runOperation('diagnostics:list_processes', { limit: '1; rm -rf /' }).catch((e) => e)) as RpcFailure).code,
    ).to.equal(rpcErrors.invalidParams);
    expect(((await runOperation('diagnostics:disk_usage', { extra: 1 }).catch((e) => e)) as RpcFailure).code).to.equal(
      rpcErrors.invalidParams,
    );
  });
});

describe('agent: screenshots and state', () => {
  it('says there is no display instead of failing when DISPLAY is not set', async () => {
    expect(await captureScreen({}))
      .to.have.property('unavailable')
      .that.matches(/no display/);
  });

  it('reads JPEG dimensions from the frame header', () => {
    const sof = Buffer.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x03, 0x20, 0x05, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(jpegSize(sof)).to.deep.equal({ width: 1280, height: 800 });
  });

  it('keeps the credential in a file only its owner can read', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'agent-state-')), 'nested', 'agent.json');
    writeState(path, { server: 'http://x', deviceId: 'd', secret: 's' });
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(readState(path)).to.deep.equal({ server: 'http://x', deviceId: 'd', secret: 's' });
  });

  it('the CLI fails with one readable line', () => {
    const unreachable = spawnSync(
      process.execPath,
      [bin, 'enroll', '--server', 'http://127.0.0.1:9', '--code', 'AAAA', '--state', join(tmpdir(), 'never.json')],
      { encoding: 'utf8' },
    );
    expect(unreachable.status).to.equal(1);
    expect(unreachable.stderr.trim().split('\n')).to.have.length(1);
    expect(unreachable.stderr).to.match(/^outpost-agent: cannot reach http:\/\/127\.0\.0\.1:9/);
    const notEnrolled = spawnSync(
      process.execPath,
      [bin, 'run', '--state', join(tmpdir(), 'missing', 'agent.json'), '--config', join(tmpdir(), 'none.json')],
      { encoding: 'utf8' },
    );
    expect(notEnrolled.status).to.equal(2);
    expect(notEnrolled.stderr).to.match(/not enrolled/);
    const unknown = spawnSync(process.execPath, [bin, 'dance'], { encoding: 'utf8' });
    expect(unknown.stderr.trim()).to.equal('outpost-agent: unknown command "dance" (try: outpost-agent help)');
  });
});
