// The plugin's public API: the definition the core discovers.
export { remotePlugin } from './plugin.js';
