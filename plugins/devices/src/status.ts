import type { DeviceStatus } from './schemas.js';

export interface StatusFields {
  admission: string;
  limited_until: string | Date | null;
  online: boolean | number;
  service: boolean | number;
  last_seen_at: string | Date;
}

/**
 * A device's status. The plan's quota comes first (Disabled, Limited); then the
 * channel: Online when its agent is connected and its instance has vouched for it
 * recently, Not installed when that agent runs by hand rather than as a service.
 */
export function statusOf(row: StatusFields, now: number, staleAfterMs: number): DeviceStatus {
  if (row.admission === 'disabled') return 'disabled';
  if (row.admission === 'limited')
    return row.limited_until && new Date(row.limited_until).getTime() > now ? 'limited' : 'disabled';
  const connected = Boolean(row.online) && new Date(row.last_seen_at).getTime() > now - staleAfterMs;
  if (!connected) return 'offline';
  return row.service ? 'online' : 'not-installed';
}
