import type { EnrollResponse, MachineFacts } from './protocol.js';

/** One readable line for a failed enrollment. */
export class EnrollmentFailed extends Error {}

/** Trades an enrollment code for a device credential. */
export async function enroll(server: string, code: string, facts: MachineFacts): Promise<EnrollResponse> {
  let response: Response;
  try {
    response = await fetch(new URL('/agent/v1/enroll', server), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, facts }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new EnrollmentFailed(`cannot reach ${server}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as Partial<EnrollResponse> & { detail?: string; title?: string };
  if (!response.ok) throw new EnrollmentFailed(`the server refused enrollment (${response.status}): ${body.detail ?? body.title ?? 'no reason given'}`);
  if (!body.deviceId || !body.secret) throw new EnrollmentFailed('the server answered without a device credential');
  return body as EnrollResponse;
}
