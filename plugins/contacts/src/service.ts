import { randomUUID } from 'node:crypto';
import { type EventBus, NotFoundError, type TenantScope, decodeCursor, encodeCursor, pageLimit } from '@outpost/core';
import type { ConnectionEntry, DeviceDirectory, DeviceSummary } from '@outpost/plugin-devices';
import type { Knex } from 'knex';

export interface ContactFields {
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  notes: string;
}

export interface Contact extends ContactFields {
  id: string;
  deviceCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContactRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  notes: string;
  created_at: string | Date;
  updated_at: string | Date;
}

const iso = (value: string | Date): string => new Date(value).toISOString();

/** Trimmed, empty as null, e-mail in lower case: one form in the database whatever was typed. */
export function cleanFields(input: Partial<ContactFields>): Partial<ContactFields> {
  const out: Partial<ContactFields> = {};
  if (input.name !== undefined) out.name = input.name.trim();
  if (input.email !== undefined) out.email = input.email?.trim().toLowerCase() || null;
  if (input.phone !== undefined) out.phone = input.phone?.trim() || null;
  if (input.company !== undefined) out.company = input.company?.trim() || null;
  if (input.notes !== undefined) out.notes = input.notes ?? '';
  return out;
}

export function toRow(fields: Partial<ContactFields>): Record<string, unknown> {
  return { name: fields.name, email: fields.email, phone: fields.phone, company: fields.company, notes: fields.notes };
}

/** The contacts of a tenant: the people behind its devices and tickets. */
export class ContactService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventBus,
    private readonly devices: DeviceDirectory,
  ) {}

  /** Sorted by name; `q` finds name, e-mail or company containing it (any case). Keyset pages. */
  async list(
    tenant: TenantScope,
    query: { q?: string; limit: number; cursor?: string },
  ): Promise<{ items: Contact[]; nextCursor: string | null }> {
    let rows = tenant.table('contacts_contacts');
    const q = query.q?.trim();
    if (q) {
      const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      rows = rows.where((w) =>
        w
          .whereRaw("lower(name) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(email) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(company) like ? escape '\\'", [pattern]),
      );
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, isPosition);
      rows = rows.where((w) =>
        w.where('name', '>', name).orWhere((same) => same.where('name', name).andWhere('id', '>', id)),
      );
    }
    const limit = pageLimit(query.limit);
    const found = (await rows.orderBy([{ column: 'name' }, { column: 'id' }]).limit(limit + 1)) as ContactRow[];
    const page = found.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = found.length > limit && last ? encodeCursor([last.name, last.id]) : null;
    return { items: await this.withDeviceCounts(tenant, page), nextCursor };
  }

  async get(
    tenant: TenantScope,
    id: string,
  ): Promise<Contact & { devices: Pick<DeviceSummary, 'id' | 'name' | 'status' | 'os' | 'lastSeenAt'>[] }> {
    const row = await this.row(tenant, id);
    const [contact] = await this.withDeviceCounts(tenant, [row]);
    const devices = await this.devices.describe(tenant.tenantId, await this.deviceIds(tenant, id));
    // The contact's own summary of each device, not whatever else the devices plugin adds to its own.
    return {
      ...contact!,
      devices: devices.map(({ id, name, status, os, lastSeenAt }) => ({ id, name, status, os, lastSeenAt })),
    };
  }

  async create(tenant: TenantScope, input: ContactFields): Promise<Contact> {
    const now = new Date().toISOString();
    const id = randomUUID();
    await tenant.insert('contacts_contacts', {
      id,
      ...toRow({ notes: '', ...cleanFields(input) }),
      created_at: now,
      updated_at: now,
    });
    const contact = await this.get(tenant, id);
    await this.publish(tenant, 'contacts.contact.created', contact);
    return contact;
  }

  async update(tenant: TenantScope, id: string, input: Partial<ContactFields>): Promise<Contact> {
    await this.row(tenant, id);
    await tenant
      .table('contacts_contacts')
      .where({ id })
      .update({ ...toRow(cleanFields(input)), updated_at: new Date().toISOString() });
    const contact = await this.get(tenant, id);
    await this.publish(tenant, 'contacts.contact.updated', contact);
    return contact;
  }

  async delete(tenant: TenantScope, id: string): Promise<void> {
    const row = await this.row(tenant, id);
    await this.db.transaction(async (trx) => {
      await trx('contacts_devices').where({ tenant_id: tenant.tenantId, contact_id: id }).delete();
      await trx('contacts_contacts').where({ tenant_id: tenant.tenantId, id }).delete();
    });
    await this.events.publish('contacts.contact.deleted', { id, name: row.name }, { tenantId: tenant.tenantId });
  }

  async linkDevice(tenant: TenantScope, id: string, deviceId: string): Promise<void> {
    await this.row(tenant, id);
    if ((await this.devices.describe(tenant.tenantId, [deviceId])).length === 0)
      throw new NotFoundError('No such device.');
    if (await this.db('contacts_devices').where({ contact_id: id, device_id: deviceId }).first('device_id')) return;
    await this.db('contacts_devices')
      .insert({ tenant_id: tenant.tenantId, contact_id: id, device_id: deviceId, created_at: new Date().toISOString() })
      .onConflict(['contact_id', 'device_id'])
      .ignore();
    await this.events.publish('contacts.device.linked', { contactId: id, deviceId }, { tenantId: tenant.tenantId });
  }

  async unlinkDevice(tenant: TenantScope, id: string, deviceId: string): Promise<void> {
    await this.row(tenant, id);
    const removed = await this.db('contacts_devices')
      .where({ tenant_id: tenant.tenantId, contact_id: id, device_id: deviceId })
      .delete();
    if (removed === 0) throw new NotFoundError('This device is not linked to this contact.');
    await this.events.publish('contacts.device.unlinked', { contactId: id, deviceId }, { tenantId: tenant.tenantId });
  }

  /** The contacts a device is linked to. */
  async ofDevice(tenant: TenantScope, deviceId: string): Promise<Contact[]> {
    if ((await this.devices.describe(tenant.tenantId, [deviceId])).length === 0)
      throw new NotFoundError('No such device.');
    const rows = (await tenant
      .table('contacts_contacts')
      .whereIn(
        'id',
        this.db('contacts_devices').where({ tenant_id: tenant.tenantId, device_id: deviceId }).select('contact_id'),
      )
      .orderBy('name')) as ContactRow[];
    return this.withDeviceCounts(tenant, rows);
  }

  /** The connections of the contact's devices, newest first, with the device names. */
  async connections(
    tenant: TenantScope,
    id: string,
    limit: number,
  ): Promise<Array<ConnectionEntry & { deviceName: string }>> {
    await this.row(tenant, id);
    const ids = await this.deviceIds(tenant, id);
    const names = new Map((await this.devices.describe(tenant.tenantId, ids)).map((d) => [d.id, d.name]));
    return (await this.devices.connectionsOf(tenant.tenantId, ids, limit)).map((entry) => ({
      ...entry,
      deviceName: names.get(entry.deviceId) ?? '',
    }));
  }

  /** Whether an e-mail already belongs to a contact of the tenant (the import skips those). */
  async existingEmails(tenant: TenantScope, emails: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < emails.length; i += 500) {
      const rows = await tenant
        .table('contacts_contacts')
        .whereIn('email', emails.slice(i, i + 500))
        .select('email');
      for (const row of rows) found.add(row.email);
    }
    return found;
  }

  private async row(tenant: TenantScope, id: string): Promise<ContactRow> {
    const row = (await tenant.table('contacts_contacts').where({ id }).first()) as ContactRow | undefined;
    if (!row) throw new NotFoundError('No such contact.');
    return row;
  }

  private async deviceIds(tenant: TenantScope, id: string): Promise<string[]> {
    return (
      await this.db('contacts_devices').where({ tenant_id: tenant.tenantId, contact_id: id }).select('device_id')
    ).map((r) => r.device_id as string);
  }

  private async withDeviceCounts(tenant: TenantScope, rows: ContactRow[]): Promise<Contact[]> {
    const counts = new Map<string, number>();
    if (rows.length > 0) {
      const found = await this.db('contacts_devices')
        .where({ tenant_id: tenant.tenantId })
        .whereIn(
          'contact_id',
          rows.map((r) => r.id),
        )
        .groupBy('contact_id')
        .select('contact_id')
        .count({ n: '*' });
      for (const row of found as Array<{ contact_id: string; n: number | string }>)
        counts.set(row.contact_id, Number(row.n));
    }
    return rows.map((row) => toContact(row, counts.get(row.id) ?? 0));
  }

  private async publish(tenant: TenantScope, topic: string, contact: Contact): Promise<void> {
    await this.events.publish(
      topic,
      { id: contact.id, name: contact.name, email: contact.email, company: contact.company },
      { tenantId: tenant.tenantId },
    );
  }
}

export function toContact(row: ContactRow, deviceCount: number): Contact {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    notes: row.notes,
    deviceCount,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A page ends at a contact: its name and id. */
function isPosition(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');
}
