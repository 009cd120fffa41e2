import { type Static, Type } from '@sinclair/typebox';

/** `plugins.__id__` in app-config.yaml (besides `enabled`). */
export const configSchema = Type.Object(
  {
    /** Items one tenant may keep. */
    maxItems: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000 }),
  },
  { additionalProperties: false },
);

export type __Name__Config = Static<typeof configSchema>;
