import type { RouteDefinition } from '@outpost/core';
import { sessionRoutes } from './sessions/routes.js';

/** Every route under `/api/v1/remote`, from each part's own module. */
export const routes: RouteDefinition[] = [...sessionRoutes];
