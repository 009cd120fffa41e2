// `remote:open_tunnel`: the device's end of a remote session's tunnel (DESIGN 4). The agent
// opens a second WebSocket to the server with the session's one-time token and pipes it to
// the target the session's kind names, with backpressure both ways; no inbound port opens.
import { WebSocket } from 'ws';
import { type ControlMessage, type OpenedTarget, type TunnelControl, targetOf } from './targets.js';
import './kinds.js';

export interface TunnelArgs {
  sessionId: string;
  token: string;
  kind: string;
  options: Record<string, unknown>;
}

export interface TunnelContext {
  /** The server the agent's channel talks to (`https://outpost.example.com`). */
  server: string;
  log?(line: string): void;
}

export interface TunnelResult {
  /** False when the target could not open; `error` says why (the browser gets it as an `error` message too). */
  opened: boolean;
  error?: string;
}

/** Pause reading one side while the other has more than this queued; resume below the low mark. */
export const highWaterMark = 1024 * 1024;
export const lowWaterMark = 256 * 1024;
const maxPayload = 16 * 1024 * 1024;

const open = new Map<string, () => void>();

/** How many tunnels this agent has open now. */
export function openTunnelCount(): number {
  return open.size;
}

/** Closes every open tunnel (the agent stops). */
export function closeAllTunnels(): void {
  for (const close of [...open.values()]) close();
}

/** Opens the tunnel socket, then the target; resolves once both are open, or the target said why not. */
export async function openTunnel(args: TunnelArgs, context: TunnelContext): Promise<TunnelResult> {
  const target = targetOf(args.kind);
  if (!target) throw new Error(`this agent has no ${JSON.stringify(args.kind)} sessions; update the agent`);
  if (open.has(args.sessionId)) throw new Error('this session already has a tunnel');
  const { socket, held } = await connect(args, context.server);
  const control: TunnelControl = {
    send(message: ControlMessage) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
  };
  const technician = typeof args.options.technician === 'string' ? args.options.technician : 'a technician';
  let opened: OpenedTarget;
  try {
    opened = await target(args.options, control, { technician });
  } catch (error) {
    const message = (error as Error).message;
    context.log?.(`remote session ${args.sessionId}: ${args.kind} could not open: ${message}`);
    control.send({ type: 'error', message });
    socket.close(4500, message.slice(0, 120));
    return { opened: false, error: message };
  }
  pipe(args.sessionId, socket, opened, held(), context);
  context.log?.(`remote session ${args.sessionId}: ${args.kind} tunnel open for ${technician}`);
  return { opened: true };
}

type Message = [data: Buffer, isBinary: boolean];

/** Opens the tunnel socket; what arrives before the target is open is held (and the socket paused). */
function connect(args: TunnelArgs, server: string): Promise<{ socket: WebSocket; held(): Message[] }> {
  const url = new URL(`/agent/v1/tunnel/${args.sessionId}`, server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url, {
    headers: { authorization: `Bearer ${args.token}` },
    perMessageDeflate: false,
    handshakeTimeout: 15_000,
    maxPayload,
  });
  const held: Message[] = [];
  const hold = (data: Buffer, isBinary: boolean) => {
    held.push([data, isBinary]);
    socket.pause();
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.on('message', hold);
      resolve({
        socket,
        held: () => {
          socket.off('message', hold);
          return held.splice(0);
        },
      });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        let detail = body;
        try {
          detail = (JSON.parse(body) as { detail?: string }).detail ?? body;
        } catch {
          // not a problem document
        }
        socket.terminate();
        reject(new Error(`the server refused the tunnel (${response.statusCode}): ${detail}`));
      });
    });
    socket.once('error', (error) => reject(new Error(`the tunnel could not connect: ${error.message}`)));
  });
}

/** Bytes both ways with backpressure; text messages are control messages for the target. */
function pipe(
  sessionId: string,
  socket: WebSocket,
  target: OpenedTarget,
  held: Message[],
  context: TunnelContext,
): void {
  const { stream } = target;
  let closed = false;
  const close = (why: string) => {
    if (closed) return;
    closed = true;
    open.delete(sessionId);
    context.log?.(`remote session ${sessionId}: tunnel closed (${why})`);
    try {
      target.close();
    } catch {
      // already closed
    }
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000, why);
    setTimeout(() => socket.terminate(), 2000).unref();
  };
  open.set(sessionId, () => close('agent stopping'));

  const afterSend = () => {
    if (stream.isPaused() && socket.bufferedAmount < lowWaterMark) stream.resume();
  };
  stream.on('data', (chunk: Buffer) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(chunk, { binary: true }, afterSend);
    if (socket.bufferedAmount > highWaterMark) stream.pause();
  });
  stream.on('end', () => close('target ended'));
  stream.on('close', () => close('target closed'));
  stream.on('error', (error) => {
    control(socket, { type: 'error', message: error.message });
    close(`target error: ${error.message}`);
  });
  stream.on('drain', () => socket.resume());

  const receive = (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      if (!stream.write(data)) socket.pause();
      return;
    }
    let message: ControlMessage;
    try {
      message = JSON.parse(data.toString()) as ControlMessage;
      if (typeof message?.type !== 'string') throw new Error('no type');
    } catch {
      return control(socket, { type: 'error', message: 'control messages are JSON objects with a type' });
    }
    try {
      target.onControl?.(message);
    } catch (error) {
      control(socket, { type: 'error', message: (error as Error).message });
    }
  };
  for (const [data, isBinary] of held) receive(data, isBinary);
  socket.on('message', (data: Buffer, isBinary) => receive(data, isBinary));
  if (socket.isPaused && stream.writableLength < stream.writableHighWaterMark) socket.resume();
  socket.on('close', (code, reason) => close(`server closed (${code}${reason.length ? `: ${reason}` : ''})`));
  socket.on('error', (error) => close(`socket error: ${error.message}`));
  if (socket.readyState !== WebSocket.OPEN) close('the server closed the tunnel while the target opened');
}

function control(socket: WebSocket, message: ControlMessage): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}
