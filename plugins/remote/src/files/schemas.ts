import { Type } from '@sinclair/typebox';

const Id = Type.String({ format: 'uuid', maxLength: 36 });
/** A login name the agent accepts (it checks again on the device). */
export const UserName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?$', maxLength: 33 });

export const TransferReport = Type.Object(
  {
    sessionId: Id,
    path: Type.String({ minLength: 1, maxLength: 4096 }),
    name: Type.String({ maxLength: 255 }),
    size: Type.Integer({ minimum: 0 }),
    bytes: Type.Integer({ minimum: 0 }),
    direction: Type.Union([Type.Literal('upload'), Type.Literal('download')]),
    result: Type.Union([Type.Literal('completed'), Type.Literal('failed'), Type.Literal('cancelled')]),
    error: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const Transfer = Type.Object({
  id: Id,
  sessionId: Id,
  deviceId: Id,
  /** Empty when the device has since been deleted. */
  deviceName: Type.String(),
  userId: Type.String(),
  technician: Type.String(),
  path: Type.String(),
  name: Type.String(),
  size: Type.Number(),
  bytes: Type.Number(),
  direction: Type.String(),
  result: Type.String(),
  error: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
});

export const TransferQuery = Type.Object(
  {
    deviceId: Type.Optional(Id),
    userId: Type.Optional(Id),
    sessionId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const DeviceParams = Type.Object({ deviceId: Id }, { additionalProperties: false });

export const DeviceSettings = Type.Object({
  deviceId: Id,
  /** The user the terminal logs in as; null: the user the agent runs as. */
  terminalUser: Type.Union([Type.String(), Type.Null()]),
});

export const DeviceSettingsChange = Type.Object(
  { terminalUser: Type.Union([UserName, Type.Null(), Type.Literal('')]) },
  { additionalProperties: false },
);
