import { Type } from '@sinclair/typebox';
import { FailureThrottle, coreServices, definePlugin, defineService } from '@outpost/core';
import { deviceDirectoryRef, enrollmentSourcesRef } from '@outpost/plugin-devices';
import { AgentPackage } from './agent-package.js';
import { DeploymentService } from './deployments.js';
import { migrations } from './migrations.js';
import { publicRoutes } from './public-routes.js';
import { deploymentsRef, invitesRef, publicPagesRef, supportRef, widgetRef } from './refs.js';
import { routes } from './routes.js';
import { InviteService } from './service.js';
import { SupportInvitations } from './support.js';
import { WidgetService } from './widget.js';
import { SupportEvent } from './events.js';

export { deploymentsRef, invitesRef, supportRef, widgetRef } from './refs.js';

const configSchema = Type.Object(
  {
    customClients: Type.Object(
      {
        timeoutSeconds: Type.Integer({
          minimum: 1,
          maximum: 600,
          default: 30,
          description: 'Idle time after which fetching a custom client is given up',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export interface InvitesConfig {
  customClients: { timeoutSeconds: number };
}

export const invitesPlugin = definePlugin<InvitesConfig>({
  id: 'invites',
  dependencies: ['devices'],
  configSchema,
  migrations,
  services: [
    defineService({
      ref: invitesRef,
      create(context) {
        const service = new InviteService(
          context.db,
          context.get(deviceDirectoryRef),
          context.get(coreServices.directory),
          context.coreConfig.app.baseUrl,
          (url) => context.get(coreServices.outbound).urlProblem(url),
        );
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
        const service = new SupportInvitations(
          context.db,
          context.events,
          context.get(deviceDirectoryRef),
          context.coreConfig.app.baseUrl,
        );
        context.get(enrollmentSourcesRef).register(service);
        return service;
      },
    }),
    defineService({
      ref: widgetRef,
      create(context) {
        const invites = context.get(invitesRef);
        return new WidgetService(
          context.get(coreServices.embeds),
          context.coreConfig.app.baseUrl,
          async (tenantId) => (await invites.branding(tenantId)).companyName,
        );
      },
    }),
    defineService({
      ref: publicPagesRef,
      create(context) {
        const { timeoutSeconds } = context.config.customClients;
        return {
          agentPackage: new AgentPackage(),
          throttle: new FailureThrottle(20, 10 * 60_000, 'wrong invite codes'),
          outbound: context.get(coreServices.outbound),
          customClients: { timeoutMs: timeoutSeconds * 1000 },
        };
      },
    }),
  ],
  events: {
    'invites.support.connected': {
      schema: SupportEvent,
      permission: 'device.view',
      description: 'The client of a remote-support invitation came online',
    },
    'invites.support.left': {
      schema: SupportEvent,
      permission: 'device.view',
      description: 'The client of a remote-support invitation went away',
    },
  },
  subscribers: [
    {
      topic: 'devices.device.online',
      subscriberId: 'support-connected',
      delivery: 'once-per-cluster',
      handle: (event, context) => context.get(supportRef).deviceChanged(event),
    },
    {
      topic: 'devices.device.offline',
      subscriberId: 'support-left',
      delivery: 'once-per-cluster',
      handle: (event, context) => context.get(supportRef).deviceChanged(event),
    },
  ],
  routes,
  ui: {
    nav: [
      {
        label: 'Deployments',
        icon: 'rocket',
        path: '/deployments',
        permission: 'device.view',
        section: 'setup',
        order: 10,
      },
      {
        label: 'Remote support',
        icon: 'support',
        path: '/support',
        permission: 'device.view',
        section: 'work',
        order: 40,
      },
    ],
    notifications: [
      {
        topic: 'invites.support.connected',
        label: 'A client joins a support session',
        title: '{clientName} joined the support session',
        soundField: 'sound',
      },
      {
        topic: 'invites.support.left',
        label: 'A client leaves a support session',
        title: '{clientName} left the support session',
        soundField: 'sound',
      },
    ],
    extensions: [
      { point: 'core.home.widgets', element: 'invites-home-pending', permission: 'device.view' },
      { point: 'core.home.actions', element: 'invites-home-actions', permission: 'device.connect' },
      { point: 'devices.list.actions', element: 'invites-devices-actions', permission: 'device.view' },
    ],
    homeActions: [{ label: 'Add a device', path: '/devices/invites', permission: 'device.manage' }],

    palette: [{ module: 'palette.js', permission: 'device.view' }],
    // Under Settings, as the seeds' "Custom Branding → Invite Page" and widget creator are settings, not daily work.
    settings: [
      {
        id: 'invite-page',
        label: 'Invite page',
        icon: 'palette',
        permission: 'settings.manage',
        order: 10,
        element: 'invites-branding',
        redirects: ['/invite-page'],
      },
      {
        id: 'widgets',
        label: 'Widgets',
        icon: 'chat',
        permission: 'settings.manage',
        order: 20,
        element: 'invites-widget-settings',
      },
    ],
  },
  externalRoutes: publicRoutes,
});
