import type { EventBus, TenantScope } from '@outpost/core';
import type { DeviceRow } from '../list.js';

export interface Publisher {
  publish: EventBus['publish'];
}

export const iso = (value: string | Date | null | undefined): string | null =>
  value ? new Date(value).toISOString() : null;

/** A stored JSON column, or the fallback when it is empty or unreadable. */
export const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** `devices.device.enrolled`, `.online`, `.offline`: what the dashboard's notifications show of the device. */
export async function publishDevice(events: Publisher, topic: string, device: DeviceRow): Promise<void> {
  await events.publish(
    topic,
    { id: device.id, name: device.name, shortId: device.short_id, sound: Boolean(device.sound) },
    { tenantId: device.tenant_id },
  );
}

/** `devices.device.changed`: lists and pages showing these devices reload them. */
export async function publishChanged(
  events: Publisher,
  tenant: TenantScope,
  ids: string[],
  change: string,
): Promise<void> {
  await events.publish('devices.device.changed', { ids, change }, { tenantId: tenant.tenantId });
}
