import { Type } from '@sinclair/typebox';

/** `GET /remote/quick-connect/:number`: the device to connect to. */
export const QuickConnectDevice = Type.Object({
  id: Type.String(),
  shortId: Type.String(),
  name: Type.String(),
  status: Type.String(),
  os: Type.String(),
  lastSeenAt: Type.String(),
});
