import { Type } from '@sinclair/typebox';
import {
  allowedOriginsSchema,
  type RequestScope,
  collectPages,
  coreServices,
  defineRoute,
  limitParameter,
  sendCsv,
} from '@outpost/core';
import { ticketsRef } from './refs.js';
import {
  Body,
  HistoryEntry,
  Message,
  NewTicket,
  OpenCounts,
  Priority,
  Source,
  Status,
  Ticket,
  TicketChange,
} from './schemas.js';
import type { Actor } from './service.js';
import { widgetPositions } from './widget.js';

/** The support widget's settings; exported for the plugin's UI (ui/api-types.ts). */
export const SupportWidget = Type.Object({
  key: Type.String(),
  companyName: Type.String(),
  color: Type.String(),
  position: Type.Union(widgetPositions.map((p) => Type.Literal(p))),
  greeting: Type.String(),
  allowedOrigins: Type.Array(Type.String()),
  snippet: Type.String(),
  testPage: Type.String(),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Filters = {
  status: Type.Optional(Status),
  priority: Type.Optional(Priority),
  source: Type.Optional(Source),
  assignee: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Literal('me'), Type.Literal('none')])),
  contactId: Type.Optional(Type.String({ format: 'uuid' })),
  deviceId: Type.Optional(Type.String({ format: 'uuid' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
};

/** `me` is the caller. */
const assigneeOf = (scope: RequestScope, assignee: string | undefined) =>
  assignee === 'me' ? (scope.principal?.userId ?? 'none') : assignee;

/** The signed-in user (or the API key's owner) as the author of a change. */
async function actor(scope: RequestScope): Promise<Actor> {
  const userId = scope.principal?.userId ?? null;
  const user = userId ? await scope.get(coreServices.directory).user(userId) : undefined;
  return { userId, name: user?.displayName || scope.principal?.label || 'Outpost' };
}

export const routes = [
  defineRoute({
    method: 'get',
    path: '',
    summary:
      'Tickets, newest first; filter by status, priority, source, assignee (a user id, `me` or `none`), contact, device; `q` finds the subject or #number',
    permission: 'ticket.view',
    schema: {
      query: Type.Object(
        { ...Filters, limit: limitParameter(), cursor: Type.Optional(Type.String({ maxLength: 20 })) },
        { additionalProperties: false },
      ),
      response: Type.Object({ items: Type.Array(Ticket), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    },
    handler: ({ query, scope }) =>
      scope.get(ticketsRef).service.list(scope.tenant, { ...query, assignee: assigneeOf(scope, query.assignee) }),
  }),
  defineRoute({
    method: 'get',
    path: '/export.csv',
    summary: 'The filtered tickets as CSV',
    permission: 'ticket.view',
    schema: { query: Type.Object(Filters, { additionalProperties: false }) },
    handler: async ({ query, scope, ctx }) => {
      const { service } = scope.get(ticketsRef);
      const tickets = await collectPages((cursor, limit) =>
        service.list(scope.tenant, { ...query, assignee: assigneeOf(scope, query.assignee), limit, cursor }),
      );
      sendCsv(ctx, 'tickets.csv', [
        ['number', 'subject', 'status', 'priority', 'source', 'assignee', 'contact', 'device', 'created', 'updated'],
        ...tickets.map((t) => [
          t.number,
          t.subject,
          t.status,
          t.priority,
          t.source,
          t.assignee?.name ?? '',
          t.contact?.name ?? '',
          t.device?.name ?? '',
          t.createdAt,
          t.updatedAt,
        ]),
      ]);
    },
  }),
  defineRoute({
    method: 'post',
    path: '',
    summary: 'Open a ticket from the dashboard, optionally for a contact and a device, optionally assigned',
    permission: 'ticket.manage',
    status: 201,
    schema: { body: NewTicket, response: Ticket },
    handler: async ({ body, scope }) =>
      scope
        .get(ticketsRef)
        .service.create(
          scope.tenant,
          { description: '', priority: 'medium', ...body, source: 'dashboard' },
          await actor(scope),
        ),
  }),
  defineRoute({
    method: 'get',
    path: '/assignees',
    summary: 'The team members a ticket can be assigned to',
    permission: 'ticket.view',
    schema: { response: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }) },
    handler: async ({ scope }) => {
      const members = await scope.get(coreServices.directory).members(scope.tenant.tenantId);
      return { items: members.map((m) => ({ id: m.id, name: m.displayName })) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/counts',
    summary: 'Tickets still to be dealt with (open, in progress, waiting), by priority',
    permission: 'ticket.view',
    schema: { response: OpenCounts },
    handler: ({ scope }) => scope.get(ticketsRef).service.openCounts(scope.tenant),
  }),
  defineRoute({
    method: 'get',
    path: '/widget',
    summary:
      "The support widget for the tenant's website: company name, color, position, greeting, allowed websites, and its snippet",
    permission: 'ticket.view',
    schema: { response: SupportWidget },
    handler: ({ scope }) => scope.get(ticketsRef).widgets.get(scope.tenant),
  }),
  defineRoute({
    method: 'put',
    path: '/widget',
    summary: 'Change the support widget (allowed websites: none means any)',
    permission: 'settings.manage',
    schema: {
      body: Type.Object(
        {
          companyName: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
          color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', maxLength: 7 }),
          position: Type.Union(widgetPositions.map((p) => Type.Literal(p))),
          greeting: Type.String({ minLength: 1, maxLength: 300 }),
          allowedOrigins: allowedOriginsSchema,
        },
        { additionalProperties: false },
      ),
      response: SupportWidget,
    },
    handler: ({ body, scope }) => scope.get(ticketsRef).widgets.update(scope.tenant, body),
  }),
  defineRoute({
    method: 'get',
    path: '/:id',
    summary:
      "A ticket with its conversation (replies, the customer's messages and internal notes) and the history of its changes",
    permission: 'ticket.view',
    schema: {
      params: IdParams,
      response: Type.Intersect([
        Ticket,
        Type.Object({ messages: Type.Array(Message), history: Type.Array(HistoryEntry) }),
      ]),
    },
    handler: async ({ params, scope }) => {
      const { service } = scope.get(ticketsRef);
      const [ticket, messages, history] = await Promise.all([
        service.get(scope.tenant, params.id),
        service.messages(scope.tenant, params.id, 'team'),
        service.history(scope.tenant, params.id),
      ]);
      return { ...ticket, messages, history };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/:id',
    summary: 'Change the subject, priority, status, assignee, contact or device; each change goes into the history',
    permission: 'ticket.manage',
    schema: { params: IdParams, body: TicketChange, response: Ticket },
    handler: async ({ params, body, scope }) =>
      scope.get(ticketsRef).service.update(scope.tenant, params.id, body, await actor(scope)),
  }),
  defineRoute({
    method: 'post',
    path: '/:id/messages',
    summary:
      'Reply to the customer (mailed to them with their portal link), or add an internal note (`internal: true`, the team only)',
    permission: 'ticket.manage',
    status: 201,
    schema: {
      params: IdParams,
      body: Type.Object({ body: Body, internal: Type.Boolean({ default: false }) }, { additionalProperties: false }),
      response: Message,
    },
    handler: async ({ params, body, scope }) =>
      scope.get(ticketsRef).service.reply(scope.tenant, params.id, body.body, body.internal, await actor(scope)),
  }),
  defineRoute({
    method: 'post',
    path: '/:id/portal-link',
    summary: 'A new link for the customer to read and answer this ticket without an account (it expires)',
    permission: 'ticket.manage',
    status: 201,
    schema: { params: IdParams, response: Type.Object({ url: Type.String(), expiresAt: Type.String() }) },
    handler: async ({ params, scope }) => {
      const { service, links } = scope.get(ticketsRef);
      await service.get(scope.tenant, params.id);
      return links.url(scope.tenant.tenantId, params.id);
    },
  }),
];
