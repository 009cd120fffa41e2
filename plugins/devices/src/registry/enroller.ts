import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { MachineFacts } from '@outpost/agent/protocol';
import { hashToken, randomToken } from '@outpost/core';
import type { DeviceQuota } from '../admission.js';
import type { Knex } from 'knex';
import type { EnrollmentTarget } from '../api.js';
import type { GeoIp } from '../geoip.js';
import type { DeviceRow } from '../list.js';
import { plainFacts } from '../plain-text.js';
import type { DeviceCounts } from './counts.js';
import { type Publisher, publishDevice } from './values.js';

export interface DeviceCredentials {
  deviceId: string;
  secret: string;
}

/** Creates devices with their credential (within the tenant's device quota) and checks credentials. */
export class DeviceEnroller {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
    private readonly quotas: DeviceQuota,
    private readonly geo: GeoIp,
    private readonly counts: DeviceCounts,
  ) {}

  /** Enrolls a device; `admit` runs first in the enrolling transaction and may refuse by throwing. */
  async enroll(
    target: EnrollmentTarget,
    source: string,
    reported: MachineFacts,
    ip: string | null,
    admit?: (trx: Knex.Transaction) => Promise<void>,
  ): Promise<{ device: DeviceRow; secret: string }> {
    const facts = plainFacts(reported);
    const secret = randomToken(32);
    const now = new Date().toISOString();
    const place = this.geo.locate(ip);
    // The quota check uses its own connection; SQLite has one, so it runs before the transaction.
    const admission = await this.quotas.admitDevice(target.tenantId, (await this.counts.active(target.tenantId)) + 1);
    const device = await this.db.transaction(async (trx) => {
      await admit?.(trx);
      const groupId = target.groupId
        ? ((await trx('devices_groups').where({ id: target.groupId, tenant_id: target.tenantId }).first('id'))?.id ??
          null)
        : null;
      const row = {
        id: randomUUID(),
        tenant_id: target.tenantId,
        short_id: await this.freeShortId(trx),
        secret_hash: hashToken(secret),
        name: facts.hostname,
        name_lower: facts.hostname.toLowerCase(),
        group_id: groupId,
        hostname: facts.hostname,
        os: facts.os,
        os_name: facts.osName,
        os_version: facts.osVersion,
        facts: JSON.stringify(facts),
        ip,
        enrolled_ip: ip,
        country: place.country,
        city: place.city,
        admission: admission.state,
        limited_until: admission.state === 'limited' ? admission.limitedUntil : null,
        enrollment_source: source,
        enrollment_ref: target.reference,
        created_at: now,
        last_seen_at: now,
      };
      await trx('devices_devices').insert(row);
      return (await trx('devices_devices').where({ id: row.id }).first()) as DeviceRow;
    });
    await publishDevice(this.events, 'devices.device.enrolled', device);
    return { device, secret };
  }

  /** The device a credential belongs to, or why it may not connect. */
  async authenticate(
    credentials: DeviceCredentials,
  ): Promise<{ device: DeviceRow } | { refused: 'unknown' | 'trashed' }> {
    const device = (await this.db('devices_devices').where({ id: credentials.deviceId }).first()) as
      DeviceRow | undefined;
    const given = Buffer.from(hashToken(credentials.secret));
    if (!device || !timingSafeEqual(given, Buffer.from(device.secret_hash))) return { refused: 'unknown' };
    if (device.deleted_at) return { refused: 'trashed' };
    return { device };
  }

  private async freeShortId(trx: Knex.Transaction): Promise<string> {
    for (;;) {
      const candidate = String(randomInt(100_000_000, 1_000_000_000));
      if (!(await trx('devices_devices').where({ short_id: candidate }).first('id'))) return candidate;
    }
  }
}
