import { Type } from '@sinclair/typebox';
import { fileURLToPath } from 'node:url';
import {
  AuthenticationError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  type RequestScope,
  coreServices,
  createTenantScope,
  defineRoute,
  originAllowed,
  sendEmbedScript,
  sendHtmlPage,
} from '@outpost/core';
import { contactDirectoryRef } from '@outpost/plugin-contacts';
import { deviceDirectoryRef } from '@outpost/plugin-devices';
import { renderPortalPage, renderPortalRefusal, renderWidgetTestPage } from './portal-page.js';
import { ticketsRef } from './refs.js';
import { Body, Description, Priority, Subject } from './schemas.js';

const TokenParams = Type.Object(
  { token: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', maxLength: 400 }) },
  { additionalProperties: false },
);

/** The portal page's own script posts the reply. */
const portalPolicy = "script-src 'nonce-{nonce}'; connect-src 'self'; ";

/** The ticket a portal token opens, in its tenant; 404 for a token that is not ours, 410 for an expired one. */
function portalTarget(scope: RequestScope, token: string) {
  const claim = scope.get(ticketsRef).links.verify(token);
  if (!claim) throw new NotFoundError('This link is not valid.', { type: 'portal-link-invalid' });
  if (claim === 'expired')
    throw new GoneError('This link has expired. Answer the latest mail about your request for a new one.', {
      type: 'portal-link-expired',
    });
  return { tenant: createTenantScope(scope.get(coreServices.db), claim.tenantId), ticketId: claim.ticketId };
}

const KeyParams = Type.Object(
  { key: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 32 }) },
  { additionalProperties: false },
);
const widgetSource = fileURLToPath(new URL('../../widget/support-widget.js', import.meta.url));

/** Routes outside /api: the customer's portal link, tickets from the device's agent, the website widget. */
export const publicRoutes = [
  defineRoute({
    method: 'get',
    path: '/portal/t/:token',
    summary:
      "The customer's page for one ticket, opened from the link in their mail: the conversation without internal notes, and a reply form (HTML)",
    public: true,
    secretPath: true,
    schema: { params: TokenParams },
    handler: async ({ params, scope, ctx }) => {
      try {
        const { tenant, ticketId } = portalTarget(scope, params.token);
        const { service } = scope.get(ticketsRef);
        const [ticket, messages, brand] = await Promise.all([
          service.get(tenant, ticketId),
          service.messages(tenant, ticketId, 'customer'),
          scope.get(ticketsRef).widgets.get(tenant),
        ]);
        sendHtmlPage(
          ctx,
          200,
          (nonce) =>
            renderPortalPage({ brand, ticket, messages, replyPath: `/portal/t/${params.token}/replies` }, nonce),
          portalPolicy,
        );
      } catch (error) {
        if (!(error instanceof NotFoundError || error instanceof GoneError)) throw error;
        sendHtmlPage(
          ctx,
          error.status,
          (nonce) =>
            renderPortalRefusal(
              error instanceof GoneError ? 'This link has expired' : 'This link is not valid',
              error.message,
              nonce,
            ),
          portalPolicy,
        );
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/portal/t/:token/replies',
    summary: 'The customer answers the ticket their link opens; a waiting or resolved ticket opens again',
    public: true,
    secretPath: true,
    status: 201,
    schema: {
      params: TokenParams,
      body: Type.Object({ body: Body }, { additionalProperties: false }),
      response: Type.Object({ id: Type.String() }),
    },
    handler: async ({ params, body, scope, ctx }) => {
      const { service, publicLimit } = scope.get(ticketsRef);
      publicLimit.check(ctx.ip);
      const { tenant, ticketId } = portalTarget(scope, params.token);
      const message = await service.customerReply(tenant, ticketId, body.body);
      publicLimit.fail(ctx.ip);
      return { id: message.id };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/agent/v1/tickets',
    summary:
      "A support ticket from a device's agent (its tray or portal), authenticated with the device credential; linked to the device and its contact",
    public: true,
    status: 201,
    schema: {
      body: Type.Object(
        {
          subject: Subject,
          description: Type.Optional(Description),
          priority: Type.Optional(Priority),
          email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
        },
        { additionalProperties: false },
      ),
      response: Type.Object({ id: Type.String(), number: Type.Integer() }),
    },
    handler: async ({ body, scope, ctx }) => {
      const device = await scope.get(deviceDirectoryRef).authenticateAgent(ctx.get('authorization'));
      if (!device)
        throw new AuthenticationError('Send the device credential as Authorization: Bearer <device id>.<secret>.');
      const { service, publicLimit } = scope.get(ticketsRef);
      publicLimit.check(`device:${device.deviceId}`);
      const contact = body.email
        ? await scope.get(contactDirectoryRef).findOrCreateByEmail(device.tenantId, body.email)
        : undefined;
      const tenant = createTenantScope(scope.get(coreServices.db), device.tenantId);
      const ticket = await service.create(
        tenant,
        {
          subject: body.subject,
          description: body.description ?? '',
          priority: body.priority ?? 'medium',
          source: 'portal',
          deviceId: device.deviceId,
          contactId: contact?.id,
          requesterEmail: body.email ?? null,
        },
        { userId: null, name: contact?.name ?? device.name },
      );
      publicLimit.fail(`device:${device.deviceId}`);
      return { id: ticket.id, number: ticket.number };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/support-widget/:key',
    summary: "A plain page that hosts the tenant's support widget: to try it before pasting the snippet (HTML)",
    public: true,
    schema: { params: KeyParams },
    handler: async ({ params, scope, ctx }) => {
      const widget = await scope.get(ticketsRef).widgets.byKey(params.key);
      sendHtmlPage(
        ctx,
        200,
        (nonce) => renderWidgetTestPage(widget.companyName, widget.key, nonce),
        "script-src 'self'; connect-src 'self'; ",
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/support-widget/:key/widget.js',
    summary: "The support widget for a website, with the tenant's settings built in (JavaScript)",
    public: true,
    schema: { params: KeyParams },
    handler: async ({ params, scope, ctx }) => {
      const widget = await scope.get(ticketsRef).widgets.byKey(params.key);
      const config = {
        origin: new URL(widget.testPage).origin,
        key: widget.key,
        company: widget.companyName,
        color: widget.color,
        position: widget.position,
        greeting: widget.greeting,
      };
      sendEmbedScript(ctx, widgetSource, config);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/support-widget/:key/tickets',
    summary:
      "A support request from the widget on the tenant's website: a ticket with source Widget for the contact with that e-mail (created if new); rate-limited per address, with a honeypot field",
    public: true,
    crossOrigin: true,
    status: 201,
    schema: {
      params: KeyParams,
      body: Type.Object(
        {
          email: Type.String({ format: 'email', maxLength: 254 }),
          subject: Subject,
          description: Type.Optional(Description),
          priority: Type.Optional(Priority),
          // Hidden in the form: people leave it empty, form-filling robots do not.
          website: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      response: Type.Object({ number: Type.Optional(Type.Integer()) }),
    },
    handler: async ({ params, body, scope, ctx }) => {
      const { service, widgets, widgetLimit } = scope.get(ticketsRef);
      const widget = await widgets.byKey(params.key);
      const origin = ctx.get('origin') || undefined;
      if (!originAllowed(widget.allowedOrigins, origin)) {
        ctx.remove('Access-Control-Allow-Origin');
        throw new ForbiddenError('This website may not use the widget.', { type: 'widget-origin' });
      }
      widgetLimit.check(ctx.ip);
      widgetLimit.fail(ctx.ip);
      if (body.website) return {};
      const contact = await scope.get(contactDirectoryRef).findOrCreateByEmail(widget.tenantId, body.email);
      const tenant = createTenantScope(scope.get(coreServices.db), widget.tenantId);
      const ticket = await service.create(
        tenant,
        {
          subject: body.subject,
          description: body.description ?? '',
          priority: body.priority ?? 'medium',
          source: 'widget',
          contactId: contact.id,
          requesterEmail: body.email,
        },
        { userId: null, name: contact.name },
      );
      return { number: ticket.number };
    },
  }),
];
