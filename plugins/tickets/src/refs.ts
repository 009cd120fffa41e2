import { type FailureThrottle, createServiceRef } from '@outpost/core';
import type { PortalLinks } from './portal-links.js';
import type { TicketService } from './service.js';
import type { SupportWidgets } from './widget.js';

/** The plugin's own wiring. */
export interface Tickets {
  service: TicketService;
  links: PortalLinks;
  /** Customer replies per address and agent tickets per device. */
  publicLimit: FailureThrottle;
  widgets: SupportWidgets;
  /** Widget tickets per address. */
  widgetLimit: FailureThrottle;
}

export const ticketsRef = createServiceRef<Tickets>('tickets.internals');
