export { ticketsPlugin } from './plugin.js';
