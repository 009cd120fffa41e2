import { type Static, Type } from '@sinclair/typebox';

/** `plugins.remote` in app-config.yaml (besides `enabled`). */
export const configSchema = Type.Object(
  {
    idleMinutes: Type.Integer({
      minimum: 1,
      maximum: 1440,
      default: 30,
      description: 'A session with no traffic in either direction for this long ends',
    }),
  },
  { additionalProperties: false },
);

export type RemoteConfig = Static<typeof configSchema>;
