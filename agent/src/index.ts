import { fileURLToPath } from 'node:url';
export { AgentConnection, type Machine, type ConnectionOptions } from './connection.js';
export { collectFacts, collectSystemInfo } from './facts.js';
export { enroll, EnrollmentFailed } from './enroll.js';
export { realMachine } from './machine.js';
export { runOperation, type OperationContext } from './operations.js';
export { allowTunnelPorts } from './remote/tcp.js';
export { closeAllTunnels, openTunnelCount } from './remote/tunnel.js';
export { registerTarget, type OpenedTarget, type TunnelControl, type TunnelTarget } from './remote/targets.js';
export { captureScreen, hasDisplay } from './screenshot.js';
export { simulate, simulatedMachine } from './simulate.js';
export { defaultStatePath, readState, writeState, type AgentState } from './state.js';
export { agentVersion } from './version.js';
export * from './protocol.js';

/** The agent's command-line program, for servers that start an agent process beside them. */
export const agentBinPath = fileURLToPath(new URL('../../bin/outpost-agent.js', import.meta.url));
