import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import { answerUnparsedRequests } from '../http/client-errors.js';
import { streamPath } from '../http/stream.js';
import type { PluginContext, PluginDefinition } from '../plugins/types.js';

/** The node server for the koa app, with the request timeouts of `app.requestTimeoutSeconds`. */
export function createHttpServer(app: Koa, core: CoreConfig, logger: Logger): Server {
  const requestTimeout = core.app.requestTimeoutSeconds * 1000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(60_000, requestTimeout),
      // How often node looks for requests past their time: often enough for a short timeout.
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(requestTimeout / 4)),
    },
    app.callback(),
  );
  server.keepAliveTimeout = 5000;
  answerUnparsedRequests(server, logger);
  return server;
}

/**
 * Hands each plugin socket path's upgrades to its plugin (an exact path first, then the
 * longest prefix); any other path but the stream answers 404.
 */
export function attachPluginSockets(
  server: Server,
  plugins: PluginDefinition[],
  contextOf: (pluginId: string) => PluginContext,
): void {
  const mounted = plugins.flatMap((p) => (p.sockets ?? []).map((socket) => ({ socket, owner: p.id })));
  const exact = new Map(mounted.filter((m) => !m.socket.prefix).map((m) => [m.socket.path, m] as const));
  const prefixes = mounted.filter((m) => m.socket.prefix).sort((a, b) => b.socket.path.length - a.socket.path.length);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === streamPath) return;
    const found =
      exact.get(path) ?? prefixes.find((m) => path.startsWith(m.socket.path) && path.length > m.socket.path.length);
    if (found) return found.socket.handleUpgrade(request, socket, head, contextOf(found.owner));
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

/** Listens on `app.listen`; answers the URL this process can be reached at. */
export async function listen(server: Server, core: CoreConfig): Promise<string> {
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(core.app.listen.port, core.app.listen.host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = core.app.listen.host === '0.0.0.0' || core.app.listen.host === '::' ? 'localhost' : core.app.listen.host;
  return `http://${host}:${address.port}`;
}

/** Stops accepting and lets in-flight requests finish until `deadline` (epoch ms), then closes every connection. */
export async function closeServer(server: Server, deadline: number): Promise<void> {
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Keep-alive connections become idle as their last request finishes; close them as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  await Promise.race([closed, delay(Math.max(0, deadline - Date.now()))]);
  clearInterval(sweep);
  server.closeAllConnections();
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
