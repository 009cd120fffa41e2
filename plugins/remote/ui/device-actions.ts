// What the devices pages hand an element at `devices.row.actions` and `devices.device.actions` (the part of the
// devices plugin's DeviceActionsContext these elements read).
export interface DeviceActionsContext {
  device: { id: string; name: string; status: string; macKnown: boolean };
}
