import { Type } from '@sinclair/typebox';

/** `POST /remote/devices/:id/wake`: who sent the magic packet, where to, for which MACs. */
export const WakeAnswer = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  relay: Type.Object({ id: Type.String(), name: Type.String() }),
  via: Type.Union([Type.Literal('subnet'), Type.Literal('public-address')]),
  subnet: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  port: Type.Integer(),
  macs: Type.Array(Type.String()),
  sentAt: Type.String(),
});
