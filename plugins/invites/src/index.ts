export { invitesPlugin } from './plugin.js';
export type { SupportSessionEvent } from './events.js';
export { codeAlphabet, codeLength, normalizeCode, displayCode } from './codes.js';
