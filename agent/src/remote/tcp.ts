// The `tcp` target: a loopback TCP port that the agent's own configuration allows
// (OUTPOST_AGENT_TUNNEL_PORTS=5901,5902 or `outpost-agent run --tunnel-port 5901`); none by
// default. The tunnel tests and `npm run bench:relay` use it; no browser page offers it.
import { connect } from 'node:net';
import { registerTarget } from './targets.js';

const configured = new Set<number>();

/** Allows these loopback ports besides those of OUTPOST_AGENT_TUNNEL_PORTS (the CLI's --tunnel-port). */
export function allowTunnelPorts(ports: Iterable<number>): void {
  for (const port of ports) configured.add(port);
}

export function allowedTunnelPorts(): Set<number> {
  const ports = new Set(configured);
  for (const part of (process.env.OUTPOST_AGENT_TUNNEL_PORTS ?? '').split(',')) {
    const port = Number(part.trim());
    if (part.trim() && Number.isInteger(port) && port > 0 && port < 65_536) ports.add(port);
  }
  return ports;
}

registerTarget('tcp', async (options) => {
  const port = options.port;
  if (typeof port !== 'number' || !allowedTunnelPorts().has(port))
    throw new Error(
      `port ${JSON.stringify(port)} is not one this agent may tunnel to (OUTPOST_AGENT_TUNNEL_PORTS or --tunnel-port)`,
    );
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (error) => reject(new Error(`nothing answers on 127.0.0.1:${port}: ${error.message}`)));
  });
  return { stream: socket, close: () => socket.destroy() };
});
