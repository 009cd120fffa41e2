import type { Knex } from 'knex';
import type { CoreConfig } from '../config/schema.js';
import { isoIn } from '../identity/tokens.js';

export interface Plan {
  name: string;
  deviceLimit: number | null;
  memberLimit: number | null;
  features: string[];
}

export interface Usage {
  plan: Plan;
  devices: { used: number; limit: number | null };
  members: { used: number; limit: number | null };
}

/** How a newly added device may be used under the tenant's plan. */
export type DeviceAdmission = { state: 'active' } | { state: 'limited'; limitedUntil: string } | { state: 'disabled' };

/** A Limited device is usable this long after it was added. */
export const limitedDeviceDays = 10;

/**
 * Plans from `billing.plans`, assigned per tenant (`billing.defaultPlan` when none is),
 * and the quota rules: over the device limit, the first device is Limited (usable for
 * 10 days); once a tenant has gone over, further devices are Disabled, until the plan
 * changes. Over the member limit, invitations are refused.
 */
export class Quotas {
  private readonly counters = new Map<string, (tenantId: string) => Promise<number>>();

  constructor(
    private readonly db: Knex,
    private readonly config: CoreConfig['billing'],
  ) {}

  /** The plugin that owns a countable thing (the devices plugin: `devices`) says how to count it. */
  registerCounter(name: 'devices', count: (tenantId: string) => Promise<number>): void {
    this.counters.set(name, count);
  }

  async plan(tenantId: string, db: Knex = this.db): Promise<Plan> {
    const tenant = await db('core_tenants').where({ id: tenantId }).first('plan');
    return this.planNamed(tenant?.plan ?? this.config.defaultPlan);
  }

  get defaultPlan(): string {
    return this.config.defaultPlan;
  }

  planNamed(name: string): Plan {
    const plan = this.config.plans[name] ?? this.config.plans[this.config.defaultPlan];
    if (!plan) throw new Error(`billing.defaultPlan "${this.config.defaultPlan}" is not a plan`);
    return { name, deviceLimit: plan.deviceLimit, memberLimit: plan.memberLimit, features: plan.features };
  }

  plans(): Plan[] {
    return Object.keys(this.config.plans).map((name) => this.planNamed(name));
  }

  hasPlan(name: string): boolean {
    return name in this.config.plans;
  }

  async hasFeature(tenantId: string, feature: string): Promise<boolean> {
    const { features } = await this.plan(tenantId);
    return features.includes('*') || features.includes(feature);
  }

  async usage(tenantId: string): Promise<Usage> {
    const plan = await this.plan(tenantId);
    const devices = (await this.counters.get('devices')?.(tenantId)) ?? 0;
    return {
      plan,
      devices: { used: devices, limit: plan.deviceLimit },
      members: { used: await this.seats(tenantId), limit: plan.memberLimit },
    };
  }

  /** Members plus open invitations: an invitation holds a seat until it is accepted, revoked or expires. */
  async seats(tenantId: string, db: Knex = this.db): Promise<number> {
    const [{ members }] = await db('core_memberships').where({ tenant_id: tenantId }).count({ members: '*' });
    const [{ invited }] = await db('core_invitations')
      .where({ tenant_id: tenantId })
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .where('expires_at', '>', new Date().toISOString())
      .count({ invited: '*' });
    return Number(members) + Number(invited);
  }

  /** The state of a device being added, given how many the tenant has with it. */
  async admitDevice(tenantId: string, devicesWithThisOne: number): Promise<DeviceAdmission> {
    const { deviceLimit } = await this.plan(tenantId);
    if (deviceLimit === null || devicesWithThisOne <= deviceLimit) return { state: 'active' };
    // Compare-and-set: exactly one device is the first to go over.
    const first = await this.db('core_tenants')
      .where({ id: tenantId })
      .whereNull('device_limit_exceeded_at')
      .update({ device_limit_exceeded_at: new Date().toISOString() });
    return first === 1
      ? { state: 'limited', limitedUntil: isoIn(limitedDeviceDays * 86_400_000) }
      : { state: 'disabled' };
  }
}
