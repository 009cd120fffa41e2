import { randomUUID } from 'node:crypto';
import type { MachineFacts } from '@outpost/agent/protocol';
import type { Knex } from 'knex';
import type { GeoIp } from '../geoip.js';
import type { DeviceRow } from '../list.js';
import { plainFacts } from '../plain-text.js';
import { type Publisher, publishDevice } from './values.js';

export interface StatusMail {
  to: string;
  name: string;
  status: 'online' | 'offline';
  at: string;
}

/** What the channel reports when an agent connects. */
export interface ConnectionFacts {
  ip: string | null;
  agentVersion: string;
  service: boolean;
  display: boolean;
  facts: MachineFacts;
}

/**
 * Whether a device is online and on which instance, as the agent channel reports its
 * connections: the connection log, the online/offline events and the device's status mail.
 */
export class DevicePresence {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
    private readonly geo: GeoIp,
    private readonly instanceId: string,
    /** Queues the device's status mail (its notification e-mail) once, on the instance that saw the change. */
    private readonly queueStatusMail: (mail: StatusMail) => Promise<unknown>,
  ) {}

  async connected(device: DeviceRow, connection: ConnectionFacts): Promise<{ sessionId: string; device: DeviceRow }> {
    const now = new Date().toISOString();
    const place = this.geo.locate(connection.ip);
    const sessionId = randomUUID();
    const facts = plainFacts(connection.facts);
    await this.db.transaction(async (trx) => {
      await trx('devices_devices')
        .where({ id: device.id })
        .update({
          online: true,
          instance_id: this.instanceId,
          service: connection.service,
          display: connection.display,
          agent_version: connection.agentVersion,
          hostname: facts.hostname,
          os: facts.os,
          os_name: facts.osName,
          os_version: facts.osVersion,
          facts: JSON.stringify(facts),
          ip: connection.ip,
          country: place.country,
          city: place.city,
          session_count: trx.raw('session_count + 1'),
          first_connected_at: device.first_connected_at ?? now,
          last_seen_at: now,
        });
      await trx('devices_sessions').insert({
        id: sessionId,
        device_id: device.id,
        tenant_id: device.tenant_id,
        connected_at: now,
        ip: connection.ip,
        agent_version: connection.agentVersion,
      });
    });
    const updated = (await this.db('devices_devices').where({ id: device.id }).first()) as DeviceRow;
    await publishDevice(this.events, 'devices.device.online', updated);
    await this.mailStatus(updated, 'online');
    return { sessionId, device: updated };
  }

  /** Marks the device offline unless another connection (here or on another instance) has taken over. */
  async disconnected(deviceId: string, sessionId: string, reason: string): Promise<void> {
    const now = new Date().toISOString();
    const changed = await this.db('devices_devices')
      .where({ id: deviceId, instance_id: this.instanceId, online: true })
      .update({ online: false, last_seen_at: now });
    await this.db('devices_sessions')
      .where({ id: sessionId })
      .update({ disconnected_at: now, end_reason: reason.slice(0, 200) });
    if (changed === 0) return;
    const device = (await this.db('devices_devices').where({ id: deviceId }).first()) as DeviceRow | undefined;
    if (!device) return;
    await publishDevice(this.events, 'devices.device.offline', device);
    await this.mailStatus(device, 'offline');
  }

  /** Vouches that these devices are still connected here. */
  async touch(deviceIds: string[]): Promise<void> {
    const now = new Date().toISOString();
    for (let i = 0; i < deviceIds.length; i += 500) {
      await this.db('devices_devices')
        .whereIn('id', deviceIds.slice(i, i + 500))
        .where({ instance_id: this.instanceId })
        .update({ last_seen_at: now });
    }
  }

  private async mailStatus(device: DeviceRow, status: StatusMail['status']): Promise<void> {
    if (device.notify_email)
      await this.queueStatusMail({ to: device.notify_email, name: device.name, status, at: new Date().toISOString() });
  }
}
