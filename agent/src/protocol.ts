// The agent channel (DESIGN 4): JSON-RPC 2.0 in both directions over one WebSocket
// to /agent/v1/ws. This file is the one description of it, shared by the agent and
// the server (type-only on the server side).

export const agentProtocolVersion = 1;

/** What the agent tells the server about its machine when it enrolls and says hello. */
export interface MachineFacts {
  hostname: string;
  /** `linux`, `darwin` or `windows`. */
  os: string;
  /** Human name of the OS, e.g. "Debian GNU/Linux". */
  osName: string;
  osVersion: string;
  arch: string;
  macs: string[];
  ips: string[];
  /** IPv4 addresses with their prefix length (`192.168.1.20/24`): which local networks the machine is on (Wake-on-LAN relays). */
  networks?: string[];
  /** The user signed in at the console, when there is one. */
  user: string | null;
  cpu: string;
  memoryBytes: number;
}

export interface EnrollRequest {
  code: string;
  facts: MachineFacts;
}

export interface EnrollResponse {
  deviceId: string;
  /** Shown once; the agent keeps it in a 0600 file and sends it as `Authorization: Bearer <deviceId>.<secret>`. */
  secret: string;
  name: string;
  shortId: string;
}

/** Agent → server request `hello`, the first message on every connection. */
export interface HelloParams {
  protocol: number;
  agentVersion: string;
  /** Running as an installed service (systemd, launchd, Windows service) rather than by hand. */
  service: boolean;
  /** Whether there is a display to take screenshots of. */
  display: boolean;
  facts: MachineFacts;
}

export interface HelloResult {
  deviceId: string;
  name: string;
  /** How often the agent sends `status`. */
  statusIntervalMs: number;
  settings: DeviceSettings;
  /** True while a dashboard is looking at this device: send screenshots. */
  watching: boolean;
}

/** Stored for the agent; the agent applies them where its platform allows. */
export interface DeviceSettings {
  allowNonAdminSetup: boolean;
  autoAuthorization: boolean;
}

/** Agent → server notification `status`, every `statusIntervalMs`. */
export interface StatusParams {
  uptimeSeconds: number;
  load: number;
  memoryUsedBytes: number;
  user: string | null;
}

/** Agent → server notification `system_info`: the detailed configuration, after hello. */
export type SystemInfoParams = Record<string, unknown>;

/** Agent → server notification `screenshot`. */
export type ScreenshotParams =
  | { mime: 'image/jpeg' | 'image/png'; data: string; width: number; height: number; takenAt: string }
  | { unavailable: string };

/** Server → agent notification `screenshots.watch`. */
export interface WatchParams {
  watching: boolean;
  intervalMs: number;
}

/** Server → agent request `op.run`. */
export interface OperationParams {
  name: string;
  args: Record<string, unknown>;
}

export const rpcErrors = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  operationFailed: -32000,
  unknownOperation: -32001,
} as const;

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type RpcMessage =
  | { jsonrpc: '2.0'; id: number | string; method: string; params?: unknown }
  | { jsonrpc: '2.0'; method: string; params?: unknown }
  | { jsonrpc: '2.0'; id: number | string | null; result: unknown }
  | { jsonrpc: '2.0'; id: number | string | null; error: RpcError };
