import { type Directory, NotFoundError, type TenantScope, pageLimit } from '@outpost/core';
import type { Static } from '@sinclair/typebox';
import type { Knex } from 'knex';
import type { DeviceList, DeviceRow } from '../list.js';
import type { DeviceDetails, SessionEntry } from '../schemas.js';
import type { DeviceGroups } from './groups.js';
import { iso, parseJson } from './values.js';

/** What the dashboard reads of one tenant's devices: a device's page, its screenshot and log, the overview. */
export class DeviceReads {
  constructor(
    private readonly db: Knex,
    private readonly list: DeviceList,
    private readonly groups: DeviceGroups,
    private readonly directory: Directory,
  ) {}

  /** The device, in Trash or not, with its shares; 404 for another tenant's. */
  async details(tenant: TenantScope, userId: string | undefined, id: string): Promise<DeviceDetails> {
    const row = (await tenant.table('devices_devices').where({ id }).first()) as DeviceRow | undefined;
    if (!row) throw new NotFoundError('No such device.');
    const [summary] = await this.list.summaries([row], userId);
    const shares: Array<{ user_id: string; created_at: string | Date }> = await this.db('devices_shares')
      .where('device_id', id)
      .orderBy('created_at')
      .select('user_id', 'created_at');
    const users = await this.directory.users(shares.map((s) => s.user_id));
    return {
      ...summary!,
      notes: row.notes,
      notifyEmail: row.notify_email,
      sound: Boolean(row.sound),
      contactId: row.contact_id,
      settings: { allowNonAdminSetup: false, autoAuthorization: false, ...parseJson(row.settings, {}) },
      service: Boolean(row.service),
      display: Boolean(row.display),
      enrollment: { source: row.enrollment_source, reference: row.enrollment_ref },
      facts: parseJson(row.facts, {}),
      systemInfo: parseJson(row.system_info, null),
      liveStatus: parseJson(row.status_info, null),
      shares: shares.flatMap((s) => {
        const user = users.get(s.user_id);
        return user ? [{ userId: s.user_id, email: user.email, name: user.name, sharedAt: iso(s.created_at)! }] : [];
      }),
    };
  }

  async byPermalink(tenant: TenantScope, userId: string | undefined, permalink: string): Promise<DeviceDetails> {
    const row = await tenant.table('devices_devices').where({ permalink }).first('id');
    if (!row) throw new NotFoundError('No device has this link.');
    return this.details(tenant, userId, row.id);
  }

  /** The tenant's device not in Trash, or a 404. */
  async row(tenant: TenantScope, id: string): Promise<DeviceRow> {
    const row = (await tenant.table('devices_devices').where({ id }).whereNull('deleted_at').first()) as
      DeviceRow | undefined;
    if (!row) throw new NotFoundError('No such device.');
    return row;
  }

  async screenshot(tenant: TenantScope, id: string): Promise<{ mime: string; content: Buffer; takenAt: string }> {
    const shot = await tenant.table('devices_screenshots').where({ device_id: id }).first();
    if (!shot) throw new NotFoundError('This device has no screenshot yet.');
    return { mime: shot.mime, content: Buffer.from(shot.content), takenAt: iso(shot.taken_at)! };
  }

  /** The connection log; a device in Trash keeps its log. */
  async sessions(tenant: TenantScope, id: string, limit: number): Promise<Static<typeof SessionEntry>[]> {
    if (!(await tenant.table('devices_devices').where({ id }).first('id'))) throw new NotFoundError('No such device.');
    const rows = await tenant
      .table('devices_sessions')
      .where({ device_id: id })
      .orderBy('connected_at', 'desc')
      .limit(pageLimit(limit));
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      connectedAt: iso(r.connected_at)!,
      disconnectedAt: iso(r.disconnected_at),
      ip: r.ip,
      agentVersion: r.agent_version,
      endReason: r.end_reason,
    }));
  }

  /** The overview: devices by status, in Trash, shared with the user, and the groups. */
  async summary(tenant: TenantScope, userId: string | undefined) {
    const statuses = await this.list.statusCounts(tenant);
    const [{ trash }] = await tenant.table('devices_devices').whereNotNull('deleted_at').count({ trash: '*' });
    const [{ shared }] = userId
      ? await tenant
          .table('devices_devices')
          .whereNull('deleted_at')
          .whereIn('id', this.db('devices_shares').where({ user_id: userId }).select('device_id'))
          .count({ shared: '*' })
      : [{ shared: 0 }];
    return {
      total: Object.values(statuses).reduce((a, b) => a + b, 0),
      statuses,
      trash: Number(trash),
      groups: await this.groups.list(tenant),
      sharedWithMe: Number(shared),
    };
  }
}
