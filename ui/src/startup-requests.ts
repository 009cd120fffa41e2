/**
 * The app's start-up requests, at once: who is signed in, the tenants and the UI manifest, the last two on the guess
 * that someone is (signed out, they answer 401 like the account); then, once the account says it is in a tenant, the
 * user's notification choices (a user in no tenant has none: asking would be refused). Asked one after another they
 * cost the dashboard three round trips.
 *
 * The app's first module (startup.ts) sends them before the rest of the app's code is evaluated, so they are
 * answered meanwhile; the shell takes them with `startupRequests()`. (Sending them from a classic script of their own
 * at the top of index.html was measured too: an earlier sign-in page, but the dashboard later, as the server answered
 * them while it still sent the app's code.)
 */
import { answerOf } from './api.js';

/** Pages that work signed out (reached from mailed links): the app shows them without asking who is signed in. */
export const signedOutPaths: readonly string[] = ['/sign-up', '/confirm', '/forgot-password', '/reset-password'];

export interface StartupResponses {
  account: Promise<Response>;
  tenants: Promise<Response>;
  manifest: Promise<Response>;
  /** The user's preference `notifications` in the current tenant; null for a user in no tenant (or signed out). */
  notifications: Promise<Response | null>;
}

export interface StartupRequests {
  account: Promise<unknown>;
  tenants: Promise<unknown>;
  manifest: Promise<unknown>;
  /** The value of the user's preference `notifications` in the current tenant; null for a user in no tenant. */
  notifications: Promise<unknown>;
}

declare global {
  interface Window {
    /** Set by the app's first module (startup.ts). */
    outpostStartup?: StartupResponses;
  }
}

/** A promise nobody may await (a guess, signed out): its refusal is marked handled, and still rejects for those who do. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function get(path: string): Promise<Response> {
  return fetch(`/api/v1${path}`, { credentials: 'same-origin', headers: { 'x-outpost-csrf': '1' } });
}

/** Sends the requests. */
export function askStartup(): StartupResponses {
  const account = handled(get('/account'));
  return {
    account,
    tenants: handled(get('/tenants')),
    manifest: handled(get('/ui/manifest')),
    notifications: handled(
      account.then(async (response) => {
        const signedIn = response.ok && ((await response.clone().json()) as { currentTenantId: string | null });
        return signedIn && signedIn.currentTenantId ? get('/account/preferences/notifications') : null;
      }),
    ),
  };
}

/** The requests the app's first module sent, the first time; fresh ones after that (a sign-in, a tenant switch). */
export function startupRequests(): StartupRequests {
  const responses = window.outpostStartup ?? askStartup();
  window.outpostStartup = undefined;
  const read = (response: Promise<Response>) => handled(response.then((r) => answerOf(r)));
  return {
    account: read(responses.account),
    tenants: read(responses.tenants),
    manifest: read(responses.manifest),
    notifications: handled(
      responses.notifications.then(async (response) =>
        response ? (await answerOf<{ value: unknown }>(response)).value : null,
      ),
    ),
  };
}
