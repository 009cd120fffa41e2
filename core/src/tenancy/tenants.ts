import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { actorOf, type AuditLog } from '../audit/audit.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Principal, RequestClient } from '../identity/principal.js';
import type { SessionStore } from '../identity/sessions.js';
import { actInChildTenantsPermission, type TenantAccess } from './access.js';
import type { Quotas } from './quotas.js';
import type { TeamService } from './team.js';

export interface TenantInfo {
  id: string;
  name: string;
  parentId: string | null;
  plan: string;
  /** The caller's role there, and whether by membership or as an MSP user from the parent. */
  role: string;
  via: 'member' | 'msp';
  current: boolean;
  /** The tenant's brand color for the web app (`#rrggbb`), or null for Outpost's own. */
  accentColor: string | null;
}

/**
 * The instance's tenants: one root (the MSP) and its child tenants (customers). A
 * user sees the tenants they belong to, and, with a role in the root that holds
 * `tenants.manage`, its children; a child tenant's users never see the root or
 * other children.
 */
export class TenantService {
  constructor(
    private readonly db: Knex,
    private readonly access: TenantAccess,
    private readonly team: TeamService,
    private readonly quotas: Quotas,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
  ) {}

  async rootId(db: Knex = this.db): Promise<string | undefined> {
    return (await db('core_tenants').whereNull('parent_id').orderBy('created_at').first('id'))?.id;
  }

  async visible(userId: string, currentTenantId: string | null): Promise<TenantInfo[]> {
    // The user's tenants and their children; access decides which of those the user may act in.
    const memberOf = this.db('core_memberships').where({ user_id: userId }).select('tenant_id');
    const rows = await this.db('core_tenants')
      .whereIn('id', memberOf)
      .orWhereIn('parent_id', memberOf)
      .select('id', 'name', 'parent_id', 'plan', 'accent_color');
    const tenants: TenantInfo[] = [];
    for (const row of rows) {
      const grant = await this.access.resolve(userId, row.id);
      if (!grant) continue;
      tenants.push({
        id: row.id,
        name: row.name,
        parentId: row.parent_id,
        plan: row.plan ?? this.quotas.defaultPlan,
        role: grant.role,
        via: grant.via,
        current: row.id === currentTenantId,
        accentColor: row.accent_color ?? null,
      });
    }
    return tenants.sort(
      (a, b) => Number(a.parentId !== null) - Number(b.parentId !== null) || a.name.localeCompare(b.name),
    );
  }

  /** A child tenant of the root; its first Owner is invited by mail. Only from the root tenant. */
  async create(
    actor: Principal | undefined,
    input: { name: string; adminEmail: string; plan?: string },
    client?: RequestClient,
  ): Promise<{ id: string; name: string }> {
    const rootId = await this.rootId();
    if (!rootId) throw new NotFoundError('This instance has no root tenant yet: start it once first.');
    if (actor && actor.tenantId !== rootId)
      throw new ForbiddenError('Child tenants are created from the MSP (root) tenant.', { type: 'root-tenant-only' });
    if (input.plan !== undefined && !this.quotas.hasPlan(input.plan))
      throw new ValidationError([{ pointer: '/body/plan', message: `There is no plan "${input.plan}".` }]);
    const tenant = {
      id: randomUUID(),
      name: input.name.trim(),
      parent_id: rootId,
      plan: input.plan ?? null,
      created_at: new Date().toISOString(),
    };
    await this.db('core_tenants').insert(tenant);
    await this.audit.record({
      tenantId: rootId,
      actor: actor ? actorOf(actor) : { kind: 'system', id: null, label: 'outpost CLI' },
      action: 'tenant.created',
      resource: { type: 'tenant', id: tenant.id },
      client,
      details: { name: tenant.name, adminEmail: input.adminEmail },
    });
    await this.team.invite(tenant.id, { email: input.adminEmail, role: 'owner' }, undefined, client);
    return { id: tenant.id, name: tenant.name };
  }

  /** Makes another tenant the session's current one; 404 for a tenant the user cannot act in. */
  async switchTo(principal: Principal, tenantId: string): Promise<void> {
    if (!principal.userId || !principal.sessionId) throw new ForbiddenError('Only a session has a current tenant.');
    if (!(await this.access.resolve(principal.userId, tenantId))) throw new NotFoundError('There is no such tenant.');
    await this.sessions.setTenant(principal.sessionId, tenantId);
  }

  /**
   * Sets the current tenant's brand color (`#rrggbb`, stored in lower case) or, with null,
   * goes back to Outpost's. Only the session's current tenant: any other id answers 404.
   */
  async setAccentColor(
    actor: Principal,
    tenantId: string,
    accentColor: string | null,
    client: RequestClient,
  ): Promise<void> {
    if (actor.tenantId !== tenantId) throw new NotFoundError('There is no such tenant.');
    const color = accentColor?.toLowerCase() ?? null;
    const before = await this.db('core_tenants').where({ id: tenantId }).first('accent_color');
    if (!before) throw new NotFoundError('There is no such tenant.');
    await this.db('core_tenants').where({ id: tenantId }).update({ accent_color: color });
    await this.audit.record({
      tenantId,
      actor: actorOf(actor),
      action: 'tenant.accent-changed',
      resource: { type: 'tenant', id: tenantId },
      client,
      details: { from: before.accent_color ?? null, to: color },
    });
  }

  /** Changes a tenant's plan (an MSP action: from the root tenant, for itself or a child). A new plan starts over with quota states. */
  async setPlan(actor: Principal, tenantId: string, plan: string, client: RequestClient): Promise<void> {
    const rootId = await this.rootId();
    if (actor.tenantId !== rootId)
      throw new ForbiddenError('Plans are changed from the MSP (root) tenant.', { type: 'root-tenant-only' });
    const target = await this.db('core_tenants').where({ id: tenantId }).first('id', 'parent_id', 'plan');
    if (!target || (target.id !== rootId && target.parent_id !== rootId))
      throw new NotFoundError('There is no such tenant.');
    if (target.id !== rootId && !actor.permissions.has(actInChildTenantsPermission))
      throw new NotFoundError('There is no such tenant.');
    if (!this.quotas.hasPlan(plan))
      throw new ValidationError([{ pointer: '/body/plan', message: `There is no plan "${plan}".` }]);
    await this.db.transaction(async (trx) => {
      await trx('core_tenants').where({ id: tenantId }).update({ plan });
      await this.quotas.startOver(tenantId, trx);
    });
    await this.audit.record({
      tenantId: rootId,
      actor: actorOf(actor),
      action: 'tenant.plan-changed',
      resource: { type: 'tenant', id: tenantId },
      client,
      details: { from: target.plan, to: plan },
    });
  }
}
