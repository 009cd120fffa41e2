import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, type TenantScope } from '@outpost/core';
import type { Knex } from 'knex';
import { type Publisher, iso } from './values.js';

/** A tenant's device groups; deleting one keeps its devices, without a group. */
export class DeviceGroups {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
  ) {}

  /** The groups by name, each with its number of devices not in Trash. */
  async list(tenant: TenantScope) {
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

  async create(tenant: TenantScope, name: string) {
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

  async rename(tenant: TenantScope, id: string, name: string) {
    await this.idOf(tenant, id);
    const trimmed = name.trim();
    if (await tenant.table('devices_groups').where({ name: trimmed }).whereNot({ id }).first('id'))
      throw new ConflictError(`A group named "${trimmed}" exists already.`, { type: 'group-exists' });
    await tenant.table('devices_groups').where({ id }).update({ name: trimmed });
    await this.events.publish('devices.group.changed', { ids: [id], change: 'renamed' }, { tenantId: tenant.tenantId });
    return (await this.list(tenant)).find((g) => g.id === id)!;
  }

  /** Deletes the group; its devices stay, without a group. */
  async delete(tenant: TenantScope, id: string): Promise<void> {
    await this.idOf(tenant, id);
    await this.db.transaction(async (trx) => {
      await trx('devices_devices').where({ tenant_id: tenant.tenantId, group_id: id }).update({ group_id: null });
      await trx('devices_groups').where({ tenant_id: tenant.tenantId, id }).delete();
    });
    await this.events.publish('devices.group.changed', { ids: [id], change: 'deleted' }, { tenantId: tenant.tenantId });
  }

  /** The id of the tenant's group, or a 404. */
  async idOf(tenant: TenantScope, id: string): Promise<string> {
    const group = await tenant.table('devices_groups').where({ id }).first('id');
    if (!group) throw new NotFoundError('No such group.');
    return group.id;
  }
}
