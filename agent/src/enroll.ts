import { setTimeout as sleep } from 'node:timers/promises';
import type { EnrollResponse, MachineFacts } from './protocol.js';

/** One readable line for a failed enrollment. */
export class EnrollmentFailed extends Error {}

/** The server's enrollment limit for a code or an address is reached for now. */
class EnrollmentLimited extends EnrollmentFailed {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export interface EnrollOptions {
  /** Told when the server's enrollment limit makes the agent wait. */
  log?: (line: string) => void;
  /** Stops the waiting. */
  signal?: AbortSignal;
}

/**
 * Trades an enrollment code for a device credential. When the server limits enrollments
 * (429, a rollout faster than the code or the address may enroll), waits as long as its
 * Retry-After says, with a little jitter so a waiting office does not come back at once,
 * and asks again. Any other refusal ends it with one readable line.
 */
export async function enroll(
  server: string,
  code: string,
  facts: MachineFacts,
  options: EnrollOptions = {},
): Promise<EnrollResponse> {
  for (;;) {
    try {
      return await enrollOnce(server, code, facts);
    } catch (error) {
      if (!(error instanceof EnrollmentLimited)) throw error;
      const seconds = Math.ceil(error.retryAfterSeconds * (1 + Math.random() / 10));
      options.log?.(`${error.message} Asking again in ${seconds} s.`);
      await sleep(seconds * 1000, undefined, { signal: options.signal });
    }
  }
}

async function enrollOnce(server: string, code: string, facts: MachineFacts): Promise<EnrollResponse> {
  let response: Response;
  try {
    response = await fetch(new URL('/agent/v1/enroll', server), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, facts }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new EnrollmentFailed(
      `cannot reach ${server}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Partial<EnrollResponse> & {
    detail?: string;
    title?: string;
  };
  const refusal = `the server refused enrollment (${response.status}): ${body.detail ?? body.title ?? 'no reason given'}`;
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0)
    throw new EnrollmentLimited(refusal, retryAfter);
  if (!response.ok) throw new EnrollmentFailed(refusal);
  if (!body.deviceId || !body.secret) throw new EnrollmentFailed('the server answered without a device credential');
  return body as EnrollResponse;
}
