// The code behind each entry of the remote catalog (./catalog.ts); the agent's runOperation
// runs them with the operation context (the server the channel talks to).
import type { OperationContext } from '../operations.js';
import { type TunnelArgs, openTunnel } from './tunnel.js';
import { type WakeArgs, sendWake } from './wake.js';

export type RemoteImplementation = (args: Record<string, unknown>, context: OperationContext) => Promise<unknown>;

export const remoteImplementations: Record<string, RemoteImplementation> = {
  'remote:open_tunnel': (args, context) => openTunnel(args as unknown as TunnelArgs, context),
  'remote:wake': (args) => sendWake(args as unknown as WakeArgs),
};
