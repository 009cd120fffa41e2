import type { Knex } from 'knex';
import type { DeviceRow } from '../list.js';
import type { SystemInfo } from '../schemas.js';
import type { Publisher } from './values.js';

/** What a connected agent sends on its own: live status, system information and screenshots. */
export class AgentReports {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
  ) {}

  async saveSystemInfo(deviceId: string, info: SystemInfo): Promise<void> {
    await this.db('devices_devices')
      .where({ id: deviceId })
      .update({ system_info: JSON.stringify(info) });
  }

  async saveStatus(deviceId: string, status: Record<string, unknown>): Promise<void> {
    await this.db('devices_devices')
      .where({ id: deviceId })
      .update({ status_info: JSON.stringify(status) });
  }

  /** Keeps the newest screenshot; refuses one that comes sooner than a minute after the last (less a little clock slack). */
  async saveScreenshot(
    device: DeviceRow,
    shot: { mime: string; content: Buffer; width: number; height: number },
  ): Promise<boolean> {
    const last = await this.db('devices_screenshots').where({ device_id: device.id }).first('taken_at');
    if (last && Date.now() - new Date(last.taken_at).getTime() < 55_000) return false;
    const takenAt = new Date().toISOString();
    await this.db('devices_screenshots')
      .insert({
        device_id: device.id,
        tenant_id: device.tenant_id,
        mime: shot.mime,
        content: shot.content,
        width: shot.width,
        height: shot.height,
        taken_at: takenAt,
      })
      .onConflict('device_id')
      .merge();
    await this.events.publish('devices.screenshot.updated', { id: device.id, takenAt }, { tenantId: device.tenant_id });
    return true;
  }
}
