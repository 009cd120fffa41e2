import { type FailureThrottle, createServiceRef } from '@outpost/core';
import type { PortalLinks } from './portal-links.js';
import type { TicketService } from './service.js';

/** The plugin's own wiring. */
export interface Tickets {
  service: TicketService;
  links: PortalLinks;
  /** Customer replies and agent tickets per address. */
  publicLimit: FailureThrottle;
}

export const ticketsRef = createServiceRef<Tickets>('tickets.internals');
