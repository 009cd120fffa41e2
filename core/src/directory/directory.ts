import type { Knex } from 'knex';

/** Permissions a membership's role holds in its tenant (built-in role, or a custom role's stored list). */
export type RolePermissions = (role: string, customPermissions: string | null) => ReadonlySet<string>;

/** A user as plugins show them. */
export interface DirectoryUser {
  id: string;
  /** May be empty: people need not give a name. */
  name: string;
  email: string;
  /** The name, or the e-mail when there is none. */
  displayName: string;
}

/** A tenant as plugins show it. Today the name is all of a tenant's brand the core knows. */
export interface DirectoryTenant {
  id: string;
  name: string;
  /** `null` for the root (MSP) tenant. */
  parentId: string | null;
}

interface UserRow {
  id: string;
  name: string;
  email: string;
}

const toUser = (row: UserRow): DirectoryUser => ({
  id: row.id,
  name: row.name,
  email: row.email,
  displayName: row.name || row.email,
});

const toTenant = (row: { id: string; name: string; parent_id: string | null }): DirectoryTenant => ({
  id: row.id,
  name: row.name,
  parentId: row.parent_id,
});

/**
 * The core's read service over users, memberships and tenants, so plugins never
 * query `core_*` tables. Read-only; each call is one query, whatever the number of ids.
 *
 * `users` answers by id without a tenant: the ids come from the plugin's own rows
 * (an assignee, who shared a device), and a person who has since left the tenant, or
 * acted there from the MSP tenant, keeps their name on what they did.
 */
export class Directory {
  constructor(
    private readonly db: Knex,
    private readonly permissionsOf: RolePermissions,
  ) {}

  /** The users with these ids, by id; unknown ids are missing from the map. */
  async users(ids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows: UserRow[] = await this.db('core_users').whereIn('id', wanted).select('id', 'name', 'email');
    return new Map(rows.map((row) => [row.id, toUser(row)]));
  }

  async user(id: string): Promise<DirectoryUser | undefined> {
    return (await this.users([id])).get(id);
  }

  /** Whether the user has a membership of the tenant (MSP users acting from the parent tenant have none). */
  async isMember(tenantId: string, userId: string): Promise<boolean> {
    return Boolean(await this.db('core_memberships').where({ tenant_id: tenantId, user_id: userId }).first('user_id'));
  }

  /** The tenant's members by e-mail; with `permission`, only those whose role there holds it. */
  async members(tenantId: string, options: { permission?: string } = {}): Promise<DirectoryUser[]> {
    const rows: Array<UserRow & { role: string; role_permissions: string | null }> = await this.db(
      'core_memberships as m',
    )
      .join('core_users as u', 'u.id', 'm.user_id')
      .leftJoin('core_roles as r', function () {
        this.on('r.id', '=', 'm.role').andOn('r.tenant_id', '=', 'm.tenant_id');
      })
      .where('m.tenant_id', tenantId)
      .orderBy('u.email')
      .select('u.id', 'u.name', 'u.email', 'm.role', 'r.permissions as role_permissions');
    const { permission } = options;
    return rows
      .filter((row) => !permission || this.permissionsOf(row.role, row.role_permissions).has(permission))
      .map(toUser);
  }

  /** The tenants with these ids, by id; unknown ids are missing from the map. */
  async tenants(ids: readonly string[]): Promise<Map<string, DirectoryTenant>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await this.db('core_tenants').whereIn('id', wanted).select('id', 'name', 'parent_id');
    return new Map(rows.map((row) => [row.id, toTenant(row)]));
  }

  async tenant(id: string): Promise<DirectoryTenant | undefined> {
    return (await this.tenants([id])).get(id);
  }

  /** The root (MSP) tenant: the first created without a parent; none before the first start. */
  async rootTenant(): Promise<DirectoryTenant | undefined> {
    const row = await this.db('core_tenants')
      .whereNull('parent_id')
      .orderBy('created_at')
      .first('id', 'name', 'parent_id');
    return row ? toTenant(row) : undefined;
  }
}
