import type { RouteDefinition } from '@outpost/core';

/** Every route under `/api/v1/remote`, from each part's own module. */
export const routes: RouteDefinition[] = [];
