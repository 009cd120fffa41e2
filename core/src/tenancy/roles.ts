import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { actorOf, type AuditLog } from '../audit/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { AccessChanges } from '../identity/access-changes.js';
import type { Principal } from '../identity/principal.js';
import type { RequestClient } from '../identity/principal.js';
import { builtInRoles, isBuiltInRole, roleLabels } from '../rbac/roles.js';
import type { TenantAccess } from './access.js';

export interface RoleInfo {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
}

/**
 * A tenant's roles: the four built-in ones, which cannot change, and custom roles made
 * of any permissions. Nobody can hand out permissions they do not hold themselves.
 */
export class RoleService {
  constructor(
    private readonly db: Knex,
    private readonly access: TenantAccess,
    private readonly allPermissions: readonly string[],
    private readonly audit: AuditLog,
    private readonly accessChanges: AccessChanges,
  ) {}

  async list(tenantId: string): Promise<RoleInfo[]> {
    const custom = await this.db('core_roles').where({ tenant_id: tenantId }).orderBy('name');
    return [
      ...builtInRoles.map((role) => ({
        id: role,
        name: roleLabels[role],
        builtIn: true,
        permissions: [...this.access.permissionsOf(role, null)],
      })),
      ...custom.map((row) => this.toInfo(row)),
    ];
  }

  /** The role with this id in the tenant, or a 404. */
  async get(tenantId: string, roleId: string, db: Knex = this.db): Promise<RoleInfo> {
    if (isBuiltInRole(roleId))
      return {
        id: roleId,
        name: roleLabels[roleId],
        builtIn: true,
        permissions: [...this.access.permissionsOf(roleId, null)],
      };
    const row = await db('core_roles').where({ tenant_id: tenantId, id: roleId }).first();
    if (!row) throw new NotFoundError('There is no such role.');
    return this.toInfo(row);
  }

  async create(
    tenantId: string,
    input: { name: string; permissions: string[] },
    actor: Principal,
    client: RequestClient,
  ): Promise<RoleInfo> {
    const permissions = this.checkPermissions(input.permissions, actor);
    await this.checkName(tenantId, input.name);
    const row = {
      id: randomUUID(),
      tenant_id: tenantId,
      name: input.name.trim(),
      permissions: JSON.stringify(permissions),
      created_at: new Date().toISOString(),
    };
    await this.db('core_roles').insert(row);
    await this.record('role.created', tenantId, row.id, actor, client, { name: row.name, permissions });
    return this.toInfo(row);
  }

  async update(
    tenantId: string,
    roleId: string,
    input: { name?: string; permissions?: string[] },
    actor: Principal,
    client: RequestClient,
  ): Promise<RoleInfo> {
    const role = await this.get(tenantId, roleId);
    if (role.builtIn)
      throw new ConflictError('Built-in roles cannot be changed; make a custom role instead.', {
        type: 'built-in-role',
      });
    this.checkPermissions(role.permissions, actor);
    const changes: Record<string, string> = {};
    if (input.permissions) changes.permissions = JSON.stringify(this.checkPermissions(input.permissions, actor));
    if (input.name !== undefined && input.name.trim() !== role.name) {
      await this.checkName(tenantId, input.name);
      changes.name = input.name.trim();
    }
    if (Object.keys(changes).length > 0)
      await this.db('core_roles').where({ tenant_id: tenantId, id: roleId }).update(changes);
    if (changes.permissions) await this.announcePermissionsChanged(tenantId);
    await this.record('role.updated', tenantId, roleId, actor, client, {
      name: changes.name,
      permissions: input.permissions,
    });
    return this.get(tenantId, roleId);
  }

  async remove(tenantId: string, roleId: string, actor: Principal, client: RequestClient): Promise<void> {
    const role = await this.get(tenantId, roleId);
    if (role.builtIn) throw new ConflictError('Built-in roles cannot be deleted.', { type: 'built-in-role' });
    this.checkPermissions(role.permissions, actor);
    await this.db.transaction(async (trx) => {
      const [{ n }] = await trx('core_memberships').where({ tenant_id: tenantId, role: roleId }).count({ n: '*' });
      const [{ m }] = await trx('core_invitations')
        .where({ tenant_id: tenantId, role: roleId })
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .count({ m: '*' });
      if (Number(n) + Number(m) > 0) {
        throw new ConflictError(
          `${Number(n)} member(s) and ${Number(m)} invitation(s) have this role: give them another role first.`,
          { type: 'role-in-use' },
        );
      }
      await trx('core_roles').where({ tenant_id: tenantId, id: roleId }).delete();
    });
    await this.record('role.deleted', tenantId, roleId, actor, client, { name: role.name });
  }

  /** Refuses a role with permissions the actor does not hold (nobody grants more than they have). */
  assertCanGrant(role: RoleInfo, actor: Principal): void {
    const missing = role.permissions.filter((p) => !actor.permissions.has(p));
    if (missing.length > 0) {
      throw new ForbiddenError(
        `You cannot hand out the ${role.name} role: it holds ${missing.join(', ')}, which you do not.`,
        {
          type: 'privilege-escalation',
          extensions: { missing },
        },
      );
    }
  }

  private checkPermissions(permissions: string[], actor: Principal): string[] {
    const unique = [...new Set(permissions)];
    const problems = unique.flatMap((permission) => {
      const pointer = `/body/permissions/${permissions.indexOf(permission)}`;
      if (!this.allPermissions.includes(permission))
        return [{ pointer, message: `"${permission}" is not a permission of this Outpost.` }];
      if (!actor.permissions.has(permission))
        return [{ pointer, message: `You do not hold "${permission}" yourself.` }];
      return [];
    });
    if (problems.length > 0)
      throw new ValidationError(problems, 'A role can only hold permissions that exist and that you hold.');
    return unique;
  }

  private async checkName(tenantId: string, name: string): Promise<void> {
    const trimmed = name.trim();
    const taken =
      Object.values(roleLabels).some((label) => label.toLowerCase() === trimmed.toLowerCase()) ||
      (await this.db('core_roles')
        .where({ tenant_id: tenantId })
        .whereRaw('lower(name) = ?', [trimmed.toLowerCase()])
        .first('id'));
    if (taken) throw new ConflictError(`There is a role named ${trimmed} already.`, { type: 'role-exists' });
  }

  /** Members of a root-tenant role carry it into every child tenant (MSP access): a root role concerns everyone. */
  private async announcePermissionsChanged(tenantId: string): Promise<void> {
    const tenant = await this.db('core_tenants').where({ id: tenantId }).first('parent_id');
    const whom = tenant?.parent_id ? { tenantId } : { everyone: true };
    await this.accessChanges.announce({ reason: 'role.updated', ...whom });
  }

  private toInfo(row: Record<string, any>): RoleInfo {
    return {
      id: row.id,
      name: row.name,
      builtIn: false,
      permissions: [...this.access.permissionsOf(row.id, row.permissions)],
    };
  }

  private record(
    action: string,
    tenantId: string,
    roleId: string,
    actor: Principal,
    client: RequestClient,
    details: Record<string, unknown>,
  ) {
    return this.audit.record({
      tenantId,
      actor: actorOf(actor),
      action,
      resource: { type: 'role', id: roleId },
      client,
      details,
    });
  }
}
