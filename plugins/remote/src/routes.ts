import type { RouteDefinition } from '@outpost/core';
import { filesRoutes } from './files/routes.js';
import { quickConnectRoutes } from './quick-connect/routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { wakeRoutes } from './wake/routes.js';

/** Every route under `/api/v1/remote`, from each part's own module. */
export const routes: RouteDefinition[] = [...sessionRoutes, ...wakeRoutes, ...quickConnectRoutes, ...filesRoutes];
