import { ConflictError, type TenantScope } from '@outpost/core';
import type { Knex } from 'knex';
import type { DeviceRow } from '../list.js';
import type { BulkAction, DeviceDetails, DevicePatch } from '../schemas.js';
import { normalizeTag, normalizeTags } from '../tags.js';
import type { DeviceGroups } from './groups.js';
import type { DeviceReads } from './reads.js';
import { type Publisher, parseJson, publishChanged } from './values.js';

export const trashDays = 30;

/**
 * What people change about a tenant's devices: their fields and tags, one at a time or
 * in bulk, and Trash. Ids of other tenants' devices are never touched.
 */
export class DeviceChanges {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
    private readonly reads: DeviceReads,
    private readonly groups: DeviceGroups,
  ) {}

  async update(
    tenant: TenantScope,
    userId: string | undefined,
    id: string,
    patch: DevicePatch,
  ): Promise<DeviceDetails> {
    const row = await this.reads.row(tenant, id);
    const changes: Record<string, unknown> = {};
    if (patch.name !== undefined)
      Object.assign(changes, { name: patch.name.trim(), name_lower: patch.name.trim().toLowerCase() });
    if (patch.groupId !== undefined)
      changes.group_id = patch.groupId === null ? null : await this.groups.idOf(tenant, patch.groupId);
    if (patch.notes !== undefined) changes.notes = patch.notes;
    if (patch.notifyEmail !== undefined) changes.notify_email = patch.notifyEmail;
    if (patch.sound !== undefined) changes.sound = patch.sound;
    if (patch.contactId !== undefined) changes.contact_id = patch.contactId;
    if (patch.settings !== undefined)
      changes.settings = JSON.stringify({ ...parseJson(row.settings, {}), ...patch.settings });
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
    await publishChanged(this.events, tenant, [id], 'updated');
    return this.reads.details(tenant, userId, id);
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
        const groupId = action.groupId ? await this.groups.idOf(tenant, action.groupId) : null;
        affected = live.map((r) => r.id);
        await this.updateIn(tenant, affected, { group_id: groupId });
        break;
      }
      case 'addTag':
      case 'removeTag': {
        const tag = normalizeTag(action.tag ?? '', '/body/tag');
        await this.db.transaction(async (trx) => {
          for (const row of live) {
            const current = parseJson<string[]>(row.tags, []);
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
    if (affected.length > 0) await publishChanged(this.events, tenant, affected, action.action);
    return { affected };
  }

  /** Deletes for good what is in the tenant's Trash (all of it, or the given ids). */
  async emptyTrash(tenant: TenantScope, ids?: string[]): Promise<number> {
    const query = tenant.table('devices_devices').whereNotNull('deleted_at');
    if (ids) query.whereIn('id', ids);
    const deleted = await query.delete();
    if (deleted > 0) await publishChanged(this.events, tenant, ids ?? [], 'purged');
    return deleted;
  }

  /** The scheduled clean-up: devices in Trash for more than 30 days, in every tenant. */
  async purgeExpiredTrash(now = Date.now()): Promise<number> {
    const cutoff = new Date(now - trashDays * 86_400_000).toISOString();
    return this.db('devices_devices').whereNotNull('deleted_at').where('deleted_at', '<', cutoff).delete();
  }

  private async updateIn(tenant: TenantScope, ids: string[], changes: Record<string, unknown>): Promise<void> {
    for (let i = 0; i < ids.length; i += 500)
      await tenant
        .table('devices_devices')
        .whereIn('id', ids.slice(i, i + 500))
        .update(changes);
  }
}
