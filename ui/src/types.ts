/** The API's answers the pages read, typed by the server's own definitions (type-only: nothing of the core is bundled). */
export type { ApiKeyInfo, Profile, SessionInfo } from '@outpost/core';
