// The answers of the tickets API, typed from the schemas the routes answer with (../src).
import type { Static } from '@sinclair/typebox';
import type { SupportWidget as SupportWidgetSchema } from '../src/routes.js';
import type {
  HistoryEntry as HistoryEntrySchema,
  Message as MessageSchema,
  OpenCounts as OpenCountsSchema,
  Ticket as TicketSchema,
} from '../src/schemas.js';

export type { Priority as TicketPriority, Source as TicketSource, Status as TicketStatus } from '../src/service.js';

export type Ticket = Static<typeof TicketSchema>;

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

export type Message = Static<typeof MessageSchema>;
export type HistoryEntry = Static<typeof HistoryEntrySchema>;

/** GET /tickets/:id: the ticket with its conversation and history. */
export type TicketWithConversation = Ticket & { messages: Message[]; history: HistoryEntry[] };

/** GET /tickets/counts: tickets still to be dealt with, by priority. */
export type OpenCounts = Static<typeof OpenCountsSchema>;

/** GET /tickets/assignees: who a ticket may be assigned to. */
export interface Assignee {
  id: string;
  name: string;
}

export type SupportWidget = Static<typeof SupportWidgetSchema>;

/** POST /tickets/:id/portal-link: a link for the customer to the ticket's portal page. */
export interface PortalLink {
  url: string;
  expiresAt: string;
}
