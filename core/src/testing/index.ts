export * from './database.js';
export * from './server.js';
export * from './smtp-sink.js';
export * from './wait.js';
export { currentTotp } from '../identity/totp.js';
export * from './isolation.js';
export { discoverPluginPackages } from '../plugins/discover.js';
