import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit.js';
import { AuditQuery } from '../audit/audit-query.js';
import type { CoreConfig } from '../config/schema.js';
import type { Identity } from '../identity/identity.js';
import type { Mailer } from '../mail/mailer.js';
import type { PermissionEntry } from '../rbac/roles.js';
import { Quotas } from './quotas.js';
import { RoleService } from './roles.js';
import { TeamService } from './team.js';
import { TenantService } from './tenants.js';

export type { PermissionEntry } from '../rbac/roles.js';

/** The core's `tenancy` and `rbac` services: tenants, roles, team, audit reading, plans and quotas. */
export class Tenancy {
  readonly quotas: Quotas;
  readonly roles: RoleService;
  readonly team: TeamService;
  readonly tenants: TenantService;
  readonly auditQuery: AuditQuery;

  constructor(
    deps: { db: Knex; config: CoreConfig; mail: Mailer; audit: AuditLog; identity: Identity },
    readonly permissionCatalog: PermissionEntry[],
  ) {
    const { db, config, mail, audit, identity } = deps;
    this.quotas = new Quotas(db, config.billing);
    const { accessChanges } = identity;
    this.roles = new RoleService(
      db,
      identity.access,
      permissionCatalog.map((p) => p.id),
      audit,
      accessChanges,
    );
    this.team = new TeamService({ db, config, mail, audit, roles: this.roles, quotas: this.quotas, accessChanges });
    this.tenants = new TenantService(db, identity.access, this.team, this.quotas, identity.sessions, audit);
    this.auditQuery = new AuditQuery(db);
  }
}
