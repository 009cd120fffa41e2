import type { Migration } from '@outpost/core';

/** The plugin's tables, each named `remote_<name>`; one migration per part, appended in order. */
export const migrations: Migration[] = [];
