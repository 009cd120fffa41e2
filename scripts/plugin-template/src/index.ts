// The plugin's public API: the definition the core discovers, and what other plugins may import.
export { __name__Plugin } from './plugin.js';
export { type ItemCreated, itemCreatedTopic } from './events.js';
export type { Item } from './schemas.js';
