import type { ChildProcess } from 'node:child_process';
import { createServiceRef } from '@outpost/core';
import type { AgentOperations } from './api.js';
import type { Enrollment } from './enrollment.js';
import type { AgentGateway } from './gateway.js';
import type { DeviceList } from './list.js';
import type { DeviceRegistry } from './registry/index.js';
import type { OperationRelay } from './relay.js';

/** The plugin's own parts, for its routes, socket and jobs: the registry's services and the rest. */
export interface Devices extends DeviceRegistry {
  list: DeviceList;
  gateway: AgentGateway;
  enrollment: Enrollment;
  /** The agent-operations registry other plugins reach through `agentOperationsRef`. */
  operations: AgentOperations;
  /** Operations and watching hints, wherever a device's channel is held. */
  relay: OperationRelay;
  /** The "This computer" agent process, when the demo is on. */
  demoAgent?: ChildProcess;
}

export const devicesRef = createServiceRef<Devices>('devices.internals');
