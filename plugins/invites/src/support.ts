import { randomUUID } from 'node:crypto';
import { NotFoundError, type EventBus, type OutpostEvent, type TenantScope } from '@outpost/core';
import type { DeviceDirectory, DeviceStatusEvent, EnrollmentSource, EnrollmentTarget } from '@outpost/plugin-devices';
import type { Knex } from 'knex';
import { displayCode, freeCode, normalizeCode } from './codes.js';

export type SupportStatus = 'pending' | 'active' | 'ended';

export interface SupportInvitation {
  id: string;
  clientName: string;
  code: string;
  displayCode: string;
  link: string;
  status: SupportStatus;
  technician: string;
  openWindowInAdvance: boolean;
  sound: boolean;
  deviceId: string | null;
  createdAt: string;
  connectedAt: string | null;
  endedAt: string | null;
}

interface SupportRow {
  id: string;
  tenant_id: string;
  code: string;
  client_name: string;
  technician_id: string | null;
  technician_name: string;
  status: SupportStatus;
  open_window_in_advance: boolean | number;
  sound: boolean | number;
  device_id: string | null;
  created_at: string | Date;
  connected_at: string | Date | null;
  ended_at: string | Date | null;
}

const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * Remote-support invitations: a deferred connection for one client. Its code enrolls the
 * client's machine; when that machine comes online the invitation turns active and the
 * team is told, and again when the client leaves. Pending invitations wait; ended ones
 * enroll nothing more.
 */
export class SupportInvitations implements EnrollmentSource {
  readonly id = 'support';

  constructor(
    private readonly db: Knex,
    private readonly events: EventBus,
    private readonly devices: DeviceDirectory,
    private readonly baseUrl: string,
  ) {}

  async create(
    tenant: TenantScope,
    input: { clientName: string; openWindowInAdvance: boolean; sound: boolean },
    technician: { id?: string; name: string },
  ): Promise<SupportInvitation> {
    const code = await freeCode(this.db);
    const id = randomUUID();
    await tenant.insert('invites_support', {
      id,
      code,
      client_name: input.clientName.trim(),
      technician_id: technician.id ?? null,
      technician_name: technician.name,
      status: 'pending',
      open_window_in_advance: input.openWindowInAdvance,
      sound: input.sound,
      created_at: new Date().toISOString(),
    });
    return this.get(tenant, id);
  }

  async list(tenant: TenantScope): Promise<SupportInvitation[]> {
    return ((await tenant.table('invites_support').orderBy('created_at', 'desc')) as SupportRow[]).map((row) =>
      this.toInvitation(row),
    );
  }

  async get(tenant: TenantScope, id: string): Promise<SupportInvitation> {
    const row = (await tenant.table('invites_support').where({ id }).first()) as SupportRow | undefined;
    if (!row) throw new NotFoundError('No such support invitation.');
    return this.toInvitation(row);
  }

  async delete(tenant: TenantScope, id: string): Promise<void> {
    if ((await tenant.table('invites_support').where({ id }).delete()) === 0)
      throw new NotFoundError('No such support invitation.');
  }

  /** The invitation behind a code, for its public page. */
  async byCode(input: string): Promise<(SupportInvitation & { tenantId: string }) | undefined> {
    const code = normalizeCode(input);
    const row = code
      ? ((await this.db('invites_support').where({ code }).first()) as SupportRow | undefined)
      : undefined;
    return row ? { ...this.toInvitation(row), tenantId: row.tenant_id } : undefined;
  }

  async resolve(input: string): Promise<EnrollmentTarget | { refused: string } | undefined> {
    const found = await this.byCode(input);
    if (!found) return undefined;
    if (found.status === 'ended') return { refused: 'This support session has ended: ask for a new invitation.' };
    // An invitation is for one client's machine: a second one is refused.
    const capacity = {
      maxDevices: 1,
      refusal: 'This support invitation is in use by another device: ask for a new invitation.',
    };
    return { tenantId: found.tenantId, reference: found.id, capacity };
  }

  /** A device came online or went away: turns its invitation active or ended, and tells the team once. */
  async deviceChanged(event: OutpostEvent<DeviceStatusEvent>): Promise<void> {
    const { id: deviceId } = event.payload;
    const enrollment = await this.devices.enrollmentOf(deviceId);
    if (enrollment?.source !== this.id) return;
    const now = new Date().toISOString();
    const online = event.topic === 'devices.device.online';
    // A conditional update, so that a delivery run again (a retry after a crash) reports the change once.
    const changed = online
      ? await this.db('invites_support')
          .where({ id: enrollment.reference })
          .whereIn('status', ['pending', 'ended'])
          .update({ status: 'active', device_id: deviceId, connected_at: now, ended_at: null })
      : await this.db('invites_support')
          .where({ id: enrollment.reference, status: 'active' })
          .update({ status: 'ended', ended_at: now });
    if (changed === 0) return;
    const row = (await this.db('invites_support').where({ id: enrollment.reference }).first()) as SupportRow;
    await this.events.publish(
      online ? 'invites.support.connected' : 'invites.support.left',
      { id: row.id, clientName: row.client_name, technician: row.technician_name, sound: Boolean(row.sound) },
      { tenantId: row.tenant_id },
    );
  }

  private toInvitation(row: SupportRow): SupportInvitation {
    return {
      id: row.id,
      clientName: row.client_name,
      code: row.code,
      displayCode: displayCode(row.code),
      link: new URL(`/i/${row.code}`, this.baseUrl).toString(),
      status: row.status,
      technician: row.technician_name,
      openWindowInAdvance: Boolean(row.open_window_in_advance),
      sound: Boolean(row.sound),
      deviceId: row.device_id,
      createdAt: iso(row.created_at)!,
      connectedAt: iso(row.connected_at),
      endedAt: iso(row.ended_at),
    };
  }
}
