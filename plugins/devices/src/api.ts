import type { TSchema } from '@sinclair/typebox';
import { createServiceRef } from '@outpost/core';

/** Where a device that enrolls with a code belongs. */
export interface EnrollmentTarget {
  tenantId: string;
  groupId?: string | null;
  /** The source's own id of what the code stands for (an invite id); stored on the device. */
  reference: string;
  /**
   * At most this many devices (not in Trash) may hold this reference; one more is refused
   * with `refusal`, a message for the agent to print. Checked in the enrolling transaction.
   */
  capacity?: { maxDevices: number; refusal: string };
}

/**
 * A plugin that hands out enrollment codes (invites now; deployments and SSO codes
 * later). The devices plugin asks each registered source in turn.
 */
export interface EnrollmentSource {
  /** Stored on each device it enrolls, e.g. `invites`. */
  id: string;
  /**
   * `undefined` when the code is not this source's; `{ refused }` with a message for
   * the agent when it is, but may not enroll now (paused, expired).
   */
  resolve(code: string): Promise<EnrollmentTarget | { refused: string } | undefined>;
}

export interface EnrollmentSources {
  register(source: EnrollmentSource): void;
}

/** The extension point enrollment sources register with. */
export const enrollmentSourcesRef = createServiceRef<EnrollmentSources>('devices.enrollment-sources');

export interface DeviceSummary {
  id: string;
  /** The 9-digit number people read out (Quick Connect). */
  shortId: string;
  name: string;
  /** online, offline, not-installed, limited or disabled */
  status: string;
  os: string;
  lastSeenAt: string;
  /** Who is signed in at the device, from the agent's latest status; null when no one is (or none came yet). */
  signedInUser: string | null;
}

/** What a device's agent last said about its network (Wake-on-LAN). */
export interface DeviceNetwork extends DeviceSummary {
  /** The network cards' MAC addresses, lower case with `:`. */
  macs: string[];
  /** IPv4 addresses with prefix length (`192.168.1.20/24`), from agents that report them. */
  networks: string[];
  /** The address the agent's channel last came from, as the server saw it. */
  publicIp: string | null;
}

/** One connection of a device's agent, from its session log. */
export interface ConnectionEntry {
  deviceId: string;
  connectedAt: string;
  disconnectedAt: string | null;
  ip: string | null;
}

/** What other plugins may ask about devices. */
export interface DeviceDirectory {
  /** How many devices (not in Trash) each reference of a source has enrolled. */
  countEnrolled(source: string, references: string[]): Promise<Map<string, number>>;
  /** Whether the tenant has this device group. */
  hasGroup(tenantId: string, groupId: string): Promise<boolean>;
  /** Which source enrolled a device, and its reference there. */
  enrollmentOf(deviceId: string): Promise<{ source: string; reference: string } | undefined>;
  /** The tenant's devices among these ids, not in Trash, with name and status; ids of other tenants are left out. */
  describe(tenantId: string, ids: string[]): Promise<DeviceSummary[]>;
  /** The tenant's device (not in Trash) with this 9-digit number; undefined for none or another tenant's. */
  byShortId(tenantId: string, shortId: string): Promise<DeviceSummary | undefined>;
  /**
   * Network facts of the tenant's devices not in Trash: those with these ids, or (`connected: true`) those whose
   * agent is connected now (status online or not-installed), at most `limit` of them.
   */
  networks(tenantId: string, which: { ids: string[] } | { connected: true; limit: number }): Promise<DeviceNetwork[]>;
  /** The connections of these devices (the session log), newest first. */
  connectionsOf(tenantId: string, ids: string[], limit: number): Promise<ConnectionEntry[]>;
  /** The device an agent's credential (`Authorization: Bearer <device id>.<secret>`) is for; undefined when none is, or it is in Trash. */
  authenticateAgent(
    authorization: string | undefined,
  ): Promise<{ deviceId: string; tenantId: string; name: string } | undefined>;
}

export const deviceDirectoryRef = createServiceRef<DeviceDirectory>('devices.directory');

/** An operation a device's agent can run, declared by the plugin that offers it. */
export interface AgentOperationDefinition {
  /** `category:name`, e.g. `diagnostics:disk_usage`. */
  name: string;
  description: string;
  argsSchema: TSchema;
  destructive: boolean;
  /** A declared permission (of any enabled plugin or the core) the caller must hold. */
  permission: string;
  /**
   * Run only by the registering plugin's own code through `deviceCommandsRef` (a tunnel
   * for a remote session): `POST /devices/:id/operations` refuses it and the operations
   * list leaves it out.
   */
  internal?: boolean;
}

export interface AgentOperation extends AgentOperationDefinition {
  /** The plugin that registered it. */
  owner: string;
}

/**
 * Every agent operation the server knows. A plugin registers its operations from its
 * service factory (it depends on devices, so devices has started):
 * `context.get(agentOperationsRef).register(context.pluginId, operations)`.
 * The devices plugin checks arguments against them before anything reaches a device.
 */
export interface AgentOperations {
  /** Throws, naming each problem, on a name not `category:name`, a name taken, or an undeclared permission. */
  register(owner: string, operations: readonly AgentOperationDefinition[]): void;
  list(): AgentOperation[];
  get(name: string): AgentOperation | undefined;
}

export const agentOperationsRef = createServiceRef<AgentOperations>('devices.agent-operations');

/**
 * Runs agent operations on a tenant's device for other plugins' own code (internal
 * operations included), wherever the device's channel is held (the relay underneath).
 */
export interface DeviceCommands {
  /**
   * The operation's result; `NotFoundError` for a device of another tenant, in Trash or
   * unknown, `ConflictError` (`device-offline`) when its agent is not connected, and the
   * errors of the operation itself (bad arguments, failed on the device).
   */
  run(tenantId: string, deviceId: string, name: string, args: Record<string, unknown>): Promise<unknown>;
}

export const deviceCommandsRef = createServiceRef<DeviceCommands>('devices.commands');
