import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { FailureThrottle, NotFoundError, type RequestScope, coreServices, createServiceRef, definePlugin, defineRoute, defineService } from '@outpost/core';
import { deviceDirectoryRef, enrollmentSourcesRef } from '@outpost/plugin-devices';
import type Koa from 'koa';
import { AgentPackage } from './agent-package.js';
import { type DownloadOs, packageName, renderInvitePage, renderRefusalPage } from './page.js';
import { DeploymentService, deploymentStatuses } from './deployments.js';
import { type Branding, InviteService } from './service.js';
import { SupportInvitations } from './support.js';

/** The invite service with what its public pages need. */
interface Invites {
  service: InviteService;
  agentPackage: AgentPackage;
  /** Wrong codes per address on the public pages. */
  throttle: FailureThrottle;
}

export const invitesRef = createServiceRef<InviteService>('invites.service');
const invitesInternalsRef = createServiceRef<Invites>('invites.internals');
export const deploymentsRef = createServiceRef<DeploymentService>('invites.deployments');
export const supportRef = createServiceRef<SupportInvitations>('invites.support');

const SupportInvitation = Type.Object({
  id: Type.String(),
  clientName: Type.String(),
  code: Type.String(),
  displayCode: Type.String(),
  link: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('ended')]),
  technician: Type.String(),
  openWindowInAdvance: Type.Boolean(),
  sound: Type.Boolean(),
  deviceId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  connectedAt: Type.Union([Type.String(), Type.Null()]),
  endedAt: Type.Union([Type.String(), Type.Null()]),
});
const SupportEvent = Type.Object({ id: Type.String({ format: 'uuid' }), clientName: Type.String(), technician: Type.String(), sound: Type.Boolean() }, { additionalProperties: false });

const Deployment = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String(),
  displayCode: Type.String(),
  groupId: Type.Union([Type.String(), Type.Null()]),
  expectedCount: Type.Integer(),
  registeredCount: Type.Integer(),
  ssoCode: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(deploymentStatuses.map((s) => Type.Literal(s))),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
});
const DeploymentParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const Branding = Type.Object(
  {
    companyName: Type.String({ minLength: 1, maxLength: 100 }),
    primaryColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', maxLength: 7 }),
    logo: Type.Union([Type.String({ pattern: '^data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+$', maxLength: 300_000 }), Type.Null()]),
  },
  { additionalProperties: false },
);
const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) }, { additionalProperties: false });

/** Serves an HTML page with a policy that allows its one inline style and data: images, nothing else. */
function htmlPage(ctx: Koa.Context, status: number, render: (nonce: string) => string): void {
  const nonce = randomBytes(16).toString('base64');
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`);
  ctx.body = render(nonce);
}

/** What a public code stands for: an invite, or a remote-support invitation (with its technician). */
interface PageTarget {
  code: string;
  displayCode: string;
  link: string;
  branding: Branding;
  technician?: string;
}

async function pageTarget(scope: RequestScope, code: string): Promise<PageTarget | { refused: 'unknown' | 'expired' }> {
  const { service } = scope.get(invitesInternalsRef);
  const found = await service.forPage(code);
  if (!('refused' in found) || found.refused === 'expired') {
    return 'refused' in found ? found : { code: found.invite.code, displayCode: found.invite.displayCode, link: found.invite.link, branding: found.branding };
  }
  const support = await scope.get(supportRef).byCode(code);
  if (!support) return found;
  if (support.status === 'ended') return { refused: 'expired' };
  return { code: support.code, displayCode: support.displayCode, link: support.link, branding: await service.branding(support.tenantId), technician: support.technician };
}

const refusals = {
  unknown: ['This invite is not valid', 'Check the link or the code, or ask whoever sent it for a new invite.'],
  expired: ['This invite has expired', 'Ask whoever sent it for a new invite.'],
} as const;

const Invite = Type.Object({
  id: Type.String(),
  code: Type.String(),
  displayCode: Type.String(),
  link: Type.String(),
  name: Type.String(),
  groupId: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deviceCount: Type.Integer(),
});

const NewInvite = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    groupId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const invitesPlugin = definePlugin({
  id: 'invites',
  dependencies: ['devices'],
  migrations: [
    {
      name: '202611241000_invites',
      up: (knex) =>
        knex.schema.createTable('invites_invites', (t) => {
          t.string('id', 36).primary();
          t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
          t.string('code', 12).notNullable().unique();
          t.string('name', 100).notNullable();
          t.string('group_id', 36).nullable();
          t.timestamp('expires_at', { useTz: true }).nullable();
          t.string('created_by', 36).nullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.index(['tenant_id', 'created_at']);
        }),
      down: (knex) => knex.schema.dropTable('invites_invites'),
    },
    {
      name: '202611251000_invites_branding',
      up: (knex) =>
        knex.schema.createTable('invites_branding', (t) => {
          t.string('tenant_id', 36).primary().references('id').inTable('core_tenants').onDelete('CASCADE');
          t.string('company_name', 100).notNullable();
          t.string('primary_color', 7).notNullable();
          t.text('logo').nullable();
          t.timestamp('updated_at', { useTz: true }).notNullable();
        }),
      down: (knex) => knex.schema.dropTable('invites_branding'),
    },
    {
      name: '202611251100_invites_deployments',
      up: (knex) =>
        knex.schema.createTable('invites_deployments', (t) => {
          t.string('id', 36).primary();
          t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
          t.string('name', 100).notNullable();
          t.string('code', 12).notNullable().unique();
          t.string('group_id', 36).nullable();
          t.integer('expected_count').notNullable();
          t.string('sso_code', 64).nullable();
          t.string('status', 12).notNullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('completed_at', { useTz: true }).nullable();
          t.index(['tenant_id', 'created_at']);
        }),
      down: (knex) => knex.schema.dropTable('invites_deployments'),
    },
    {
      name: '202611251200_invites_support',
      up: (knex) =>
        knex.schema.createTable('invites_support', (t) => {
          t.string('id', 36).primary();
          t.string('tenant_id', 36).notNullable().references('id').inTable('core_tenants').onDelete('CASCADE');
          t.string('code', 12).notNullable().unique();
          t.string('client_name', 100).notNullable();
          t.string('technician_id', 36).nullable();
          t.string('technician_name', 254).notNullable();
          t.string('status', 10).notNullable();
          t.boolean('open_window_in_advance').notNullable().defaultTo(false);
          t.boolean('sound').notNullable().defaultTo(true);
          t.string('device_id', 36).nullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('connected_at', { useTz: true }).nullable();
          t.timestamp('ended_at', { useTz: true }).nullable();
          t.index(['tenant_id', 'created_at']);
        }),
      down: (knex) => knex.schema.dropTable('invites_support'),
    },
  ],
  services: [
    defineService({
      ref: invitesRef,
      create(context) {
        const service = new InviteService(context.db, context.get(deviceDirectoryRef), context.coreConfig.app.baseUrl);
        context.get(enrollmentSourcesRef).register(service);
        return service;
      },
    }),
    defineService({
      ref: deploymentsRef,
      create(context) {
        const service = new DeploymentService(context.db, context.get(deviceDirectoryRef));
        context.get(enrollmentSourcesRef).register(service);
        return service;
      },
    }),
    defineService({
      ref: supportRef,
      create(context) {
        const service = new SupportInvitations(context.db, context.events, context.get(deviceDirectoryRef), context.coreConfig.app.baseUrl);
        context.get(enrollmentSourcesRef).register(service);
        return service;
      },
    }),
    defineService({
      ref: invitesInternalsRef,
      create: (context) => ({ service: context.get(invitesRef), agentPackage: new AgentPackage(), throttle: new FailureThrottle(20, 10 * 60_000, 'invite codes') }),
    }),
  ],
  events: {
    'invites.support.connected': { schema: SupportEvent, permission: 'device.view', description: 'The client of a remote-support invitation came online' },
    'invites.support.left': { schema: SupportEvent, permission: 'device.view', description: 'The client of a remote-support invitation went away' },
  },
  subscribers: [
    { topic: 'devices.device.online', subscriberId: 'support-connected', handle: (event, context) => context.get(supportRef).deviceChanged(event) },
    { topic: 'devices.device.offline', subscriberId: 'support-left', handle: (event, context) => context.get(supportRef).deviceChanged(event) },
  ],
  routes: [
    defineRoute({
      method: 'get',
      path: '/support',
      summary: 'Remote-support invitations, newest first, with their status',
      permission: 'device.view',
      schema: { response: Type.Object({ items: Type.Array(SupportInvitation) }) },
      handler: async ({ scope }) => ({ items: await scope.get(supportRef).list(scope.tenant) }),
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
        const user = scope.principal?.userId ? await scope.get(coreServices.db)('core_users').where({ id: scope.principal.userId }).first('name', 'email') : undefined;
        return scope.get(supportRef).create(scope.tenant, body, { id: scope.principal?.userId, name: user?.name || user?.email || scope.principal?.label || 'Your technician' });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/support/:id',
      summary: 'Withdraw a remote-support invitation',
      permission: 'device.connect',
      schema: { params: DeploymentParams },
      handler: async ({ params, scope }) => scope.get(supportRef).delete(scope.tenant, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/deployments',
      summary: 'Deployments with their progress (devices registered of expected)',
      permission: 'device.view',
      schema: { response: Type.Object({ items: Type.Array(Deployment) }) },
      handler: async ({ scope }) => ({ items: await scope.get(deploymentsRef).list(scope.tenant) }),
    }),
    defineRoute({
      method: 'post',
      path: '/deployments',
      summary: 'Plan a deployment: name, target group, expected device count, optional SSO invite code; it gets its own enrollment code',
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
        params: DeploymentParams,
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
      schema: { params: DeploymentParams },
      handler: async ({ params, scope }) => scope.get(deploymentsRef).delete(scope.tenant, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/branding',
      summary: 'What customers see on invite pages: company name, primary color, logo',
      permission: 'device.view',
      schema: { response: Branding },
      handler: ({ scope }) => scope.get(invitesRef).branding(scope.tenant.tenantId),
    }),
    defineRoute({
      method: 'put',
      path: '/branding',
      summary: 'Change the invite pages\' company name, primary color and logo (PNG or JPEG, as a data: URL)',
      permission: 'settings.manage',
      schema: { body: Branding, response: Branding },
      handler: ({ body, scope }) => scope.get(invitesRef).setBranding(scope.tenant, body),
    }),
    defineRoute({
      method: 'post',
      path: '',
      summary: 'Create a reusable invite: a 12-character code and its link',
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
      handler: async ({ scope }) => ({ items: await scope.get(invitesRef).list(scope.tenant) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/:id',
      summary: 'Delete an invite: its code enrolls nothing more (enrolled devices stay)',
      permission: 'device.manage',
      schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }) },
      handler: async ({ params, scope }) => scope.get(invitesRef).delete(scope.tenant, params.id),
    }),
  ],
  ui: {
    entry: 'index.js',
    dir: fileURLToPath(new URL('../../ui', import.meta.url)),
    nav: [
      { label: 'Deployments', icon: 'rocket', path: '/deployments', permission: 'device.view' },
      { label: 'Remote support', icon: 'support', path: '/support', permission: 'device.view' },
      { label: 'Invite page', icon: 'palette', path: '/invite-page', permission: 'settings.manage' },
    ],
    notifications: [
      { topic: 'invites.support.connected', title: '{clientName} joined the support session', soundField: 'sound' },
      { topic: 'invites.support.left', title: '{clientName} left the support session', soundField: 'sound' },
    ],
  },
  externalRoutes: [
    defineRoute({
      method: 'get',
      path: '/i/:code',
      summary: 'The invite page: who invites, the download for the visitor\'s OS, install steps (HTML)',
      public: true,
      schema: { params: CodeParams },
      handler: async ({ params, scope, ctx }) => {
        const { throttle } = scope.get(invitesInternalsRef);
        throttle.check(ctx.ip);
        const found = await pageTarget(scope, params.code);
        if ('refused' in found) {
          if (found.refused === 'unknown') throttle.fail(ctx.ip);
          const [title, detail] = refusals[found.refused];
          return htmlPage(ctx, found.refused === 'unknown' ? 404 : 410, (nonce) => renderRefusalPage(title, detail, nonce));
        }
        const { branding } = found;
        htmlPage(ctx, 200, (nonce) =>
          renderInvitePage(
            {
              company: branding.companyName,
              color: branding.primaryColor,
              logo: branding.logo,
              code: found.code,
              displayCode: found.displayCode,
              userAgent: ctx.get('user-agent'),
              technician: found.technician,
            },
            nonce,
          ),
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/i/:code/download/:os',
      summary: 'The agent package for an invite, with the server and the code baked in: it enrolls on first start',
      public: true,
      schema: { params: Type.Object({ code: Type.String({ maxLength: 40 }), os: Type.Union([Type.Literal('linux'), Type.Literal('macos'), Type.Literal('windows')]) }, { additionalProperties: false }) },
      handler: async ({ params, scope, ctx }) => {
        const { agentPackage, throttle } = scope.get(invitesInternalsRef);
        throttle.check(ctx.ip);
        const found = await pageTarget(scope, params.code);
        if ('refused' in found) {
          if (found.refused === 'unknown') throttle.fail(ctx.ip);
          throw new NotFoundError(refusals[found.refused].join(': '), { type: `invite-${found.refused}` });
        }
        ctx.type = 'application/gzip';
        ctx.set('Content-Disposition', `attachment; filename="${packageName(params.os as DownloadOs, found.code)}"`);
        ctx.body = agentPackage.stream({ server: new URL(found.link).origin, code: found.code });
      },
    }),
  ],
});
