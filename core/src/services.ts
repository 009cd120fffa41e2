import type { Embeds } from './embeds/embeds.js';
import type { Knex } from 'knex';
import type { AuditLog } from './audit/audit.js';
import type { Directory } from './directory/directory.js';
import type { Logger } from 'pino';
import type { CoreConfig } from './config/schema.js';
import type { EventBus } from './events/bus.js';
import type { JobQueue } from './jobs/queue.js';
import type { Mailer } from './mail/mailer.js';
import type { Outbound } from './outbound/outbound.js';
import { createServiceRef } from './plugins/types.js';
import type { Secrets } from './secrets/secrets.js';
import type { PermissionCatalog } from './rbac/roles.js';
import type { Quotas } from './tenancy/quotas.js';

/** The core's services, resolvable by every plugin. */
export const coreServices = {
  config: createServiceRef<CoreConfig>('core.config'),
  db: createServiceRef<Knex>('core.db'),
  events: createServiceRef<EventBus>('core.events'),
  jobs: createServiceRef<JobQueue>('core.jobs'),
  mail: createServiceRef<Mailer>('core.mail'),
  logger: createServiceRef<Logger>('core.logger'),
  audit: createServiceRef<AuditLog>('core.audit'),
  secrets: createServiceRef<Secrets>('core.secrets'),
  quotas: createServiceRef<Quotas>('core.quotas'),
  /** Every permission of this instance, the core's and the enabled plugins'. */
  permissions: createServiceRef<PermissionCatalog>('core.permissions'),
  embeds: createServiceRef<Embeds>('core.embeds'),
  /** Users, memberships and tenants, read-only: plugins use it instead of `core_*` tables. */
  directory: createServiceRef<Directory>('core.directory'),
  /** The one way to call a URL a tenant entered: public https only, checked on every connection and redirect. */
  outbound: createServiceRef<Outbound>('core.outbound'),
};
