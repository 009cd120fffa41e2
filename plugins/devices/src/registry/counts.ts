import type { Knex } from 'knex';

/** Device counts across tenants: for the device quota and for enrollment sources. */
export class DeviceCounts {
  constructor(private readonly db: Knex) {}

  /** Devices not in Trash enrolled by this source, per reference (an invite, a deployment). */
  async enrolled(source: string, references: string[]): Promise<Map<string, number>> {
    const rows: Array<{ enrollment_ref: string; n: number | string }> = await this.db('devices_devices')
      .where({ enrollment_source: source })
      .whereIn('enrollment_ref', references)
      .whereNull('deleted_at')
      .groupBy('enrollment_ref')
      .select('enrollment_ref')
      .count({ n: '*' });
    return new Map(rows.map((r) => [String(r.enrollment_ref), Number(r.n)]));
  }

  /** The tenant's devices not in Trash. */
  async active(tenantId: string): Promise<number> {
    const [{ n }] = await this.db('devices_devices')
      .where({ tenant_id: tenantId })
      .whereNull('deleted_at')
      .count({ n: '*' });
    return Number(n);
  }
}
