import { remoteOperationCatalog } from '@outpost/agent/remote/catalog';
import { coreServices, definePlugin, defineService } from '@outpost/core';
import {
  type DeviceStatusEvent,
  agentOperationsRef,
  deviceCommandsRef,
  deviceDirectoryRef,
} from '@outpost/plugin-devices';
import type { TSchema } from '@sinclair/typebox';
import { type RemoteConfig, configSchema } from './config.js';
import { remoteFilesRef } from './files/refs.js';
import { filesAgentRoutes } from './files/routes.js';
import { RemoteFiles } from './files/service.js';
import { FilesStore } from './files/store.js';
import { migrations } from './migrations.js';
import { type Remote, remoteRef } from './refs.js';
import { routes } from './routes.js';
import { eventSchemas } from './schemas.js';
import { RemoteSessions } from './sessions/service.js';
import { SessionStore } from './sessions/store.js';
import { TunnelBroker, agentTunnelPrefix, peerPrefix } from './tunnels/broker.js';
import { Wake, wakeRef } from './wake/service.js';

export const remotePlugin = definePlugin<RemoteConfig>({
  id: 'remote',
  dependencies: ['devices'],
  configSchema,
  // Connecting itself is the devices plugin's `device.connect`.
  permissions: [
    {
      id: 'remote.session.view',
      description: 'See live remote sessions and the session, unattended and file-transfer logs',
      roles: ['admin', 'member', 'viewer'],
    },
    { id: 'remote.session.manage', description: "Terminate other technicians' remote sessions", roles: ['admin'] },
  ],
  migrations,
  services: [
    defineService({
      ref: remoteFilesRef,
      create: (context) =>
        new RemoteFiles(
          new FilesStore(context.db),
          context.get(deviceDirectoryRef),
          context.get(coreServices.directory),
        ),
    }),
    defineService({
      ref: remoteRef,
      create(context) {
        const { config } = context;
        // The agent's remote operations run only through this plugin's own code (internal).
        context.get(agentOperationsRef).register(
          context.pluginId,
          remoteOperationCatalog.map((op) => ({
            name: op.name,
            description: op.description,
            destructive: op.destructive,
            argsSchema: op.argsSchema as TSchema,
            permission: 'device.connect',
            internal: true,
          })),
        );
        const directory = context.get(coreServices.directory);
        const store = new SessionStore(context.db);
        const sessions = new RemoteSessions(
          store,
          context.events,
          context.get(deviceCommandsRef),
          context.get(deviceDirectoryRef),
          directory,
          context.logger,
          // The terminal's and the file browser's user come from the device's remote settings.
          (tenantId, deviceId, kind, sessionId) =>
            context.get(remoteFilesRef).targetOptions(tenantId, deviceId, kind, sessionId),
        );
        const broker = new TunnelBroker(
          store,
          sessions,
          context.sockets,
          directory,
          {
            maxFrameBytes: config.maxFrameKb * 1024,
            idleMs: config.idleMinutes * 60_000,
            heartbeatMs: config.heartbeatSeconds * 1000,
            waitMs: 60_000,
            internalUrl: config.internalUrl,
          },
          context.logger,
        );
        const remote: Remote = { sessions, store, broker };
        return remote;
      },
      close: (remote) => remote.broker.close(),
    }),
    defineService({
      ref: wakeRef,
      create(context) {
        const commands = context.get(deviceCommandsRef);
        return new Wake(
          context.get(deviceDirectoryRef),
          (tenantId, deviceId, name, args) => commands.run(tenantId, deviceId, name, args),
          context.config.wake,
          context.logger,
        );
      },
    }),
  ],
  routes,
  externalRoutes: [...filesAgentRoutes],
  sockets: [
    {
      path: agentTunnelPrefix,
      prefix: true,
      handleUpgrade: (request, socket, head, context) =>
        context.get(remoteRef).broker.handleAgentUpgrade(request, socket, head),
    },
    {
      path: peerPrefix,
      prefix: true,
      handleUpgrade: (request, socket, head, context) =>
        context.get(remoteRef).broker.handlePeerUpgrade(request, socket, head),
    },
    {
      path: '/api/v1/remote/sessions/',
      prefix: true,
      handleUpgrade: (request, socket, head, context) =>
        context.get(remoteRef).broker.handleBrowserUpgrade(request, socket, head),
    },
  ],
  events: {
    'remote.session.started': {
      schema: eventSchemas.started,
      permission: 'remote.session.view',
      description: 'A technician opened a remote session',
    },
    'remote.session.ended': {
      schema: eventSchemas.ended,
      permission: 'remote.session.view',
      description: 'A remote session ended: why, by whom, bytes both ways',
    },
    'remote.session.closing': {
      schema: eventSchemas.closing,
      internal: true,
      description: 'A session was ended by hand: every instance closes the ends it holds',
    },
  },
  subscribers: [
    {
      topic: 'remote.session.closing',
      subscriberId: 'close-ends',
      delivery: 'every-instance',
      handle: (event, context) => {
        const { id, reason, byUserId } = event.payload as { id: string; reason: string; byUserId: string | null };
        return context.get(remoteRef).broker.endLocal(id, reason, byUserId);
      },
    },
    {
      // A vanished agent: its channel misses a ping (two heartbeats at most) and the device goes offline.
      topic: 'devices.device.offline',
      subscriberId: 'device-offline',
      delivery: 'every-instance',
      handle: (event: { payload: DeviceStatusEvent }, context) =>
        context.get(remoteRef).broker.endDevices([event.payload.id], 'the device went offline'),
    },
  ],
  ui: {
    pages: [
      { path: '/remote/web', permission: 'device.connect' },
      { path: '/remote/terminal', permission: 'device.connect' },
      { path: '/remote/files', permission: 'device.connect' },
    ],
    extensions: [
      { point: 'devices.list.actions', element: 'remote-quick-connect', permission: 'device.connect' },
      { point: 'devices.device.details', element: 'remote-device-sessions', permission: 'remote.session.view' },
      { point: 'contacts.contact.details', element: 'remote-contact-sessions', permission: 'remote.session.view' },
      { point: 'devices.row.actions', element: 'remote-row-connect', permission: 'device.connect' },
      { point: 'devices.row.actions', element: 'remote-row-wake', permission: 'device.connect' },
      { point: 'devices.device.actions', element: 'remote-device-connect', permission: 'device.connect' },
      { point: 'devices.device.actions', element: 'remote-device-wake', permission: 'device.connect' },
    ],
  },
});
