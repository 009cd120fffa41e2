export { contactsPlugin } from './plugin.js';
export * from './api.js';
