import type { Migration } from '../src/plugins/types.js';
import { coreInit } from './202611221800_core_init.js';
import { coreIdentity } from './202611230900_core_identity.js';

export const coreMigrations: Migration[] = [coreInit, coreIdentity];
