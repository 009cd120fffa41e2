import type { Quotas } from '@outpost/core';

/** How a newly added device may be used under the tenant's plan. */
export type DeviceAdmission = { state: 'active' } | { state: 'limited'; limitedUntil: string } | { state: 'disabled' };

/** The quota counter this plugin registers: devices not in Trash. */
export const devicesCounter = 'devices';

/** A Limited device is usable this long after it was added. */
export const limitedDeviceDays = 10;

/**
 * The plan's rule for devices, on the core's generic quota answer: over the device
 * limit, the first device is Limited (usable for 10 days); once a tenant has gone over,
 * further devices are Disabled, until the plan changes.
 */
export class DeviceQuota {
  constructor(private readonly quotas: Quotas) {}

  /** The state of a device being added, given how many the tenant has with it. */
  async admitDevice(tenantId: string, devicesWithThisOne: number): Promise<DeviceAdmission> {
    const verdict = await this.quotas.check(tenantId, devicesCounter, devicesWithThisOne);
    if (!verdict.over) return { state: 'active' };
    if (!verdict.first) return { state: 'disabled' };
    return { state: 'limited', limitedUntil: new Date(Date.now() + limitedDeviceDays * 86_400_000).toISOString() };
  }
}
