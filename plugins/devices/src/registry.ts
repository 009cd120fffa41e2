import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { MachineFacts } from '@outpost/agent/protocol';
import { plainFacts } from './plain-text.js';
import {
  ConflictError,
  type EventBus,
  NotFoundError,
  type Quotas,
  type TenantScope,
  hashToken,
  pageLimit,
  randomToken,
} from '@outpost/core';
import type { Knex } from 'knex';
import type { EnrollmentTarget } from './api.js';
import type { GeoIp } from './geoip.js';
import type { DeviceList, DeviceRow } from './list.js';
import type { Static } from '@sinclair/typebox';
import type { BulkAction, DeviceDetails, DevicePatch, SessionEntry, SystemInfo } from './schemas.js';
import { normalizeTag, normalizeTags } from './tags.js';

export const trashDays = 30;

export interface StatusMail {
  to: string;
  name: string;
  status: 'online' | 'offline';
  at: string;
}

export interface DeviceCredentials {
  deviceId: string;
  secret: string;
}

/** What the channel reports when an agent connects. */
export interface ConnectionFacts {
  ip: string | null;
  agentVersion: string;
  service: boolean;
  display: boolean;
  facts: MachineFacts;
}

interface Publisher {
  publish: EventBus['publish'];
}

const iso = (value: string | Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null);
const parse = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/**
 * The device registry: enrollment, the connection lifecycle the agent channel reports,
 * and everything people change about a device (name, group, tags, trash, favorites,
 * sharing). Each method that takes a TenantScope only ever touches that tenant's rows.
 */
export class DeviceRegistry {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
    private readonly quotas: Quotas,
    private readonly geo: GeoIp,
    readonly list: DeviceList,
    readonly instanceId: string,
    /** Queues the device's status mail (its notification e-mail) once, on the instance that saw the change. */
    private readonly queueStatusMail: (mail: StatusMail) => Promise<unknown>,
  ) {}

  // --- enrollment and credentials

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
    const admission = await this.quotas.admitDevice(target.tenantId, (await this.countActive(target.tenantId)) + 1);
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
    await this.publish('devices.device.enrolled', device);
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

  // --- connection lifecycle (called by the agent channel)

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
    await this.publish('devices.device.online', updated);
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
    await this.publish('devices.device.offline', device);
    await this.mailStatus(device, 'offline');
  }

  private async mailStatus(device: DeviceRow, status: StatusMail['status']): Promise<void> {
    if (device.notify_email)
      await this.queueStatusMail({ to: device.notify_email, name: device.name, status, at: new Date().toISOString() });
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

  // --- reading

  async details(tenant: TenantScope, userId: string | undefined, id: string): Promise<DeviceDetails> {
    const row = (await tenant.table('devices_devices').where({ id }).first()) as DeviceRow | undefined;
    if (!row) throw new NotFoundError('No such device.');
    const [summary] = await this.list.summaries([row], userId);
    const shares = await this.db('devices_shares as s')
      .join('core_users as u', 'u.id', 's.user_id')
      .where('s.device_id', id)
      .orderBy('s.created_at')
      .select('s.user_id', 'u.email', 'u.name', 's.created_at');
    return {
      ...summary!,
      notes: row.notes,
      notifyEmail: row.notify_email,
      sound: Boolean(row.sound),
      contactId: row.contact_id,
      settings: { allowNonAdminSetup: false, autoAuthorization: false, ...parse(row.settings, {}) },
      service: Boolean(row.service),
      display: Boolean(row.display),
      enrollment: { source: row.enrollment_source, reference: row.enrollment_ref },
      facts: parse(row.facts, {}),
      systemInfo: parse(row.system_info, null),
      liveStatus: parse(row.status_info, null),
      shares: shares.map((s) => ({ userId: s.user_id, email: s.email, name: s.name, sharedAt: iso(s.created_at)! })),
    };
  }

  async byPermalink(tenant: TenantScope, userId: string | undefined, permalink: string): Promise<DeviceDetails> {
    const row = await tenant.table('devices_devices').where({ permalink }).first('id');
    if (!row) throw new NotFoundError('No device has this link.');
    return this.details(tenant, userId, row.id);
  }

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
      groups: await this.groups(tenant),
      sharedWithMe: Number(shared),
    };
  }

  async countEnrolled(source: string, references: string[]): Promise<Map<string, number>> {
    const rows: Array<{ enrollment_ref: string; n: number | string }> = await this.db('devices_devices')
      .where({ enrollment_source: source })
      .whereIn('enrollment_ref', references)
      .whereNull('deleted_at')
      .groupBy('enrollment_ref')
      .select('enrollment_ref')
      .count({ n: '*' });
    return new Map(rows.map((r) => [String(r.enrollment_ref), Number(r.n)]));
  }

  async countActive(tenantId: string): Promise<number> {
    const [{ n }] = await this.db('devices_devices')
      .where({ tenant_id: tenantId })
      .whereNull('deleted_at')
      .count({ n: '*' });
    return Number(n);
  }

  // --- changing

  async update(
    tenant: TenantScope,
    userId: string | undefined,
    id: string,
    patch: DevicePatch,
  ): Promise<DeviceDetails> {
    const row = await this.row(tenant, id);
    const changes: Record<string, unknown> = {};
    if (patch.name !== undefined)
      Object.assign(changes, { name: patch.name.trim(), name_lower: patch.name.trim().toLowerCase() });
    if (patch.groupId !== undefined)
      changes.group_id = patch.groupId === null ? null : await this.groupIdOf(tenant, patch.groupId);
    if (patch.notes !== undefined) changes.notes = patch.notes;
    if (patch.notifyEmail !== undefined) changes.notify_email = patch.notifyEmail;
    if (patch.sound !== undefined) changes.sound = patch.sound;
    if (patch.contactId !== undefined) changes.contact_id = patch.contactId;
    if (patch.settings !== undefined)
      changes.settings = JSON.stringify({ ...parse(row.settings, {}), ...patch.settings });
    if (patch.permalink !== undefined) {
      if (
        patch.permalink &&
        (await tenant.table('devices_devices').where({ permalink: patch.permalink }).whereNot({ id }).first('id'))
      ) {
        throw new ConflictError(`Another device already uses the link "${patch.permalink}".`, {
          type: 'permalink-taken',
        });
      }
      changes.permalink = patch.permalink;
    }
    const tags = patch.tags === undefined ? undefined : normalizeTags(patch.tags);
    await this.db.transaction(async (trx) => {
      if (tags) {
        changes.tags = JSON.stringify(tags);
        await trx('devices_tags').where({ device_id: id }).delete();
        if (tags.length > 0)
          await trx('devices_tags').insert(tags.map((tag) => ({ device_id: id, tenant_id: tenant.tenantId, tag })));
      }
      if (Object.keys(changes).length > 0)
        await trx('devices_devices').where({ id, tenant_id: tenant.tenantId }).update(changes);
    });
    await this.changed(tenant, [id], 'updated');
    return this.details(tenant, userId, id);
  }

  /** Applies one action to many devices of the tenant; ids of other tenants are skipped as unknown. */
  async bulk(tenant: TenantScope, action: BulkAction): Promise<{ affected: string[] }> {
    const ids = (await tenant
      .table('devices_devices')
      .whereIn('id', action.ids)
      .select('id', 'tags', 'deleted_at')) as Array<Pick<DeviceRow, 'id' | 'tags' | 'deleted_at'>>;
    const live = ids.filter((r) => !r.deleted_at);
    let affected: string[] = [];
    switch (action.action) {
      case 'trash':
        affected = live.map((r) => r.id);
        await this.updateIn(tenant, affected, { deleted_at: new Date().toISOString() });
        break;
      case 'restore':
        affected = ids.filter((r) => r.deleted_at).map((r) => r.id);
        await this.updateIn(tenant, affected, { deleted_at: null });
        break;
      case 'move': {
        const groupId = action.groupId ? await this.groupIdOf(tenant, action.groupId) : null;
        affected = live.map((r) => r.id);
        await this.updateIn(tenant, affected, { group_id: groupId });
        break;
      }
      case 'addTag':
      case 'removeTag': {
        const tag = normalizeTag(action.tag ?? '', '/body/tag');
        await this.db.transaction(async (trx) => {
          for (const row of live) {
            const current = parse<string[]>(row.tags, []);
            const next =
              action.action === 'addTag' ? [...new Set([...current, tag])] : current.filter((t) => t !== tag);
            if (next.length === current.length) continue;
            normalizeTags(next);
            await trx('devices_devices')
              .where({ id: row.id })
              .update({ tags: JSON.stringify(next) });
            if (action.action === 'addTag')
              await trx('devices_tags').insert({ device_id: row.id, tenant_id: tenant.tenantId, tag });
            else await trx('devices_tags').where({ device_id: row.id, tag }).delete();
            affected.push(row.id);
          }
        });
        break;
      }
    }
    if (affected.length > 0) await this.changed(tenant, affected, action.action);
    return { affected };
  }

  /** Deletes for good what is in the tenant's Trash (all of it, or the given ids). */
  async emptyTrash(tenant: TenantScope, ids?: string[]): Promise<number> {
    const query = tenant.table('devices_devices').whereNotNull('deleted_at');
    if (ids) query.whereIn('id', ids);
    const deleted = await query.delete();
    if (deleted > 0)
      await this.events.publish(
        'devices.device.changed',
        { ids: ids ?? [], change: 'purged' },
        { tenantId: tenant.tenantId },
      );
    return deleted;
  }

  /** The scheduled clean-up: devices in Trash for more than 30 days, in every tenant. */
  async purgeExpiredTrash(now = Date.now()): Promise<number> {
    const cutoff = new Date(now - trashDays * 86_400_000).toISOString();
    return this.db('devices_devices').whereNotNull('deleted_at').where('deleted_at', '<', cutoff).delete();
  }

  async setFavorite(tenant: TenantScope, userId: string, id: string, favorite: boolean): Promise<void> {
    await this.row(tenant, id);
    if (favorite)
      await this.db('devices_favorites')
        .insert({ user_id: userId, device_id: id })
        .onConflict(['user_id', 'device_id'])
        .ignore();
    else await this.db('devices_favorites').where({ user_id: userId, device_id: id }).delete();
  }

  async share(tenant: TenantScope, id: string, userId: string, sharedBy: string | undefined): Promise<void> {
    await this.row(tenant, id);
    const member = await this.db('core_memberships')
      .where({ tenant_id: tenant.tenantId, user_id: userId })
      .first('user_id');
    if (!member) throw new NotFoundError('No such user in this tenant.');
    await this.db('devices_shares')
      .insert({ device_id: id, user_id: userId, shared_by: sharedBy ?? null, created_at: new Date().toISOString() })
      .onConflict(['device_id', 'user_id'])
      .ignore();
    await this.changed(tenant, [id], 'shared');
  }

  async unshare(tenant: TenantScope, id: string, userId: string): Promise<void> {
    await this.row(tenant, id);
    await this.db('devices_shares').where({ device_id: id, user_id: userId }).delete();
    await this.changed(tenant, [id], 'unshared');
  }

  // --- groups

  async groups(tenant: TenantScope) {
    const rows = await tenant
      .table('devices_groups')
      .leftJoin('devices_devices as d', function () {
        this.on('d.group_id', '=', 'devices_groups.id').andOnNull('d.deleted_at');
      })
      .groupBy('devices_groups.id', 'devices_groups.name', 'devices_groups.created_at')
      .orderBy('devices_groups.name')
      .select('devices_groups.id', 'devices_groups.name', 'devices_groups.created_at')
      .count({ n: 'd.id' });
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      createdAt: iso(r.created_at as string)!,
      deviceCount: Number(r.n),
    }));
  }

  async createGroup(tenant: TenantScope, name: string) {
    const trimmed = name.trim();
    if (await tenant.table('devices_groups').where({ name: trimmed }).first('id'))
      throw new ConflictError(`A group named "${trimmed}" exists already.`, { type: 'group-exists' });
    const group = { id: randomUUID(), name: trimmed, created_at: new Date().toISOString() };
    await tenant.insert('devices_groups', group);
    await this.events.publish(
      'devices.group.changed',
      { ids: [group.id], change: 'created' },
      { tenantId: tenant.tenantId },
    );
    return { id: group.id, name: group.name, createdAt: group.created_at, deviceCount: 0 };
  }

  async renameGroup(tenant: TenantScope, id: string, name: string) {
    await this.groupIdOf(tenant, id);
    const trimmed = name.trim();
    if (await tenant.table('devices_groups').where({ name: trimmed }).whereNot({ id }).first('id'))
      throw new ConflictError(`A group named "${trimmed}" exists already.`, { type: 'group-exists' });
    await tenant.table('devices_groups').where({ id }).update({ name: trimmed });
    await this.events.publish('devices.group.changed', { ids: [id], change: 'renamed' }, { tenantId: tenant.tenantId });
    return (await this.groups(tenant)).find((g) => g.id === id)!;
  }

  /** Deletes the group; its devices stay, without a group. */
  async deleteGroup(tenant: TenantScope, id: string): Promise<void> {
    await this.groupIdOf(tenant, id);
    await this.db.transaction(async (trx) => {
      await trx('devices_devices').where({ tenant_id: tenant.tenantId, group_id: id }).update({ group_id: null });
      await trx('devices_groups').where({ tenant_id: tenant.tenantId, id }).delete();
    });
    await this.events.publish('devices.group.changed', { ids: [id], change: 'deleted' }, { tenantId: tenant.tenantId });
  }

  // --- helpers

  private async groupIdOf(tenant: TenantScope, id: string): Promise<string> {
    const group = await tenant.table('devices_groups').where({ id }).first('id');
    if (!group) throw new NotFoundError('No such group.');
    return group.id;
  }

  private async updateIn(tenant: TenantScope, ids: string[], changes: Record<string, unknown>): Promise<void> {
    for (let i = 0; i < ids.length; i += 500)
      await tenant
        .table('devices_devices')
        .whereIn('id', ids.slice(i, i + 500))
        .update(changes);
  }

  private async changed(tenant: TenantScope, ids: string[], change: string): Promise<void> {
    await this.events.publish('devices.device.changed', { ids, change }, { tenantId: tenant.tenantId });
  }

  private async publish(topic: string, device: DeviceRow): Promise<void> {
    await this.events.publish(
      topic,
      { id: device.id, name: device.name, shortId: device.short_id, sound: Boolean(device.sound) },
      { tenantId: device.tenant_id },
    );
  }

  private async freeShortId(trx: Knex.Transaction): Promise<string> {
    for (;;) {
      const candidate = String(randomInt(100_000_000, 1_000_000_000));
      if (!(await trx('devices_devices').where({ short_id: candidate }).first('id'))) return candidate;
    }
  }
}
