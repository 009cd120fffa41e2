import { randomUUID } from 'node:crypto';
import { operationCatalog } from '@outpost/agent/catalog';
import { type TSchema, Type } from '@sinclair/typebox';
import { coreServices, createTenantScope, definePlugin, defineService } from '@outpost/core';
import { DeviceQuota, devicesCounter } from './admission.js';
import { agentOperationsRef, deviceCommandsRef, deviceDirectoryRef, enrollmentSourcesRef } from './api.js';
import { startDemoAgent } from './demo.js';
import { createDeviceDirectory } from './directory.js';
import { Enrollment } from './enrollment.js';
import { AgentGateway } from './gateway.js';
import { GeoIp } from './geoip.js';
import { DeviceList } from './list.js';
import { migrations } from './migrations.js';
import { AgentOperationRegistry } from './operations.js';
import { type Devices, devicesRef } from './refs.js';
import { type StatusMail, createDeviceRegistry } from './registry/index.js';
import { OperationRelay } from './relay.js';
import { externalRoutes, routes } from './routes.js';
import { eventSchemas } from './schemas.js';

const enrollmentRate = (enrollments: number, description: string) =>
  Type.Object(
    {
      enrollments: Type.Integer({ minimum: 1, default: enrollments }),
      windowMinutes: Type.Integer({ minimum: 1, maximum: 10_080, default: 10 }),
    },
    { additionalProperties: false, default: {}, description },
  );

const configSchema = Type.Object(
  {
    demoLocalAgent: Type.Boolean({
      default: true,
      description: 'Enroll the machine Outpost runs on as "This computer" and run an agent beside the server',
    }),
    heartbeatSeconds: Type.Integer({
      minimum: 1,
      maximum: 300,
      default: 30,
      description: 'Ping interval of the agent channel; a device is offline after two missed answers',
    }),
    statusSeconds: Type.Integer({
      minimum: 5,
      maximum: 3600,
      default: 60,
      description: 'How often agents report their status',
    }),
    screenshotSeconds: Type.Integer({
      minimum: 60,
      maximum: 3600,
      default: 60,
      description: 'Screenshot interval while a dashboard watches (at least a minute)',
    }),
    operationTimeoutSeconds: Type.Integer({ minimum: 1, maximum: 600, default: 60 }),
    maxFramesPer10s: Type.Integer({
      minimum: 10,
      default: 200,
      description: 'Frames an agent may send in 10 s before its connection is closed as a flood',
    }),
    maxFrameKb: Type.Integer({ minimum: 64, maximum: 16_384, default: 2048 }),
    enrollment: Type.Object(
      {
        failuresPerWindow: Type.Integer({
          minimum: 1,
          default: 20,
          description: 'Wrong codes from one address within windowMinutes before enrollment answers 429',
        }),
        windowMinutes: Type.Integer({ minimum: 1, default: 10 }),
        perCode: enrollmentRate(100, 'Devices one code may enroll within windowMinutes (a sliding window)'),
        perAddress: enrollmentRate(30, 'Devices one address may enroll within windowMinutes, with any codes'),
      },
      { additionalProperties: false, default: {} },
    ),
    geoip: Type.Object(
      {
        cityDatabase: Type.Optional(
          Type.String({ description: 'An MMDB city database file; without one, only countries are known' }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export interface DevicesConfig {
  demoLocalAgent: boolean;
  heartbeatSeconds: number;
  statusSeconds: number;
  screenshotSeconds: number;
  operationTimeoutSeconds: number;
  maxFramesPer10s: number;
  maxFrameKb: number;
  enrollment: {
    failuresPerWindow: number;
    windowMinutes: number;
    perCode: { enrollments: number; windowMinutes: number };
    perAddress: { enrollments: number; windowMinutes: number };
  };
  geoip: { cityDatabase?: string };
}

export const devicesPlugin = definePlugin<DevicesConfig>({
  id: 'devices',
  configSchema,
  // Named before plugins named their permissions `devices.<resource>.<action>`; stored in custom roles and API keys.
  permissions: [
    {
      id: 'device.view',
      description: 'See devices, their status, screenshots and system information',
      roles: ['admin', 'member', 'viewer'],
    },
    {
      id: 'device.connect',
      description: 'Connect to devices and run read-only operations',
      roles: ['admin', 'member'],
    },
    {
      id: 'device.manage',
      description: 'Rename, move, tag, delete devices and run changing operations',
      roles: ['admin'],
    },
    { id: 'groups.manage', description: 'Create and change device groups', roles: ['admin'] },
  ],
  migrations,
  services: [
    defineService({
      ref: devicesRef,
      async create(context) {
        const { config } = context;
        const heartbeatMs = config.heartbeatSeconds * 1000;
        const list = new DeviceList(context.db, 2 * heartbeatMs + 5000);
        const quotas = context.get(coreServices.quotas);
        const instanceId = randomUUID();
        const directory = context.get(coreServices.directory);
        const registry = createDeviceRegistry({
          db: context.db,
          events: context.events,
          quotas: new DeviceQuota(quotas),
          geo: await GeoIp.open(config.geoip.cityDatabase),
          list,
          directory,
          instanceId,
          queueStatusMail: (mail) => context.jobs.enqueue('status-mail', mail),
        });
        quotas.registerCounter({
          name: devicesCounter,
          label: 'Devices',
          count: (tenantId) => registry.counts.active(tenantId),
        });
        const operations = new AgentOperationRegistry((id) => context.get(coreServices.permissions).has(id));
        operations.register(
          context.pluginId,
          operationCatalog.map((op) => ({
            name: op.name,
            description: op.description,
            destructive: op.destructive,
            argsSchema: op.argsSchema as TSchema,
            permission: op.destructive ? 'device.manage' : 'device.connect',
          })),
        );
        const gateway = new AgentGateway(
          registry,
          operations,
          {
            heartbeatMs,
            statusIntervalMs: config.statusSeconds * 1000,
            screenshotIntervalMs: config.screenshotSeconds * 1000,
            maxFramesPer10s: config.maxFramesPer10s,
            maxFrameBytes: config.maxFrameKb * 1024,
            operationTimeoutMs: config.operationTimeoutSeconds * 1000,
            watchTtlMs: 90_000,
          },
          context.logger,
        );
        const rate = ({ enrollments, windowMinutes }: { enrollments: number; windowMinutes: number }) => ({
          enrollments,
          windowMs: windowMinutes * 60_000,
        });
        const enrollment = new Enrollment(registry.enroller, {
          failuresPerWindow: config.enrollment.failuresPerWindow,
          windowMs: config.enrollment.windowMinutes * 60_000,
          perCode: rate(config.enrollment.perCode),
          perAddress: rate(config.enrollment.perAddress),
        });
        // One process owns a SQLite database, so no other instance holds a connection.
        if (context.coreConfig.database.client === 'better-sqlite3')
          await context.db('devices_devices').where({ online: true }).update({ online: false });
        const relay = new OperationRelay(
          context.db,
          context.events,
          gateway,
          instanceId,
          list.staleAfterMs,
          (config.operationTimeoutSeconds + 5) * 1000,
          context.logger,
        );
        const devices: Devices = { ...registry, list, gateway, enrollment, operations, relay };
        if (config.demoLocalAgent) {
          devices.demoAgent = await startDemoAgent({
            db: context.db,
            enroller: registry.enroller,
            directory,
            dataDir: context.coreConfig.app.dataDir,
            port: context.coreConfig.app.listen.port,
            logger: context.logger,
          }).catch((error) => {
            context.logger.warn({ err: error }, 'the demo agent could not start');
            return undefined;
          });
        }
        return devices;
      },
      async close(devices) {
        devices.demoAgent?.kill('SIGTERM');
        devices.relay.close();
        await devices.gateway.close();
      },
    }),
    defineService({ ref: enrollmentSourcesRef, create: (context) => context.get(devicesRef).enrollment }),
    defineService({ ref: agentOperationsRef, create: (context) => context.get(devicesRef).operations }),
    defineService({
      ref: deviceCommandsRef,
      create(context) {
        const { reads, relay } = context.get(devicesRef);
        return {
          async run(tenantId, deviceId, name, args) {
            const device = await reads.row(createTenantScope(context.db, tenantId), deviceId);
            return relay.run(device, name, args);
          },
        };
      },
    }),
    defineService({
      ref: deviceDirectoryRef,
      create(context) {
        const devices = context.get(devicesRef);
        return createDeviceDirectory(context.db, devices, devices.list);
      },
    }),
  ],
  routes,
  externalRoutes,
  sockets: [
    {
      path: '/agent/v1/ws',
      handleUpgrade: (request, socket, head, context) =>
        context.get(devicesRef).gateway.handleUpgrade(request, socket, head),
    },
  ],
  events: {
    'devices.device.online': {
      schema: eventSchemas.online,
      permission: 'device.view',
      description: 'An agent connected (the device.online event)',
    },
    'devices.device.offline': {
      schema: eventSchemas.offline,
      permission: 'device.view',
      description: 'An agent went away (the device.offline event)',
    },
    'devices.device.enrolled': {
      schema: eventSchemas.enrolled,
      permission: 'device.view',
      description: 'A new device enrolled',
    },
    'devices.device.changed': {
      schema: eventSchemas.changed,
      permission: 'device.view',
      description: 'Devices were renamed, moved, tagged, trashed, restored or shared',
    },
    'devices.group.changed': {
      schema: eventSchemas.changed,
      permission: 'device.view',
      description: 'A group was created, renamed or deleted',
    },
    'devices.operation.requested': {
      schema: eventSchemas.callRequested,
      internal: true,
      description: 'An operation waits for the instance holding the device',
    },
    'devices.operation.answered': {
      schema: eventSchemas.callAnswered,
      internal: true,
      description: 'A relayed operation has its answer',
    },
    'devices.watch.requested': {
      schema: eventSchemas.watchRequested,
      internal: true,
      description: 'A dashboard watches devices held by any instance',
    },
    'devices.screenshot.updated': {
      schema: eventSchemas.screenshot,
      permission: 'device.view',
      description: 'A device sent a new screenshot',
    },
  },
  jobs: [
    {
      // Mail to a device's notification e-mail when it goes online or offline.
      name: 'status-mail',
      maxAttempts: 5,
      async handle(payload: StatusMail, _job, context) {
        const state = payload.status === 'online' ? 'is online' : 'went offline';
        await context.mail.send({
          to: payload.to,
          subject: `${payload.name} ${state}`,
          text: `The device "${payload.name}" ${state} at ${payload.at} (UTC).\n\nYou get this mail because this address is the device's notification e-mail in Outpost; change it in the device's settings.\n`,
        });
      },
    },
    {
      name: 'purge-trash',
      schedule: { cron: '15 3 * * *' },
      async handle(_payload, _job, context) {
        const deleted = await context.get(devicesRef).changes.purgeExpiredTrash();
        if (deleted > 0) context.logger.info({ deleted }, 'devices kept in Trash for 30 days deleted');
      },
    },
  ],
  ui: {
    palette: [{ module: 'palette.js', permission: 'device.view' }],
    nav: [
      {
        label: 'Devices',
        icon: 'devices',
        path: '/devices',
        permission: 'device.view',
        section: 'work',
        order: 10,
        children: { source: '/devices/nav', refreshOn: 'devices.*' },
      },
    ],
    notifications: [
      {
        topic: 'devices.device.online',
        label: 'A device comes online',
        title: '{name} is online',
        soundField: 'sound',
      },
      {
        topic: 'devices.device.offline',
        label: 'A device goes offline',
        title: '{name} went offline',
        soundField: 'sound',
      },
      { topic: 'devices.device.enrolled', label: 'A new device enrolls', title: 'New device: {name}' },
    ],
    extensions: [
      { point: 'core.home.widgets', element: 'devices-home-status', permission: 'device.view' },
      { point: 'core.home.widgets', element: 'devices-home-activity', permission: 'device.view' },
    ],
  },
});
