import { Type } from '@sinclair/typebox';
import { type RequestScope, allowedOriginsSchema, coreServices, defineRoute } from '@outpost/core';
import { deploymentStatuses } from './deployments.js';
import { deploymentsRef, invitesRef, supportRef, widgetRef } from './refs.js';
import { downloadSystems } from './service.js';
import { widgetPositions } from './widget.js';

// The answers' schemas are exported: the plugin's UI (ui/api-types.ts) takes its types from them.
// Codes and links are left out for principals who may not create what they open (see withoutCodes).
export const SupportInvitation = Type.Object({
  id: Type.String(),
  clientName: Type.String(),
  code: Type.Optional(Type.String()),
  displayCode: Type.Optional(Type.String()),
  link: Type.Optional(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('ended')]),
  technician: Type.String(),
  openWindowInAdvance: Type.Boolean(),
  sound: Type.Boolean(),
  deviceId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  connectedAt: Type.Union([Type.String(), Type.Null()]),
  endedAt: Type.Union([Type.String(), Type.Null()]),
});
export const Deployment = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.Optional(Type.String()),
  displayCode: Type.Optional(Type.String()),
  groupId: Type.Union([Type.String(), Type.Null()]),
  expectedCount: Type.Integer(),
  registeredCount: Type.Integer(),
  ssoCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  status: Type.Union(deploymentStatuses.map((s) => Type.Literal(s))),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const ClientUrl = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]);
const brandingFields = {
  companyName: Type.String({ minLength: 1, maxLength: 100 }),
  primaryColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', maxLength: 7 }),
  logo: Type.Union([
    Type.String({ pattern: '^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$', maxLength: 300_000 }),
    Type.Null(),
  ]),
};
export const Branding = Type.Object(
  { ...brandingFields, clientUrls: Type.Object(Object.fromEntries(downloadSystems.map((os) => [os, ClientUrl]))) },
  { additionalProperties: false },
);
const BrandingChange = Type.Object(
  {
    ...brandingFields,
    clientUrls: Type.Optional(
      Type.Object(Object.fromEntries(downloadSystems.map((os) => [os, Type.Optional(ClientUrl)])), {
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);
export const Invite = Type.Object({
  id: Type.String(),
  code: Type.Optional(Type.String()),
  displayCode: Type.Optional(Type.String()),
  link: Type.Optional(Type.String()),
  name: Type.String(),
  groupId: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deviceCount: Type.Integer(),
  maxDevices: Type.Union([Type.Integer(), Type.Null()]),
});

const NewInvite = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    groupId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    maxDevices: Type.Optional(
      Type.Union([
        Type.Integer({
          minimum: 1,
          maximum: 1_000_000,
          description: 'The most devices the code may enroll (Trash frees a place); null or left out: no maximum',
        }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const Widget = Type.Object({
  key: Type.String(),
  color: Type.String(),
  position: Type.Union(widgetPositions.map((p) => Type.Literal(p))),
  greeting: Type.String(),
  allowedOrigins: Type.Array(Type.String()),
  snippet: Type.String(),
  testPage: Type.String(),
});

const secretFields = ['code', 'displayCode', 'link', 'ssoCode'];

/**
 * A code or link enrolls devices (or takes over a pending support session): only principals
 * who may create such things (`permission`, the one their POST route asks) see them in a list.
 */
function withoutCodes<T extends object>(scope: RequestScope, permission: string, items: T[]): Array<Partial<T>> {
  if (scope.principal?.permissions.has(permission)) return items;
  return items.map(
    (item) => Object.fromEntries(Object.entries(item).filter(([key]) => !secretFields.includes(key))) as Partial<T>,
  );
}

/** The tenant's routes under /api/v1/invites. */
export const routes = [
  defineRoute({
    method: 'get',
    path: '/support',
    summary: 'Remote-support invitations, newest first, with their status',
    permission: 'device.view',
    schema: { response: Type.Object({ items: Type.Array(SupportInvitation) }) },
    handler: async ({ scope }) => ({
      items: withoutCodes(scope, 'device.connect', await scope.get(supportRef).list(scope.tenant)),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/support',
    summary: 'Invite a client to a remote-support session: a pending connection with its link and code',
    permission: 'device.connect',
    status: 201,
    schema: {
      body: Type.Object(
        {
          clientName: Type.String({ minLength: 1, maxLength: 100 }),
          openWindowInAdvance: Type.Boolean({ default: false }),
          sound: Type.Boolean({ default: true }),
        },
        { additionalProperties: false },
      ),
      response: SupportInvitation,
    },
    handler: async ({ body, scope }) => {
      const user = scope.principal?.userId
        ? await scope.get(coreServices.directory).user(scope.principal.userId)
        : undefined;
      return scope.get(supportRef).create(scope.tenant, body, {
        id: scope.principal?.userId,
        name: user?.displayName || scope.principal?.label || 'Your technician',
      });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/support/:id',
    summary: 'Withdraw a remote-support invitation',
    permission: 'device.connect',
    schema: { params: IdParams },
    handler: async ({ params, scope }) => scope.get(supportRef).delete(scope.tenant, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/deployments',
    summary: 'Deployments with their progress (devices registered of expected)',
    permission: 'device.view',
    schema: { response: Type.Object({ items: Type.Array(Deployment) }) },
    handler: async ({ scope }) => ({
      items: withoutCodes(scope, 'device.manage', await scope.get(deploymentsRef).list(scope.tenant)),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/deployments',
    summary:
      'Plan a deployment: name, target group, expected device count, optional SSO invite code; it gets its own enrollment code',
    permission: 'device.manage',
    status: 201,
    schema: {
      body: Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 100 }),
          groupId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
          expectedCount: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
          ssoCode: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      response: Deployment,
    },
    handler: ({ body, scope }) => scope.get(deploymentsRef).create(scope.tenant, body),
  }),
  defineRoute({
    method: 'patch',
    path: '/deployments/:id',
    summary: 'Rename, change the expected count, or pause, resume or complete a deployment',
    permission: 'device.manage',
    schema: {
      params: IdParams,
      body: Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          expectedCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          status: Type.Optional(Type.Union(deploymentStatuses.map((s) => Type.Literal(s)))),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
      response: Deployment,
    },
    handler: ({ params, body, scope }) => scope.get(deploymentsRef).update(scope.tenant, params.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/deployments/:id',
    summary: 'Delete a deployment: its code enrolls nothing more (enrolled devices stay)',
    permission: 'device.manage',
    schema: { params: IdParams },
    handler: async ({ params, scope }) => scope.get(deploymentsRef).delete(scope.tenant, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/branding',
    summary:
      'What customers see on invite pages: company name, primary color, logo, and the custom client per OS if any',
    permission: 'device.view',
    schema: { response: Branding },
    handler: ({ scope }) => scope.get(invitesRef).branding(scope.tenant.tenantId),
  }),
  defineRoute({
    method: 'put',
    path: '/branding',
    summary:
      "Change the invite pages' company name, primary color, logo (PNG or JPEG, as a data: URL) and custom client URLs per OS (left out: kept)",
    permission: 'settings.manage',
    schema: { body: BrandingChange, response: Branding },
    handler: ({ body, scope }) => scope.get(invitesRef).setBranding(scope.tenant, body),
  }),
  defineRoute({
    method: 'get',
    path: '/widget',
    summary: 'The code-entry widget: its look, the websites that may use it, and the snippet to paste into them',
    permission: 'device.view',
    schema: { response: Widget },
    handler: ({ scope }) => scope.get(widgetRef).get(scope.tenant),
  }),
  defineRoute({
    method: 'put',
    path: '/widget',
    summary: "Change the code-entry widget's color, position, greeting and allowed websites (none: any website)",
    permission: 'settings.manage',
    schema: {
      body: Type.Object(
        {
          color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', maxLength: 7 }),
          position: Type.Union(widgetPositions.map((p) => Type.Literal(p))),
          greeting: Type.String({ minLength: 1, maxLength: 200 }),
          allowedOrigins: allowedOriginsSchema,
        },
        { additionalProperties: false },
      ),
      response: Widget,
    },
    handler: ({ body, scope }) => scope.get(widgetRef).update(scope.tenant, body),
  }),
  defineRoute({
    method: 'post',
    path: '',
    summary: 'Create a reusable invite: a 12-character code and its link, optionally with a maximum of devices',
    permission: 'device.manage',
    status: 201,
    schema: { body: NewInvite, response: Invite },
    handler: ({ body, scope }) => scope.get(invitesRef).create(scope.tenant, body ?? {}, scope.principal?.userId),
  }),
  defineRoute({
    method: 'get',
    path: '',
    summary: 'The pending invites, newest first, with the devices each has enrolled',
    permission: 'device.view',
    schema: { response: Type.Object({ items: Type.Array(Invite) }) },
    handler: async ({ scope }) => ({
      items: withoutCodes(scope, 'device.manage', await scope.get(invitesRef).list(scope.tenant)),
    }),
  }),
  defineRoute({
    method: 'delete',
    path: '/:id',
    summary: 'Delete an invite: its code enrolls nothing more (enrolled devices stay)',
    permission: 'device.manage',
    schema: { params: IdParams },
    handler: async ({ params, scope }) => scope.get(invitesRef).delete(scope.tenant, params.id),
  }),
];
