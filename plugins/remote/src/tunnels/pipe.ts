import { WebSocket } from 'ws';

/** Stop reading a socket while the one it feeds has more than this queued; read again below the low mark. */
export const highWaterMark = 1024 * 1024;
export const lowWaterMark = 256 * 1024;

type Message = [data: Buffer, isBinary: boolean];

/**
 * Holds what a socket says before it is paired (a VNC server's greeting arrives at once),
 * pausing the socket so no more comes. `take()` hands the held messages over and stops holding.
 */
export function holdMessages(socket: WebSocket): { take(): Message[] } {
  const held: Message[] = [];
  const onMessage = (data: Buffer, isBinary: boolean) => {
    held.push([data, isBinary]);
    socket.pause();
  };
  socket.on('message', onMessage);
  return {
    take() {
      socket.off('message', onMessage);
      return held.splice(0);
    },
  };
}

/**
 * Forwards every message from `from` to `to` unchanged (binary stays binary, text stays
 * text), pausing `from` while `to` has more than the high-water mark buffered and
 * resuming it once the sends have drained below the low mark.
 */
export function forward(from: WebSocket, to: WebSocket, held: Message[], onTraffic: (bytes: number) => void): void {
  const afterSend = () => {
    if (from.isPaused && to.bufferedAmount < lowWaterMark && from.readyState === WebSocket.OPEN) from.resume();
  };
  const send = (data: Buffer, isBinary: boolean) => {
    if (to.readyState !== WebSocket.OPEN) return;
    onTraffic(data.length);
    to.send(data, { binary: isBinary }, afterSend);
    if (to.bufferedAmount > highWaterMark) from.pause();
  };
  for (const [data, isBinary] of held) send(data, isBinary);
  from.on('message', (data: Buffer, isBinary: boolean) => send(data, isBinary));
  if (from.isPaused && to.bufferedAmount < highWaterMark) from.resume();
}
