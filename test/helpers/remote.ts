import { createHash } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { type Machine, enroll, simulatedMachine } from '@outpost/agent';
import { WebSocket } from 'ws';
import type { DevicesServer } from './devices.js';
import type { Browser } from './identity.js';

/** A loopback TCP service on the "device": echoes every byte back. */
export async function startEchoServer(): Promise<{
  port: number;
  server: Server;
  sockets: Set<Socket>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    sockets,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A browser's WebSocket to `path` on `baseUrl`, with its cookies and (unless given otherwise) the Outpost origin. */
export function browserSocket(
  baseUrl: string,
  browser: Browser | undefined,
  path: string,
  options: { origin?: string | null; headers?: Record<string, string> } = {},
): WebSocket {
  const headers: Record<string, string> = { ...options.headers };
  if (browser && browser.cookies.size > 0)
    headers.cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin) headers.origin = origin;
  return new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers, perMessageDeflate: false });
}

/** Resolves when the socket opens; rejects with the refusal's status when the server answers the upgrade with an error. */
export function opened(socket: WebSocket): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        reject(Object.assign(new Error(`refused ${response.statusCode}: ${body}`), { status: response.statusCode })),
      );
    });
    socket.once('error', reject);
  });
}

/** The status an upgrade is refused with (0 when it opened). */
export async function refusal(socket: WebSocket): Promise<number> {
  try {
    await opened(socket);
    socket.close();
    return 0;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
}

/** Collects what a socket receives: binary bytes and text messages, and how it closed. */
export function recorder(socket: WebSocket): {
  bytes(): Buffer;
  byteCount(): number;
  texts: Array<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
} {
  const chunks: Buffer[] = [];
  let count = 0;
  const texts: Array<Record<string, unknown>> = [];
  socket.on('message', (data: Buffer, isBinary) => {
    if (isBinary) {
      chunks.push(data);
      count += data.length;
    } else texts.push(JSON.parse(data.toString()));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { bytes: () => Buffer.concat(chunks), byteCount: () => count, texts, closed };
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A simulated machine with these network facts; `run` replaces its operations (the real agent's code, say). */
export function networkMachine(
  index: number,
  networks: string[],
  macs: string[],
  run?: Machine['runOperation'],
): Machine {
  const base = simulatedMachine(index);
  return {
    ...base,
    facts: async () => ({ ...(await base.facts()), networks, macs }),
    ...(run ? { runOperation: run } : {}),
  };
}

/** Enrolls a network machine, names it when `name` is given, and connects it when `online`. */
export async function enrollNetworkDevice(
  server: DevicesServer,
  device: { index: number; name?: string; networks: string[]; macs: string[]; online: boolean },
  run?: Machine['runOperation'],
): ReturnType<typeof enroll> {
  const { code } = await server.invite();
  const m = networkMachine(device.index, device.networks, device.macs, run);
  const answer = await enroll(server.url, code, await m.facts());
  if (device.name)
    await server.admin.request('PATCH', `/api/v1/devices/${answer.deviceId}`, { body: { name: device.name } });
  if (device.online) await server.connect({ server: server.url, deviceId: answer.deviceId, secret: answer.secret }, m);
  return answer;
}
