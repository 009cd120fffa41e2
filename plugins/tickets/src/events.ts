import type { Static } from '@sinclair/typebox';
import type { eventSchemas } from './schemas.js';

/** Payloads of the tickets plugin's events, for subscribers in plugins that depend on it. */
/** `tickets.ticket.created`. */
export type TicketCreatedEvent = Static<typeof eventSchemas.created>;
/** `tickets.ticket.updated`: the ticket's fields and what changed. */
export type TicketUpdatedEvent = Static<typeof eventSchemas.updated>;
/** `tickets.ticket.replied`: by the team or the customer. */
export type TicketRepliedEvent = Static<typeof eventSchemas.replied>;
/** `tickets.note.added`. */
export type TicketNoteAddedEvent = Static<typeof eventSchemas.noted>;
