import type { Static } from '@sinclair/typebox';
import type { eventSchemas } from './schemas.js';

/**
 * Payloads of the devices plugin's events, for subscribers in plugins that depend on it:
 * `handle: (event: OutpostEvent<DeviceStatusEvent>, context) => ...`.
 */
/** `devices.device.online`, `devices.device.offline` and `devices.device.enrolled`. */
export type DeviceStatusEvent = Static<typeof eventSchemas.online>;
/** `devices.device.changed` and `devices.group.changed`: which ids, and the kind of change (`rename`, `trash`, ...). */
export type DevicesChangedEvent = Static<typeof eventSchemas.changed>;
/** `devices.screenshot.updated`. */
export type DeviceScreenshotEvent = Static<typeof eventSchemas.screenshot>;

/** The payload of each public topic of the devices plugin. */
export interface DevicesEvents {
  'devices.device.online': DeviceStatusEvent;
  'devices.device.offline': DeviceStatusEvent;
  'devices.device.enrolled': DeviceStatusEvent;
  'devices.device.changed': DevicesChangedEvent;
  'devices.group.changed': DevicesChangedEvent;
  'devices.screenshot.updated': DeviceScreenshotEvent;
}
