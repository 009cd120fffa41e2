export { ticketsPlugin } from './plugin.js';
export type { TicketCreatedEvent, TicketNoteAddedEvent, TicketRepliedEvent, TicketUpdatedEvent } from './events.js';
