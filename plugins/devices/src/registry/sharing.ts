import { type Directory, NotFoundError, type TenantScope } from '@outpost/core';
import type { Knex } from 'knex';
import type { DeviceReads } from './reads.js';
import { type Publisher, publishChanged } from './values.js';

/** A user's favorite devices, and devices shared with members of the tenant. */
export class DeviceSharing {
  constructor(
    private readonly db: Knex,
    private readonly events: Publisher,
    private readonly reads: DeviceReads,
    private readonly directory: Directory,
  ) {}

  async setFavorite(tenant: TenantScope, userId: string, id: string, favorite: boolean): Promise<void> {
    await this.reads.row(tenant, id);
    if (favorite)
      await this.db('devices_favorites')
        .insert({ user_id: userId, device_id: id })
        .onConflict(['user_id', 'device_id'])
        .ignore();
    else await this.db('devices_favorites').where({ user_id: userId, device_id: id }).delete();
  }

  /** Shares the device with a member of its tenant; 404 for anyone else. */
  async share(tenant: TenantScope, id: string, userId: string, sharedBy: string | undefined): Promise<void> {
    await this.reads.row(tenant, id);
    if (!(await this.directory.isMember(tenant.tenantId, userId)))
      throw new NotFoundError('No such user in this tenant.');
    await this.db('devices_shares')
      .insert({ device_id: id, user_id: userId, shared_by: sharedBy ?? null, created_at: new Date().toISOString() })
      .onConflict(['device_id', 'user_id'])
      .ignore();
    await publishChanged(this.events, tenant, [id], 'shared');
  }

  async unshare(tenant: TenantScope, id: string, userId: string): Promise<void> {
    await this.reads.row(tenant, id);
    await this.db('devices_shares').where({ device_id: id, user_id: userId }).delete();
    await publishChanged(this.events, tenant, [id], 'unshared');
  }
}
