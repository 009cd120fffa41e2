import { Type } from '@sinclair/typebox';
import { AuthenticationError, GoneError, NotFoundError, type RequestScope, coreServices, createTenantScope, defineRoute, sendHtmlPage } from '@outpost/core';
import { contactDirectoryRef } from '@outpost/plugin-contacts';
import { deviceDirectoryRef } from '@outpost/plugin-devices';
import { renderPortalPage, renderPortalRefusal } from './portal-page.js';
import { ticketsRef } from './refs.js';
import { Body, Description, Priority, Subject } from './schemas.js';

const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', maxLength: 400 }) }, { additionalProperties: false });

/** The portal page's own script posts the reply. */
const portalPolicy = "script-src 'nonce-{nonce}'; connect-src 'self'; ";

/** The ticket a portal token opens, in its tenant; 404 for a token that is not ours, 410 for an expired one. */
function portalTarget(scope: RequestScope, token: string) {
  const claim = scope.get(ticketsRef).links.verify(token);
  if (!claim) throw new NotFoundError('This link is not valid.', { type: 'portal-link-invalid' });
  if (claim === 'expired') throw new GoneError('This link has expired. Answer the latest mail about your request for a new one.', { type: 'portal-link-expired' });
  return { tenant: createTenantScope(scope.get(coreServices.db), claim.tenantId), ticketId: claim.ticketId };
}

/** Routes outside /api: the customer's portal link and tickets from the device's agent. */
export const publicRoutes = [
  defineRoute({
    method: 'get',
    path: '/portal/t/:token',
    summary: 'The customer\'s page for one ticket, opened from the link in their mail: the conversation without internal notes, and a reply form (HTML)',
    public: true,
    schema: { params: TokenParams },
    handler: async ({ params, scope, ctx }) => {
      try {
        const { tenant, ticketId } = portalTarget(scope, params.token);
        const { service } = scope.get(ticketsRef);
        const [ticket, messages, tenantRow] = await Promise.all([service.get(tenant, ticketId), service.messages(tenant, ticketId, 'customer'), scope.get(coreServices.db)('core_tenants').where({ id: tenant.tenantId }).first('name')]);
        sendHtmlPage(ctx, 200, (nonce) => renderPortalPage({ company: tenantRow?.name ?? 'Outpost', ticket, messages, replyPath: `/portal/t/${params.token}/replies` }, nonce), portalPolicy);
      } catch (error) {
        if (!(error instanceof NotFoundError || error instanceof GoneError)) throw error;
        sendHtmlPage(ctx, error.status, (nonce) => renderPortalRefusal(error instanceof GoneError ? 'This link has expired' : 'This link is not valid', error.message, nonce), portalPolicy);
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/portal/t/:token/replies',
    summary: 'The customer answers the ticket their link opens; a waiting or resolved ticket opens again',
    public: true,
    status: 201,
    schema: { params: TokenParams, body: Type.Object({ body: Body }, { additionalProperties: false }), response: Type.Object({ id: Type.String() }) },
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
    summary: 'A support ticket from a device\'s agent (its tray or portal), authenticated with the device credential; linked to the device and its contact',
    public: true,
    status: 201,
    schema: {
      body: Type.Object(
        { subject: Subject, description: Type.Optional(Description), priority: Type.Optional(Priority), email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })) },
        { additionalProperties: false },
      ),
      response: Type.Object({ id: Type.String(), number: Type.Integer() }),
    },
    handler: async ({ body, scope, ctx }) => {
      const device = await scope.get(deviceDirectoryRef).authenticateAgent(ctx.get('authorization'));
      if (!device) throw new AuthenticationError('Send the device credential as Authorization: Bearer <device id>.<secret>.');
      const { service, publicLimit } = scope.get(ticketsRef);
      publicLimit.check(`device:${device.deviceId}`);
      const contact = body.email ? await scope.get(contactDirectoryRef).findOrCreateByEmail(device.tenantId, body.email) : undefined;
      const tenant = createTenantScope(scope.get(coreServices.db), device.tenantId);
      const ticket = await service.create(
        tenant,
        { subject: body.subject, description: body.description ?? '', priority: body.priority ?? 'medium', source: 'portal', deviceId: device.deviceId, contactId: contact?.id, requesterEmail: body.email ?? null },
        { userId: null, name: contact?.name ?? device.name },
      );
      publicLimit.fail(`device:${device.deviceId}`);
      return { id: ticket.id, number: ticket.number };
    },
  }),
];
