import type { RouteDefinition } from '../../plugins/types.js';
import type { Identity } from '../identity.js';
import { accountRoutes } from './account-routes.js';
import { apiKeyRoutes } from './api-key-routes.js';
import { authRoutes } from './auth-routes.js';
import { preferenceRoutes } from './preference-routes.js';

/** The core's identity routes: `/auth`, `/account` (with `/account/preferences`) and `/api-keys`. */
export function identityRoutes(identity: Identity): RouteDefinition[] {
  return [
    ...authRoutes(identity),
    ...accountRoutes(identity),
    ...preferenceRoutes(identity),
    ...apiKeyRoutes(identity),
  ];
}
