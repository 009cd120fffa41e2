import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { AuthenticationError, ForbiddenError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import type { PluginSockets } from '../plugins/types.js';
import { problemContentType, toProblem } from './problem.js';

/** Answers an upgrade request with the error's problem document and closes the connection. */
export function refuseUpgrade(socket: Duplex, error: unknown, path = ''): void {
  if (socket.destroyed) return;
  const problem = toProblem(error, randomUUID(), path);
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: ${problemContentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface PluginSocketParts {
  authenticate(request: IncomingMessage): Promise<Principal | undefined>;
  reauthenticate(request: IncomingMessage): Promise<Principal | undefined>;
  isOwnOrigin(requestOrigin: string, hostHeader: string | undefined): boolean;
  listeningUrl(): string | undefined;
}

/** The socket helpers of every plugin's context: browser sockets authenticate as the event stream does. */
export function createPluginSockets(parts: () => PluginSocketParts): PluginSockets {
  return {
    async authenticate(request) {
      const principal = await parts().authenticate(request);
      if (!principal) throw new AuthenticationError('Sign in, or send an API key, to open this socket.');
      if (principal.via === 'session' && !parts().isOwnOrigin(request.headers.origin ?? '', request.headers.host))
        throw new ForbiddenError('Cross-site WebSocket refused.', { type: 'cross-site' });
      return principal;
    },
    reauthenticate: (request) => parts().reauthenticate(request),
    refuse: (socket, error) => refuseUpgrade(socket, error),
    listeningUrl: () => parts().listeningUrl(),
  };
}
