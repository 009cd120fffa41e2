export { devicesPlugin, type DevicesConfig } from './plugin.js';
export * from './api.js';
export { normalizeTag, normalizeTags, maxTagLength, maxTagsPerDevice } from './tags.js';
