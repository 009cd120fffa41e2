import { Type } from '@sinclair/typebox';

const Id = Type.String({ format: 'uuid', maxLength: 36 });

/**
 * The kinds of session a browser may ask for. `tcp` reaches only loopback ports the agent's
 * own configuration allows (none by default): the tunnel tests and `npm run bench:relay`.
 */
export const sessionKinds = ['vnc', 'terminal', 'files', 'tcp'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const CreateSessionBody = Type.Object(
  {
    deviceId: Id,
    kind: Type.Union(sessionKinds.map((kind) => Type.Literal(kind))),
    /** Open a second session of this kind on this device on purpose. */
    another: Type.Optional(Type.Boolean()),
    /** Passed to the agent's target (terminal size, the `tcp` port); `technician` is set by the server. */
    options: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 40 }),
        Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]),
        {
          maxProperties: 16,
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CreatedSession = Type.Object({
  id: Id,
  kind: Type.String(),
  deviceId: Id,
  socketPath: Type.String(),
});

export const SessionParams = Type.Object({ id: Id }, { additionalProperties: false });

export const Session = Type.Object({
  id: Id,
  deviceId: Id,
  /** Empty when the device has since been deleted. */
  deviceName: Type.String(),
  userId: Type.String(),
  technician: Type.String(),
  kind: Type.String(),
  startedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
  endedByUserId: Type.Union([Type.String(), Type.Null()]),
  endedBy: Type.Union([Type.String(), Type.Null()]),
  bytesToDevice: Type.Number(),
  bytesFromDevice: Type.Number(),
  unattended: Type.Boolean(),
  live: Type.Boolean(),
});

/** The history's filters (besides `deviceId`): technician, several devices (a contact's), unattended, a time range. */
const HistoryFilters = {
  userId: Type.Optional(Type.String({ format: 'uuid', description: 'Sessions of this technician' })),
  deviceIds: Type.Optional(
    Type.String({
      pattern: '^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,199}$',
      description: "Sessions on any of these devices, ids joined by commas (a contact's devices)",
    }),
  ),
  unattended: Type.Optional(
    Type.Boolean({ description: 'Only sessions while no user was signed in at the device (true), or only attended' }),
  ),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Started at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Started before' })),
};

export const SessionListQuery = Type.Object(
  {
    state: Type.Union([Type.Literal('live'), Type.Literal('all')], { default: 'live' }),
    deviceId: Type.Optional(Id),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    ...HistoryFilters,
    withTotal: Type.Boolean({ default: false, description: 'Count the sessions that match (`total`)' }),
  },
  { additionalProperties: false },
);

export const SessionCsvQuery = Type.Object(
  {
    state: Type.Union([Type.Literal('live'), Type.Literal('all')], { default: 'all' }),
    deviceId: Type.Optional(Id),
    ...HistoryFilters,
  },
  { additionalProperties: false },
);

export const SessionList = Type.Object({
  items: Type.Array(Session),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Optional(Type.Integer()),
});

export const eventSchemas = {
  started: Type.Object(
    { id: Id, deviceId: Id, userId: Type.String(), kind: Type.String(), startedAt: Type.String() },
    { additionalProperties: false },
  ),
  ended: Type.Object(
    {
      id: Id,
      deviceId: Id,
      userId: Type.String(),
      kind: Type.String(),
      startedAt: Type.String(),
      endedAt: Type.String(),
      reason: Type.String(),
      endedByUserId: Type.Union([Type.String(), Type.Null()]),
      bytesToDevice: Type.Number(),
      bytesFromDevice: Type.Number(),
    },
    { additionalProperties: false },
  ),
  closing: Type.Object(
    { id: Id, reason: Type.String(), byUserId: Type.Union([Type.String(), Type.Null()]) },
    { additionalProperties: false },
  ),
};
