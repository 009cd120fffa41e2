import type { Migration } from '../src/plugins/types.js';
import { coreInit } from './202611221800_core_init.js';

export const coreMigrations: Migration[] = [coreInit];
