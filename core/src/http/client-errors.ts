import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { problemContentType, problemTypeOfStatus } from './problem.js';

/**
 * Requests node's HTTP parser refuses never reach koa: a malformed request line or
 * header, a method node does not know (`BREW`, a lowercase `get`), a body cut off
 * mid-way, a `CONNECT`. Each is the client's doing: a debug line, and a problem
 * document written straight to the socket when it can still take one.
 */
export function answerUnparsedRequests(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const requestId = randomUUID();
    logger.debug({ requestId, code: error.code, reason: error.message }, 'unparsed request');
    // A response already on its way (the body of a request in progress broke off) must not be corrupted.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    // A request whose body is too slow has a response waiting, but nothing of it is written yet.
    const answerable = !inFlight || (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' && !inFlight.headersSent);
    if (error.code === 'ECONNRESET' || !socket.writable || !answerable) socket.destroy();
    else writeProblem(socket, requestId, ...problemFor(error.code));
  });
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const requestId = randomUUID();
    logger.debug({ requestId, method: request.method }, 'unparsed request');
    writeProblem(socket, requestId, 501, 'This server is not a proxy: it does not handle CONNECT requests.');
  });
}

function problemFor(code: string | undefined): [number, string] {
  switch (code) {
    case 'HPE_INVALID_METHOD':
      return [501, 'This server does not handle this method (methods are upper case, e.g. GET).'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'The request headers are too large.'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'The request did not arrive in time.'];
    default:
      return [400, 'The request is not valid HTTP.'];
  }
}

function writeProblem(socket: Duplex, requestId: string, status: number, detail: string): void {
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: problemTypeOfStatus(status), title, status, detail, requestId });
  socket.end(
    [
      `HTTP/1.1 ${status} ${title}`,
      `Content-Type: ${problemContentType}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

/** A response that failed because the client closed the connection: the client's doing, not a server fault. */
export function clientWentAway(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE';
}
