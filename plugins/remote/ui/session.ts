// Opening a remote session of one kind from the browser: POST /remote/sessions, then its WebSocket.
import { ApiError, api, t } from '@outpost/ui-sdk';

/** POST /remote/sessions's answer. */
export interface RemoteSession {
  id: string;
  kind: string;
  deviceId: string;
  socketPath: string;
}

export interface ControlMessage {
  type: string;
  [key: string]: unknown;
}

/** Why a session could not start, as the technician reads it; `busy` when one is open already (409). */
export async function openSession(
  deviceId: string,
  kind: 'terminal' | 'files',
  options: Record<string, number> = {},
  another = false,
): Promise<{ session: RemoteSession } | { busy: string } | { failed: string }> {
  try {
    const session = await api<RemoteSession>('POST', '/remote/sessions', {
      deviceId,
      kind,
      ...(Object.keys(options).length ? { options } : {}),
      ...(another ? { another: true } : {}),
    });
    return { session };
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 409 && error.problem.type?.endsWith('session-open'))
        return { busy: error.problem.detail ?? '' };
      if (error.status === 404) return { failed: t('This device does not exist, or it is not in this tenant.') };
      if (error.status === 403) return { failed: t('Connecting to devices needs the device.connect permission.') };
      return { failed: error.problem.detail ?? error.problem.title ?? error.message };
    }
    return { failed: String(error) };
  }
}

export function sessionSocket(session: RemoteSession): WebSocket {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocket(`${scheme}://${location.host}${session.socketPath}`);
}

/** A text message's JSON, or undefined when it is none. */
export function controlMessage(data: string): ControlMessage | undefined {
  try {
    const message = JSON.parse(data) as ControlMessage;
    return message && typeof message.type === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** The server's `ended` message as a sentence. */
export function endedText(message: ControlMessage): string {
  const by = typeof message.by === 'string' && message.by ? message.by : '';
  return by ? t('{name} ended this session.', { name: by }) : t('The session ended.');
}
