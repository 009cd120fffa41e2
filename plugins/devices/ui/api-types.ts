// The devices API's answers as the pages read them, typed by the server's own schemas (types only: nothing of
// the server is bundled).
import type { Static } from '@sinclair/typebox';
import type * as schemas from '../src/schemas.js';

export type { DeviceDetails, DeviceStatus, DeviceSummary } from '../src/schemas.js';
export type {
  DeviceActionsContext,
  DeviceDetailsContext,
  DeviceRowAction,
  DevicesListActionsContext,
  DevicesScope,
} from '../src/ui-extensions.js';
export type Group = Static<typeof schemas.Group>;
export type Summary = Static<typeof schemas.Summary>;
export type SessionEntry = Static<typeof schemas.SessionEntry>;
export type DevicePage = Static<typeof schemas.DevicePage>;

/** A list answer without paging. */
export interface Items<T> {
  items: T[];
}

/** An agent operation the server knows (GET /devices/operations). */
export interface Operation {
  name: string;
  description: string;
  destructive: boolean;
  permission: string;
}

/** A member of the team (GET /team, which needs team.manage). */
export interface TeamMember {
  userId: string;
  email: string;
  name: string;
}
