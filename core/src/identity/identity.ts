import type { Knex } from 'knex';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit.js';
import type { CoreConfig } from '../config/schema.js';
import type { EventBus } from '../events/bus.js';
import { createFastReads, type FastReads } from '../db/fast-reads.js';
import type { Mailer } from '../mail/mailer.js';
import type { PermissionDefinition } from '../plugins/types.js';
import type { Secrets } from '../secrets/secrets.js';
import { AccessChanges } from './access-changes.js';
import { AccountService } from './accounts.js';
import { ApiKeyService } from './api-keys.js';
import { TenantAccess } from '../tenancy/access.js';
import { apiKeyAuthenticator, sessionAuthenticator } from './authenticators.js';
import { CaptchaService } from './captcha.js';
import { IdentityCookies } from './cookies.js';
import { PreferenceStore } from './preferences.js';
import { type Authenticator, clientOf, type Principal } from './principal.js';
import { SessionStore } from './sessions.js';
import { SignInGuard } from './sign-in-guard.js';
import { SignInService } from './sign-in.js';
import { TwoFactorService } from './two-factor.js';
import { auditUserAction } from './users.js';

export interface IdentityDeps {
  db: Knex;
  config: CoreConfig;
  mail: Mailer;
  audit: AuditLog;
  secrets: Secrets;
  logger: Logger;
  /** Carries access changes (a session ended, a key revoked) to the open event streams of every instance. */
  events: EventBus;
  /** Every permission of this instance, the core's and the enabled plugins', with the built-in roles that hold it. */
  permissions: readonly PermissionDefinition[];
  /** Picks captcha characters; tests pass known ones. */
  captchaText?: () => string;
}

/** The core's `auth` service: accounts, sessions, sign-in, 2FA, captcha and API keys (their routes: `routes/`). */
export class Identity {
  readonly sessions: SessionStore;
  readonly guard: SignInGuard;
  readonly captcha: CaptchaService;
  readonly accounts: AccountService;
  readonly twoFactor: TwoFactorService;
  readonly signIn: SignInService;
  readonly apiKeys: ApiKeyService;
  readonly cookies: IdentityCookies;
  readonly access: TenantAccess;
  readonly accessChanges: AccessChanges;
  /** Each user's UI preferences per tenant. */
  readonly preferences: PreferenceStore;
  readonly audit: AuditLog;
  private readonly db: Knex;
  private readonly reads: FastReads;

  constructor(deps: IdentityDeps) {
    const { db, config, audit } = deps;
    this.db = db;
    this.audit = audit;
    this.reads = createFastReads(db, config.database);
    this.accessChanges = new AccessChanges(deps.events, deps.logger);
    this.sessions = new SessionStore(db, this.reads, config.auth.sessions, this.accessChanges);
    this.guard = new SignInGuard(db, config.auth);
    this.captcha = new CaptchaService(db, deps.captchaText);
    this.apiKeys = new ApiKeyService(
      db,
      this.reads,
      audit,
      deps.permissions.map((p) => p.id),
      deps.logger,
      this.accessChanges,
    );
    this.accounts = new AccountService({
      db,
      config,
      mail: deps.mail,
      audit,
      sessions: this.sessions,
      guard: this.guard,
      apiKeys: this.apiKeys,
      accessChanges: this.accessChanges,
    });
    this.preferences = new PreferenceStore(db);
    this.twoFactor = new TwoFactorService(db, deps.secrets, audit);
    this.signIn = new SignInService({
      db,
      config: config.auth,
      audit,
      sessions: this.sessions,
      guard: this.guard,
      captcha: this.captcha,
      twoFactor: this.twoFactor,
    });
    this.cookies = new IdentityCookies(config.app.baseUrl);
    this.access = new TenantAccess(this.reads, deps.permissions);
  }

  get authenticators(): Authenticator[] {
    return [
      sessionAuthenticator(this.sessions, this.cookies, this.access),
      apiKeyAuthenticator(this.apiKeys, this.access),
    ];
  }

  /** Audits an action a signed-in user took on their own account. */
  async auditSelf(
    action: string,
    principal: Principal,
    ctx: Koa.Context,
    resource?: { type: string; id: string },
  ): Promise<void> {
    await auditUserAction(
      this.db,
      this.audit,
      action,
      { id: principal.userId!, email: principal.label ?? '' },
      clientOf(ctx),
      {
        tenantId: principal.tenantId,
        resource,
      },
    );
  }

  async close(): Promise<void> {
    await this.apiKeys.close();
    this.reads.close();
  }
}
