// Operations of remote sessions the agent knows besides the devices catalog (../catalog.ts).
// The remote plugin registers them on the server as internal operations: only its own
// routes run them, never the generic operations route.
import type { OperationSpec } from '../catalog.js';

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
];
