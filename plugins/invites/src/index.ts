export { invitesPlugin } from './plugin.js';
export { codeAlphabet, codeLength, normalizeCode, displayCode } from './codes.js';
