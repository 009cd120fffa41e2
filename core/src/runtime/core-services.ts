import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createAuditLog } from '../audit/audit.js';
import type { CoreConfig } from '../config/schema.js';
import { Directory } from '../directory/directory.js';
import { Embeds } from '../embeds/embeds.js';
import type { LocalEventBus } from '../events/bus.js';
import { Identity } from '../identity/identity.js';
import type { JobRunner } from '../jobs/runner.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { createOutbound } from '../outbound/outbound.js';
import { PluginHost } from '../plugins/host.js';
import { type PluginSocketParts, createPluginSockets } from '../http/upgrade.js';
import type { PluginDefinition } from '../plugins/types.js';
import { corePermissionDefinitions, permissionCatalogOf } from '../rbac/roles.js';
import { createSecrets, loadSecretKey } from '../secrets/secrets.js';
import { type PermissionEntry, Tenancy } from '../tenancy/tenancy.js';

export interface CoreServices {
  mail: Mailer;
  /** Where the secrets key came from: instances sharing a database need it from the config. */
  secretKeySource: ReturnType<typeof loadSecretKey>['source'];
  /** Every permission id: the core's, then the enabled plugins'. */
  permissions: string[];
  identity: Identity;
  tenancy: Tenancy;
  /** The plugins' containers and contexts, with the core's services as the root. */
  host: PluginHost;
}

/** The core's services (mail, secrets, audit, identity, tenancy) and the plugin host that offers them to plugins. */
export function createCoreServices(parts: {
  core: CoreConfig;
  db: Knex;
  events: LocalEventBus;
  jobs: JobRunner;
  plugins: PluginDefinition[];
  logger: Logger;
  captchaText?: () => string;
  /** The socket helpers' parts, known once the HTTP app exists. */
  sockets: () => PluginSocketParts;
}): CoreServices {
  const { core, db, events, jobs, plugins, logger } = parts;
  const mail = createMailer(core.mail, core.app.dataDir, logger.child({ component: 'mail' }));
  const secretKey = loadSecretKey(core.secrets.key, core.app.dataDir);
  const secrets = createSecrets(secretKey.key);
  const audit = createAuditLog(db);
  const permissionCatalog: PermissionEntry[] = [
    ...corePermissionDefinitions.map((p) => ({ ...p, owner: 'core' })),
    ...plugins.flatMap((p) => (p.permissions ?? []).map((x) => ({ ...x, owner: p.id }))),
  ];
  const permissions = permissionCatalog.map((p) => p.id);
  const identity = new Identity({
    db,
    config: core,
    mail,
    audit,
    secrets,
    logger,
    events,
    permissions: permissionCatalog,
    captchaText: parts.captchaText,
  });
  const tenancy = new Tenancy({ db, config: core, mail, audit, identity }, permissionCatalog);
  const host = new PluginHost({
    config: core,
    db,
    events,
    jobs,
    mail,
    logger,
    audit,
    secrets,
    quotas: tenancy.quotas,
    permissions: permissionCatalogOf(permissionCatalog),
    embeds: new Embeds(db),
    directory: new Directory(db, (role, custom) => identity.access.permissionsOf(role, custom)),
    outbound: createOutbound({
      allowPrivateAddresses: core.outbound.allowPrivateAddresses,
      allowedPrivateRanges: core.outbound.allowedPrivateRanges,
      timeoutMs: core.outbound.timeoutSeconds * 1000,
      maxResponseBytes: core.outbound.maxResponseBytes,
    }),
    sockets: createPluginSockets(parts.sockets),
  });
  return { mail, secretKeySource: secretKey.source, permissions, identity, tenancy, host };
}
