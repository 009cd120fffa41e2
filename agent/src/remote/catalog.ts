// Operations of remote sessions the agent knows besides the devices catalog (../catalog.ts).
// The remote plugin registers them on the server as internal operations: only its own
// routes run them, never the generic operations route.
import type { OperationSpec } from '../catalog.js';

const mac = { type: 'string', pattern: '^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$' };
const ipv4 = { type: 'string', pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' };

export const remoteOperationCatalog: OperationSpec[] = [
  {
    name: 'remote:open_tunnel',
    description: "Opens a remote session's tunnel: a WebSocket to the server, piped to a local target",
    destructive: false,
    argsSchema: {
      type: 'object',
      properties: {
        sessionId: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
        token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
        kind: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' },
        options: { type: 'object', maxProperties: 32, default: {} },
      },
      required: ['sessionId', 'token', 'kind'],
      additionalProperties: false,
    },
  },
  {
    name: 'remote:wake',
    description: 'Send a Wake-on-LAN magic packet for another machine of the same network',
    destructive: false,
    argsSchema: {
      type: 'object',
      properties: {
        macs: { type: 'array', items: mac, minItems: 1, maxItems: 16 },
        address: ipv4,
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 9 },
      },
      required: ['macs', 'address'],
      additionalProperties: false,
    },
  },
];
