export { devicesPlugin, type DevicesConfig } from './plugin.js';
export * from './api.js';
export type { DeviceScreenshotEvent, DeviceStatusEvent, DevicesChangedEvent, DevicesEvents } from './events.js';
export { normalizeTag, normalizeTags, maxTagLength, maxTagsPerDevice } from './tags.js';
export * from './ui-extensions.js';
