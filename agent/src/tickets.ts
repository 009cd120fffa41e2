import type { AgentState } from './state.js';

export interface SupportRequest {
  subject: string;
  description?: string;
  priority?: 'low' | 'medium' | 'high' | 'urgent';
  /** Where the answer should go, when it is not the device's contact. */
  email?: string;
}

/** Opens a support ticket for this device with its credential; resolves with the ticket's number. */
export async function createSupportTicket(state: AgentState, request: SupportRequest): Promise<number> {
  let response: Response;
  try {
    response = await fetch(new URL('/agent/v1/tickets', state.server), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${state.deviceId}.${state.secret}` },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new Error(
      `cannot reach ${state.server}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as { number?: number; detail?: string; title?: string };
  if (!response.ok || !body.number)
    throw new Error(
      `the server refused the ticket (${response.status}): ${body.detail ?? body.title ?? 'no reason given'}`,
    );
  return body.number;
}
