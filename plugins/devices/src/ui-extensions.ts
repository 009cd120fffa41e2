// The extension points the devices pages offer other plugins' UIs, with the context each element gets
// (`element.context`). A plugin adds to one with `ui.extensions: [{ point, element, permission? }]`.
import type { DeviceSummary } from './schemas.js';

/** Which devices a list shows: all, the ones shared with the user, Trash, or one group. */
export type DevicesScope = { kind: 'all' } | { kind: 'shared' } | { kind: 'trash' } | { kind: 'group'; id: string };

/**
 * `devices.list.actions`: above the devices list's own toolbar (the invites plugin's "+ Create Invite" and
 * Pending Invites). The context is a new object only when it changes.
 */
export interface DevicesListActionsContext {
  scope: DevicesScope;
  /** True when the page was opened as /devices/invites, asking for Pending Invites open. */
  showInvites: boolean;
}

/** `devices.device.details`: panels on a device's page (contacts, tickets). */
export interface DeviceDetailsContext {
  deviceId: string;
  deviceName: string;
}

/**
 * `devices.row.actions` (each row of the devices list, before its menu of other actions) and
 * `devices.device.actions` (a device's page, in its heading): buttons that act on one device (Web Connect,
 * Wake). The context is a new object only when the device changes.
 */
export interface DeviceActionsContext {
  device: DeviceSummary;
}

/**
 * An element at `devices.row.actions` may say what tapping the device's card does on a phone (where the list
 * is a stack of cards): a method `tap(): boolean` that starts it and answers true, or answers false to leave the
 * tap to the next element. When none takes it, the tap opens the device's page.
 */
export interface DeviceRowAction {
  context: DeviceActionsContext;
  tap?(): boolean;
}
