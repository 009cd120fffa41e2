// The operations this agent knows (DESIGN 4), with their argument schemas. The server
// declares the same list (the devices plugin reads it from here) so bad arguments are
// refused before they travel; the agent checks them again before it runs anything.

export interface OperationSpec {
  name: string;
  description: string;
  destructive: boolean;
  argsSchema: Record<string, unknown>;
}

const noArgs = { type: 'object', properties: {}, additionalProperties: false };

export const operationCatalog: OperationSpec[] = [
  {
    name: 'diagnostics:get_system_info',
    description: 'The machine: OS, hardware, memory, disks, network interfaces, users, uptime',
    destructive: false,
    argsSchema: noArgs,
  },
  {
    name: 'diagnostics:disk_usage',
    description: 'Size, use and free space of each mounted file system',
    destructive: false,
    argsSchema: noArgs,
  },
  {
    name: 'diagnostics:list_processes',
    description: 'Running processes with CPU and memory use, busiest first',
    destructive: false,
    argsSchema: {
      type: 'object',
      properties: {
        sortBy: { enum: ['cpu', 'memory', 'name'], default: 'cpu' },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'diagnostics:network_info',
    description: 'Network interfaces with addresses and MACs, default gateway, DNS servers',
    destructive: false,
    argsSchema: noArgs,
  },
];
