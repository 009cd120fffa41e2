import type { Static } from '@sinclair/typebox';
import type { eventSchemas } from './schemas.js';

/** `remote.session.started`: a technician opened a session (its tunnel is being set up). */
export type RemoteSessionStartedEvent = Static<typeof eventSchemas.started>;
/** `remote.session.ended`: why, by whom (terminated), and the bytes both ways. */
export type RemoteSessionEndedEvent = Static<typeof eventSchemas.ended>;

export interface RemoteEvents {
  'remote.session.started': RemoteSessionStartedEvent;
  'remote.session.ended': RemoteSessionEndedEvent;
}
