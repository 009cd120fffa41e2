import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { CoreConfig } from '../config/schema.js';

export interface Plan {
  name: string;
  /** Limit per counter name; a counter the plan does not name, or `null`, has no limit. */
  limits: Record<string, number | null>;
  features: string[];
}

/** Something a plan limits, counted per tenant by the plugin (or the core) that owns it. */
export interface QuotaCounter {
  /** The key of `billing.plans.<plan>.limits`, e.g. `devices`. */
  name: string;
  /** How the usage page names it, e.g. `Devices`. */
  label: string;
  count(tenantId: string, db?: Knex): Promise<number>;
}

export interface CounterUsage {
  name: string;
  label: string;
  used: number;
  limit: number | null;
}

export interface Usage {
  plan: Plan;
  counters: CounterUsage[];
}

/**
 * Whether one more of a counted thing fits the tenant's plan. Over the limit, `first`
 * is true for exactly one caller per counter until the plan changes: the first to go
 * over (the devices plugin lets that device in Limited, the later ones Disabled).
 */
export type QuotaVerdict = { over: false } | { over: true; limit: number; first: boolean };

/** Team members plus open invitations: an invitation holds a seat until it is accepted, revoked or expires. */
export const membersCounter = 'members';

/**
 * Plans from `billing.plans`, assigned per tenant (`billing.defaultPlan` when none is),
 * with limits per named counter. Plugins register their counters; the core counts
 * team members.
 */
export class Quotas {
  private readonly counters = new Map<string, QuotaCounter>();

  constructor(
    private readonly db: Knex,
    private readonly config: CoreConfig['billing'],
  ) {
    this.registerCounter({
      name: membersCounter,
      label: 'Team members (with open invitations)',
      count: (tenantId, db) => this.seats(tenantId, db),
    });
  }

  /** Called from the owning plugin's service factory; a name is registered once. */
  registerCounter(counter: QuotaCounter): void {
    if (this.counters.has(counter.name)) throw new Error(`the quota counter "${counter.name}" is registered twice`);
    this.counters.set(counter.name, counter);
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
    return { name, limits: { ...plan.limits }, features: plan.features };
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

  /** The plan and every registered counter against its limit. */
  async usage(tenantId: string): Promise<Usage> {
    const plan = await this.plan(tenantId);
    const counters: CounterUsage[] = [];
    for (const counter of this.counters.values()) {
      counters.push({
        name: counter.name,
        label: counter.label,
        used: await counter.count(tenantId),
        limit: plan.limits[counter.name] ?? null,
      });
    }
    return { plan, counters };
  }

  /** Members plus open invitations. */
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

  /** Whether the tenant, with this many of the counted thing (the new one included), is over its plan's limit. */
  async check(tenantId: string, counter: string, countWithNew: number): Promise<QuotaVerdict> {
    const limit = (await this.plan(tenantId)).limits[counter] ?? null;
    if (limit === null || countWithNew <= limit) return { over: false };
    // Claim-and-read: of callers going over at once, exactly one finds its own claim stored.
    const claim = randomUUID();
    await this.db('core_quota_overages')
      .insert({ tenant_id: tenantId, counter, claim, since: new Date().toISOString() })
      .onConflict(['tenant_id', 'counter'])
      .ignore();
    const stored = await this.db('core_quota_overages').where({ tenant_id: tenantId, counter }).first('claim');
    return { over: true, limit, first: stored?.claim === claim };
  }

  /** A new plan starts over: the next one over the limit is the first again. */
  async startOver(tenantId: string, db: Knex = this.db): Promise<void> {
    await db('core_quota_overages').where({ tenant_id: tenantId }).delete();
  }
}
