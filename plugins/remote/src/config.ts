import { type Static, Type } from '@sinclair/typebox';

/** `plugins.remote` in app-config.yaml (besides `enabled`). */
export const configSchema = Type.Object(
  {
    idleMinutes: Type.Number({
      minimum: 0.05,
      maximum: 1440,
      default: 30,
      description: 'A session with no traffic in either direction for this long ends',
    }),
    maxFrameKb: Type.Integer({
      minimum: 16,
      maximum: 16_384,
      default: 1024,
      description: 'The largest WebSocket message a tunnel carries; a larger one closes that tunnel only',
    }),
    heartbeatSeconds: Type.Integer({
      minimum: 1,
      maximum: 300,
      default: 30,
      description: 'Ping interval of tunnel sockets; one that misses an answer is closed',
    }),
    internalUrl: Type.Optional(
      Type.String({
        pattern: '^https?://[^/]+$',
        description:
          'How other instances reach this one for a tunnel whose ends landed on different instances (http://10.0.0.5:7007); the address it listens at when not given',
      }),
    ),
    wake: Type.Object(
      {
        port: Type.Integer({
          minimum: 1,
          maximum: 65535,
          default: 9,
          description: 'UDP port the Wake-on-LAN magic packet goes to',
        }),
        address: Type.Optional(
          Type.String({
            format: 'ipv4',
            description:
              "Send the magic packet to this IPv4 address instead of the shared subnet's broadcast address (or 255.255.255.255)",
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type RemoteConfig = Static<typeof configSchema>;
