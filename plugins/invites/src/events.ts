import { type Static, Type } from '@sinclair/typebox';

export const SupportEvent = Type.Object(
  { id: Type.String({ format: 'uuid' }), clientName: Type.String(), technician: Type.String(), sound: Type.Boolean() },
  { additionalProperties: false },
);

/** `invites.support.connected` and `invites.support.left`: the client of a support invitation came online or went away. */
export type SupportSessionEvent = Static<typeof SupportEvent>;
