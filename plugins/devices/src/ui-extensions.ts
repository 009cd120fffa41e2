// The extension points the devices pages offer other plugins' UIs, with the context each element gets
// (`element.context`). A plugin adds to one with `ui.extensions: [{ point, element, permission? }]`.

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
