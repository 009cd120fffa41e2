import { createServiceRef } from '@outpost/core';
import type { RemoteSessions } from './sessions/service.js';
import type { SessionStore } from './sessions/store.js';
import type { TunnelBroker } from './tunnels/broker.js';

/** The plugin's own parts, for its routes, sockets and subscribers. */
export interface Remote {
  sessions: RemoteSessions;
  store: SessionStore;
  broker: TunnelBroker;
}

export const remoteRef = createServiceRef<Remote>('remote.internals');
