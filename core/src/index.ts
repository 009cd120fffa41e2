export * from './errors.js';
export * from './plugins/types.js';
export { pluginIdPattern, reservedPluginIds } from './plugins/loader.js';
export { coreServices } from './services.js';
export {
  createOutpost,
  loadOutpostConfig,
  type Outpost,
  type OutpostOptions,
  type LoadedConfig,
  type StartResult,
} from './runtime.js';
export type { CoreConfig } from './config/schema.js';
export type { EventBus, OutpostEvent, EventHandler, SubscriberDelivery, SubscribeOptions } from './events/bus.js';
export type { JobQueue, JobContext, EnqueueOptions } from './jobs/queue.js';
export type { ScheduledRun } from './jobs/scheduler.js';
export type { Mailer, MailMessage } from './mail/mailer.js';
export type { Authenticator, Principal } from './identity/principal.js';
export { createTenantScope, type TenantScope } from './tenancy/scope.js';
export type { StreamAccess } from './http/stream.js';
export { problemType } from './http/problem.js';
export { hashPassword, verifyPassword } from './identity/passwords.js';
export { runCli, serve } from './cli.js';
export { actorOf, type AuditLog, type AuditEntry, type AuditActor } from './audit/audit.js';
export type { Secrets } from './secrets/secrets.js';
export type { Directory, DirectoryTenant, DirectoryUser } from './directory/directory.js';
export { corePermissionDefinitions, corePermissions } from './rbac/roles.js';
export {
  createOutbound,
  OutboundError,
  type Outbound,
  type OutboundOptions,
  type OutboundRequest,
  type OutboundResponse,
  type OutboundRefusal,
} from './outbound/outbound.js';
export { isPublicAddress, outboundUrlProblem } from './outbound/addresses.js';
export type { Profile } from './identity/accounts.js';
export type { ApiKeyInfo } from './identity/api-keys.js';
export type { SessionInfo } from './identity/sessions.js';
export type { PermissionCatalog, PermissionEntry } from './rbac/roles.js';
export type { Quotas, Plan, QuotaCounter, QuotaVerdict, Usage, CounterUsage } from './tenancy/quotas.js';
export { createAjv, describeAjvError } from './schema/ajv.js';
export { unboundedParts } from './schema/bounded.js';
export { hashToken, randomToken } from './identity/tokens.js';
export { clientOf, type RequestClient } from './identity/principal.js';
export { FailureThrottle } from './http/failure-throttle.js';
export { lockTransaction } from './db/database.js';
export { escapeHtml, sendHtmlPage } from './http/html-page.js';
export { collectPages, sendCsv, toCsv } from './http/csv.js';
export { decodeCursor, encodeCursor, isPositiveInteger, limitParameter, pageLimit } from './schema/paging.js';
export { originAllowed } from './http/origin.js';
export { type Embed, type EmbedSettings, type Embeds, allowedOriginsSchema, sendEmbedScript } from './embeds/embeds.js';
export { maxJsonDepth, nestedTooDeeply } from './http/json-depth.js';
