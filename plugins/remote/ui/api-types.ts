// The remote API's answers as the pages read them, typed by the server's own schemas (types only: nothing of
// the server is bundled).
import type { Static } from '@sinclair/typebox';
import type * as quickConnect from '../src/quick-connect/schemas.js';
import type * as sessions from '../src/schemas.js';
import type * as wake from '../src/wake/schemas.js';

export type WakeAnswer = Static<typeof wake.WakeAnswer>;
export type QuickConnectDevice = Static<typeof quickConnect.QuickConnectDevice>;
export type SessionView = Static<typeof sessions.Session>;
export type SessionList = Static<typeof sessions.SessionList>;
