import type { Knex } from 'knex';

/** Queries filtered to one tenant, so no route writes `where tenant_id` by hand. */
export interface TenantScope {
  readonly tenantId: string;
  /** `select ... from <table> where <table>.tenant_id = current tenant`. */
  table(name: string): Knex.QueryBuilder;
  /** Inserts rows with the current tenant's id set. */
  insert(name: string, rows: Record<string, unknown> | Record<string, unknown>[]): Knex.QueryBuilder;
}

export function createTenantScope(db: Knex, tenantId: string | null | undefined): TenantScope {
  if (!tenantId) return noTenant;
  return {
    tenantId,
    table: (name) => db(name).where(`${name}.tenant_id`, tenantId),
    insert: (name, rows) =>
      db(name).insert((Array.isArray(rows) ? rows : [rows]).map((row) => ({ ...row, tenant_id: tenantId }))),
  };
}

function refuse(): never {
  throw new Error('This request has no tenant: a tenant-scoped query cannot run here.');
}

const noTenant: TenantScope = {
  get tenantId(): string {
    return refuse();
  },
  table: refuse,
  insert: refuse,
};
