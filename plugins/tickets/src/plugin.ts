import { Type } from '@sinclair/typebox';
import {
  FailureThrottle,
  type MailMessage,
  coreServices,
  createTenantScope,
  definePlugin,
  defineService,
} from '@outpost/core';
import { contactDirectoryRef } from '@outpost/plugin-contacts';
import { deviceDirectoryRef } from '@outpost/plugin-devices';
import { TicketMail } from './mail.js';
import { migrations } from './migrations.js';
import { PortalLinks } from './portal-links.js';
import { publicRoutes } from './public-routes.js';
import { type Tickets, ticketsRef } from './refs.js';
import { routes } from './routes.js';
import { eventSchemas } from './schemas.js';
import { TicketService } from './service.js';
import { SupportWidgets } from './widget.js';

const configSchema = Type.Object(
  {
    portalLinkDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      default: 30,
      description: "How long the link in a customer's mail opens their ticket",
    }),
    publicLimit: Type.Integer({
      minimum: 1,
      default: 30,
      description: 'Customer replies (per address) and agent tickets (per device) in 10 minutes',
    }),
    widgetLimit: Type.Integer({
      minimum: 1,
      default: 5,
      description: 'Tickets from the website widget per address in 10 minutes',
    }),
  },
  { additionalProperties: false },
);

export interface TicketsConfig {
  portalLinkDays: number;
  publicLimit: number;
  widgetLimit: number;
}

export const ticketsPlugin = definePlugin<TicketsConfig>({
  id: 'tickets',
  dependencies: ['devices', 'contacts'],
  configSchema,
  migrations,
  services: [
    defineService({
      ref: ticketsRef,
      create(context): Tickets {
        const { config } = context;
        const baseUrl = context.coreConfig.app.baseUrl;
        const links = new PortalLinks(
          context.get(coreServices.secrets).deriveKey('tickets.portal-links'),
          config.portalLinkDays * 86_400_000,
          baseUrl,
        );
        const directory = context.get(coreServices.directory);
        const tenantName = async (tenantId: string) => (await directory.tenant(tenantId))?.name ?? 'Support';
        const widgets = new SupportWidgets(context.get(coreServices.embeds), baseUrl, tenantName);
        const brandOf = (tenantId: string) => widgets.get(createTenantScope(context.db, tenantId));
        const mail = new TicketMail(directory, context.jobs, links, baseUrl, () => service, brandOf);
        const service: TicketService = new TicketService(
          context.db,
          context.events,
          context.get(contactDirectoryRef),
          context.get(deviceDirectoryRef),
          directory,
          (news) => mail.handle(news),
        );
        return {
          service,
          links,
          publicLimit: new FailureThrottle(config.publicLimit, 10 * 60_000, 'messages'),
          widgets,
          widgetLimit: new FailureThrottle(config.widgetLimit, 10 * 60_000, 'requests'),
        };
      },
    }),
  ],
  jobs: [
    {
      name: 'mail',
      maxAttempts: 8,
      backoffMs: 30_000,
      handle: async (payload: MailMessage, _job, context) => void (await context.mail.send(payload)),
    },
  ],
  events: {
    'tickets.ticket.created': {
      schema: eventSchemas.created,
      permission: 'ticket.view',
      description: 'A ticket was opened (dashboard, portal or widget)',
    },
    'tickets.ticket.updated': {
      schema: eventSchemas.updated,
      permission: 'ticket.view',
      description: 'Fields of a ticket changed: status, priority, assignee, contact, device, subject',
    },
    'tickets.ticket.replied': {
      schema: eventSchemas.replied,
      permission: 'ticket.view',
      description: 'The team or the customer replied',
    },
    'tickets.note.added': {
      schema: eventSchemas.noted,
      permission: 'ticket.view',
      description: 'An internal note was added',
    },
  },
  routes,
  externalRoutes: publicRoutes,
  ui: {
    palette: [{ module: 'palette.js', permission: 'ticket.view' }],
    nav: [
      { label: 'Tickets', icon: 'tickets', path: '/tickets', permission: 'ticket.view', section: 'work', order: 20 },
    ],
    notifications: [
      { topic: 'tickets.ticket.created', label: 'A new ticket', title: 'New ticket #{number}', body: '{subject}' },
      {
        topic: 'tickets.ticket.replied',
        label: 'A customer replies to a ticket',
        title: '{author} replied to #{number}',
        body: '{subject}',
        when: { field: 'from', equals: 'customer' },
      },
    ],
    extensions: [
      { point: 'devices.device.details', element: 'tickets-panel', permission: 'ticket.view' },
      { point: 'contacts.contact.details', element: 'tickets-panel', permission: 'ticket.view' },
      { point: 'core.home.widgets', element: 'tickets-home-open', permission: 'ticket.view' },
    ],
    homeActions: [{ label: 'Create Ticket', path: '/tickets/new', permission: 'ticket.manage' }],
    // The support widget shares the Widgets tab with the invites plugin's code widget (same id and label).
    settings: [
      {
        id: 'widgets',
        label: 'Widgets',
        icon: 'chat',
        permission: 'settings.manage',
        order: 20,
        element: 'tickets-support-widget',
        redirects: ['/support-widget'],
      },
    ],
  },
});
