import { limitParameter } from '@outpost/core';
import { type Static, Type } from '@sinclair/typebox';

export const deviceStatuses = ['online', 'offline', 'not-installed', 'limited', 'disabled'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'uuid' });

export const DeviceSummary = Type.Object({
  id: Id,
  shortId: Type.String(),
  name: Type.String(),
  status: Type.Union(deviceStatuses.map((s) => Type.Literal(s))),
  groupId: Nullable(Id),
  groupName: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  os: Type.String(),
  osName: Type.String(),
  osVersion: Type.String(),
  hostname: Type.String(),
  agentVersion: Type.String(),
  ip: Nullable(Type.String()),
  country: Nullable(Type.String()),
  city: Nullable(Type.String()),
  favorite: Type.Boolean(),
  /** Shared with the caller by someone else. */
  shared: Type.Boolean(),
  hasScreenshot: Type.Boolean(),
  screenshotAt: Nullable(Type.String()),
  permalink: Nullable(Type.String()),
  createdAt: Type.String(),
  firstConnectedAt: Nullable(Type.String()),
  lastSeenAt: Type.String(),
  limitedUntil: Nullable(Type.String()),
  deletedAt: Nullable(Type.String()),
  sessionCount: Type.Integer(),
  /** A MAC address is known: Wake-on-LAN can be tried while it is offline. */
  macKnown: Type.Boolean(),
});
export type DeviceSummary = Static<typeof DeviceSummary>;

export const DeviceSettingsSchema = Type.Object(
  {
    allowNonAdminSetup: Type.Boolean({
      description: 'Allow agent set-up by users who are not administrators of the machine',
    }),
    autoAuthorization: Type.Boolean({ description: 'Automated authorization and account locking' }),
  },
  { additionalProperties: false },
);

export const DeviceDetails = Type.Composite([
  DeviceSummary,
  Type.Object({
    notes: Type.String(),
    notifyEmail: Nullable(Type.String()),
    sound: Type.Boolean(),
    contactId: Nullable(Type.String()),
    settings: DeviceSettingsSchema,
    service: Type.Boolean(),
    display: Type.Boolean(),
    enrollment: Type.Object({ source: Type.String(), reference: Type.String() }),
    facts: Type.Record(Type.String(), Type.Unknown()),
    systemInfo: Nullable(Type.Record(Type.String(), Type.Unknown())),
    liveStatus: Nullable(Type.Record(Type.String(), Type.Unknown())),
    shares: Type.Array(
      Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String(), sharedAt: Type.String() }),
    ),
  }),
]);
export type DeviceDetails = Static<typeof DeviceDetails>;

export const sortKeys = ['name', 'lastSeen', 'enrolled'] as const;
export type SortKey = (typeof sortKeys)[number];

export const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union(deviceStatuses.map((s) => Type.Literal(s)))),
    groupId: Type.Optional(Type.Union([Id, Type.Literal('none')])),
    tag: Type.Optional(Type.String({ maxLength: 64 })),
    os: Type.Optional(Type.String({ maxLength: 20 })),
    shared: Type.Optional(Type.Boolean()),
    trash: Type.Boolean({ default: false }),
    sort: Type.Union(
      sortKeys.map((s) => Type.Literal(s)),
      { default: 'name' },
    ),
    order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
    favoritesFirst: Type.Boolean({ default: true }),
    withTotal: Type.Boolean({
      default: false,
      description: "Also count every match (costs a scan of the tenant's devices at scale)",
    }),
    limit: limitParameter(),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const DevicePage = Type.Object({
  items: Type.Array(DeviceSummary),
  nextCursor: Nullable(Type.String()),
  total: Type.Optional(Type.Integer()),
});

export const DevicePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    groupId: Type.Optional(Nullable(Id)),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
    notifyEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    sound: Type.Optional(Type.Boolean()),
    permalink: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }))),
    contactId: Type.Optional(Nullable(Type.String({ maxLength: 36 }))),
    settings: Type.Optional(Type.Partial(DeviceSettingsSchema, { additionalProperties: false })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DevicePatch = Static<typeof DevicePatch>;

export const BulkAction = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }),
    action: Type.Union([
      Type.Literal('trash'),
      Type.Literal('restore'),
      Type.Literal('move'),
      Type.Literal('addTag'),
      Type.Literal('removeTag'),
    ]),
    groupId: Type.Optional(Nullable(Id)),
    tag: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type BulkAction = Static<typeof BulkAction>;

export const Group = Type.Object({
  id: Id,
  name: Type.String(),
  deviceCount: Type.Integer(),
  createdAt: Type.String(),
});
export const GroupInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const Summary = Type.Object({
  total: Type.Integer(),
  statuses: Type.Record(Type.String(), Type.Integer()),
  trash: Type.Integer(),
  groups: Type.Array(Group),
  sharedWithMe: Type.Integer(),
});

export const SessionEntry = Type.Object({
  id: Type.String(),
  connectedAt: Type.String(),
  disconnectedAt: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  agentVersion: Type.String(),
  endReason: Nullable(Type.String()),
});

export const OperationRun = Type.Object(
  {
    name: Type.String({ maxLength: 100 }),
    args: Type.Record(Type.String(), Type.Unknown(), { default: {}, maxProperties: 50 }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

const MachineFactsSchema = Type.Object(
  {
    hostname: Type.String({ minLength: 1, maxLength: 255 }),
    os: Type.String({ maxLength: 20 }),
    osName: Type.String({ maxLength: 100 }),
    osVersion: Type.String({ maxLength: 100 }),
    arch: Type.String({ maxLength: 40 }),
    macs: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 64 }),
    ips: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 }),
    networks: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 })),
    user: Nullable(Type.String({ maxLength: 200 })),
    cpu: Type.String({ maxLength: 200 }),
    memoryBytes: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export const EnrollBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64 }), facts: MachineFactsSchema },
  { additionalProperties: false },
);
export const EnrollAnswer = Type.Object({
  deviceId: Type.String(),
  secret: Type.String(),
  name: Type.String(),
  shortId: Type.String(),
});
export const HelloSchema = Type.Object(
  {
    protocol: Type.Integer({ minimum: 1 }),
    agentVersion: Type.String({ maxLength: 40 }),
    service: Type.Boolean(),
    display: Type.Boolean(),
    facts: MachineFactsSchema,
  },
  { additionalProperties: false },
);
export const StatusSchema = Type.Object(
  {
    uptimeSeconds: Type.Number({ minimum: 0 }),
    load: Type.Number({ minimum: 0 }),
    memoryUsedBytes: Type.Number({ minimum: 0 }),
    user: Nullable(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const ScreenshotSchema = Type.Union([
  Type.Object(
    {
      mime: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png')]),
      data: Type.String({ maxLength: 2_000_000 }),
      width: Type.Integer({ minimum: 1, maximum: 10_000 }),
      height: Type.Integer({ minimum: 1, maximum: 10_000 }),
      takenAt: Type.String({ maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ unavailable: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
]);

const DeviceEvent = Type.Object(
  { id: Id, name: Type.String(), shortId: Type.String(), sound: Type.Boolean() },
  { additionalProperties: false },
);
export const eventSchemas = {
  online: DeviceEvent,
  offline: DeviceEvent,
  enrolled: DeviceEvent,
  changed: Type.Object({ ids: Type.Array(Id), change: Type.String() }, { additionalProperties: false }),
  screenshot: Type.Object({ id: Id, takenAt: Type.String() }, { additionalProperties: false }),
  callRequested: Type.Object({ callId: Id, instanceId: Id }, { additionalProperties: false }),
  callAnswered: Type.Object({ callId: Id }, { additionalProperties: false }),
  watchRequested: Type.Object({ ids: Type.Array(Id), instanceId: Id }, { additionalProperties: false }),
};

// What an agent reports in system_info. Unknown fields are allowed (a newer agent may add
// some) but the known ones must make sense: the web app shows them as sent.
const InfoText = Type.Optional(Nullable(Type.String({ maxLength: 500 })));
const InfoCount = Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e9 })));
const Bytes = Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 2 ** 60 })));
const InfoObject = <T extends Parameters<typeof Type.Object>[0]>(fields: T) =>
  Type.Optional(Type.Object(fields, { additionalProperties: true }));
const InfoList = <T extends Parameters<typeof Type.Object>[0]>(fields: T) =>
  Type.Optional(Type.Array(Type.Object(fields, { additionalProperties: true }), { maxItems: 256 }));
const textFields = (...names: string[]) => Object.fromEntries(names.map((name) => [name, InfoText]));

export const SystemInfoSchema = Type.Object(
  {
    agentVersion: Type.Optional(Type.String({ maxLength: 40 })),
    collectedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    os: InfoObject(textFields('platform', 'distro', 'release', 'codename', 'kernel', 'arch', 'hostname', 'fqdn')),
    system: InfoObject({
      ...textFields('manufacturer', 'model', 'serial', 'uuid'),
      virtual: Type.Optional(Nullable(Type.Boolean())),
    }),
    bios: InfoObject(textFields('vendor', 'version', 'releaseDate')),
    baseboard: InfoObject(textFields('manufacturer', 'model')),
    cpu: InfoObject({
      ...textFields('manufacturer', 'brand'),
      speedGHz: InfoCount,
      cores: InfoCount,
      physicalCores: InfoCount,
    }),
    memory: InfoObject({
      totalBytes: Bytes,
      usedBytes: Bytes,
      freeBytes: Bytes,
      swapTotalBytes: Bytes,
      modules: InfoList({ sizeBytes: Bytes, type: InfoText, clockSpeed: InfoCount }),
    }),
    disks: InfoList({ ...textFields('name', 'type', 'vendor', 'interface'), sizeBytes: Bytes }),
    fileSystems: InfoList({
      ...textFields('mount', 'type'),
      sizeBytes: Bytes,
      usedBytes: Bytes,
      usePercent: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    }),
    network: InfoList({
      ...textFields('name', 'mac', 'ip4', 'ip6', 'type'),
      internal: Type.Optional(Nullable(Type.Boolean())),
      // systeminformation reports -1 for an unknown speed.
      speedMbps: Type.Optional(Nullable(Type.Number({ minimum: -1, maximum: 1e7 }))),
    }),
    graphics: InfoObject({
      controllers: InfoList(textFields('vendor', 'model')),
      displays: InfoList({ model: InfoText, resolutionX: InfoCount, resolutionY: InfoCount }),
    }),
    users: InfoList(textFields('user', 'tty', 'since')),
    uptimeSeconds: InfoCount,
    timezone: InfoText,
  },
  { additionalProperties: true, maxProperties: 100 },
);
export type SystemInfo = Static<typeof SystemInfoSchema>;

/** What a schema cannot say: nothing uses more than its size. */
export function systemInfoSizesFit(info: SystemInfo): boolean {
  const fits = (used: unknown, size: unknown) => typeof used !== 'number' || typeof size !== 'number' || used <= size;
  return (
    fits(info.memory?.usedBytes, info.memory?.totalBytes) &&
    (info.fileSystems ?? []).every((f) => fits(f.usedBytes, f.sizeBytes))
  );
}
