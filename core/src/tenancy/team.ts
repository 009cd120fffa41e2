import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { actorOf, type AuditLog } from '../audit/audit.js';
import type { CoreConfig } from '../config/schema.js';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.js';
import type { Principal, RequestClient } from '../identity/principal.js';
import type { AccessChanges } from '../identity/access-changes.js';
import { hashToken, isoIn, randomToken } from '../identity/tokens.js';
import { normalizeEmail } from '../identity/users.js';
import type { Mailer } from '../mail/mailer.js';
import { membersCounter, type Quotas } from './quotas.js';
import type { RoleService } from './roles.js';

export interface Member {
  userId: string;
  email: string;
  name: string;
  surname: string;
  role: string;
  joinedAt: string;
  lastSignInAt: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: string;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

const invitationLifetimeMs = 7 * 86_400_000;

interface TeamDeps {
  db: Knex;
  config: CoreConfig;
  mail: Mailer;
  audit: AuditLog;
  roles: RoleService;
  quotas: Quotas;
  accessChanges: AccessChanges;
}

/**
 * A tenant's team: members with a role each, invitations by e-mail (the invitee signs
 * up or signs in, then accepts), role changes and removal. A tenant always keeps an
 * Owner, and nobody hands out or takes away a role that holds more than they do.
 */
export class TeamService {
  private readonly db: Knex;

  constructor(private readonly deps: TeamDeps) {
    this.db = deps.db;
  }

  async members(tenantId: string): Promise<Member[]> {
    const rows = await this.db('core_memberships as m')
      .join('core_users as u', 'u.id', 'm.user_id')
      .where('m.tenant_id', tenantId)
      .orderBy('u.email')
      .select('u.id', 'u.email', 'u.name', 'u.surname', 'm.role', 'm.created_at', 'u.last_sign_in_at');
    return rows.map((r) => ({
      userId: r.id,
      email: r.email,
      name: r.name,
      surname: r.surname,
      role: r.role,
      joinedAt: new Date(r.created_at).toISOString(),
      lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at).toISOString() : null,
    }));
  }

  /** A member's latest actions in this tenant, from the audit log. */
  async activity(
    tenantId: string,
    userId: string,
    limit = 50,
  ): Promise<Array<{ action: string; at: string; resource: string | null; ip: string | null }>> {
    await this.member(tenantId, userId);
    const rows = await this.db('core_audit')
      .where({ tenant_id: tenantId, actor_id: userId })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map((r) => ({
      action: r.action,
      at: new Date(r.created_at).toISOString(),
      resource: r.resource_type ? `${r.resource_type}:${r.resource_id}` : null,
      ip: r.ip,
    }));
  }

  async invitations(tenantId: string): Promise<Invitation[]> {
    const rows = await this.pending(this.db('core_invitations').where({ tenant_id: tenantId })).orderBy(
      'created_at',
      'desc',
    );
    return rows.map(toInvitation);
  }

  /**
   * Invites an address with a role and mails it a link. Refused over the plan's member
   * limit, for someone already in the team, and for a role the inviter could not hold.
   * `actor` undefined: the instance itself (a new tenant's first Owner).
   */
  async invite(
    tenantId: string,
    input: { email: string; role: string },
    actor: Principal | undefined,
    client: RequestClient | undefined,
  ): Promise<Invitation> {
    const email = normalizeEmail(input.email);
    const role = await this.deps.roles.get(tenantId, input.role);
    if (actor) this.deps.roles.assertCanGrant(role, actor);
    const token = randomToken();
    const invitation = await this.db.transaction(async (trx) => {
      const member = await trx('core_memberships as m')
        .join('core_users as u', 'u.id', 'm.user_id')
        .where({ 'm.tenant_id': tenantId, 'u.email': email })
        .first('u.id');
      if (member) throw new ConflictError(`${email} is in the team already.`, { type: 'already-member' });
      // A new invitation replaces an open one for the same address.
      await this.pending(trx('core_invitations').where({ tenant_id: tenantId, email })).update({
        revoked_at: new Date().toISOString(),
      });
      const plan = await this.deps.quotas.plan(tenantId, trx);
      const memberLimit = plan.limits[membersCounter] ?? null;
      if (memberLimit !== null && (await this.deps.quotas.seats(tenantId, trx)) >= memberLimit) {
        throw new ConflictError(
          `The ${plan.name} plan allows ${memberLimit} team member(s), counting open invitations. Remove someone or change the plan first.`,
          {
            type: 'member-limit',
            extensions: { limit: memberLimit, plan: plan.name },
          },
        );
      }
      const row = {
        id: randomUUID(),
        tenant_id: tenantId,
        email,
        role: role.id,
        token_hash: hashToken(token),
        invited_by: actor?.userId ?? null,
        created_at: new Date().toISOString(),
        expires_at: isoIn(invitationLifetimeMs),
      };
      await trx('core_invitations').insert(row);
      return row;
    });
    const tenant = await this.db('core_tenants').where({ id: tenantId }).first('name');
    const inviter = actor?.label ?? 'The administrator';
    const link = `${this.deps.config.app.baseUrl.replace(/\/$/, '')}/accept-invitation#token=${token}`;
    await this.deps.mail.send({
      to: email,
      subject: `You are invited to ${tenant.name} on Outpost`,
      text: `${inviter} invites you to join ${tenant.name} on Outpost as ${role.name}.\n\nSign in (or sign up with this address first), then accept within 7 days:\n${link}\n`,
    });
    await this.deps.audit.record({
      tenantId,
      actor: actor ? actorOf(actor) : { kind: 'system', id: null, label: 'outpost' },
      action: 'team.invited',
      resource: { type: 'invitation', id: invitation.id },
      client,
      details: { email, role: role.id },
    });
    return toInvitation(invitation);
  }

  async revokeInvitation(
    tenantId: string,
    invitationId: string,
    actor: Principal,
    client: RequestClient,
  ): Promise<void> {
    const revoked = await this.pending(
      this.db('core_invitations').where({ tenant_id: tenantId, id: invitationId }),
    ).update({ revoked_at: new Date().toISOString() });
    if (revoked !== 1) throw new NotFoundError('There is no such open invitation.');
    await this.record('team.invitation-revoked', tenantId, { type: 'invitation', id: invitationId }, actor, client);
  }

  /** The signed-in user accepts an invitation sent to their address; answers the tenant joined. */
  async accept(
    user: { id: string; email: string },
    token: string,
    client: RequestClient,
  ): Promise<{ tenantId: string; role: string }> {
    const invitation = await this.pending(this.db('core_invitations').where({ token_hash: hashToken(token) })).first();
    if (!invitation)
      throw new InputError('This invitation is not valid any more: it was used, revoked or has expired.', {
        type: 'invalid-token',
      });
    if (normalizeEmail(user.email) !== invitation.email) {
      throw new ForbiddenError(`This invitation is for ${invitation.email}: sign in with that address to accept it.`, {
        type: 'invitation-other-address',
      });
    }
    await this.db.transaction(async (trx) => {
      const used = await this.pending(trx('core_invitations').where({ id: invitation.id })).update({
        accepted_at: new Date().toISOString(),
      });
      if (used !== 1) throw new InputError('This invitation was just used.', { type: 'invalid-token' });
      const existing = await trx('core_memberships')
        .where({ tenant_id: invitation.tenant_id, user_id: user.id })
        .first('role');
      if (!existing)
        await trx('core_memberships').insert({
          user_id: user.id,
          tenant_id: invitation.tenant_id,
          role: invitation.role,
          created_at: new Date().toISOString(),
        });
    });
    await this.deps.audit.record({
      tenantId: invitation.tenant_id,
      actor: { kind: 'user', id: user.id, label: user.email },
      action: 'team.joined',
      resource: { type: 'user', id: user.id },
      client,
      details: { role: invitation.role },
    });
    return { tenantId: invitation.tenant_id, role: invitation.role };
  }

  async changeRole(
    tenantId: string,
    userId: string,
    roleId: string,
    actor: Principal,
    client: RequestClient,
  ): Promise<Member> {
    const role = await this.deps.roles.get(tenantId, roleId);
    this.deps.roles.assertCanGrant(role, actor);
    await this.db.transaction(async (trx) => {
      const current = await this.member(tenantId, userId, trx);
      this.deps.roles.assertCanGrant(await this.deps.roles.get(tenantId, current.role, trx), actor);
      if (current.role === 'owner' && roleId !== 'owner') await this.keepAnOwner(tenantId, trx);
      await trx('core_memberships').where({ tenant_id: tenantId, user_id: userId }).update({ role: roleId });
    });
    await this.deps.accessChanges.announce({ reason: 'team.role-changed', userId });
    await this.record('team.role-changed', tenantId, { type: 'user', id: userId }, actor, client, { role: roleId });
    return (await this.members(tenantId)).find((m) => m.userId === userId)!;
  }

  /** Removes a member; their sessions in this tenant end, and their keys there and open streams stop working. */
  async remove(tenantId: string, userId: string, actor: Principal, client: RequestClient): Promise<void> {
    await this.db.transaction(async (trx) => {
      const current = await this.member(tenantId, userId, trx);
      this.deps.roles.assertCanGrant(await this.deps.roles.get(tenantId, current.role, trx), actor);
      if (current.role === 'owner') await this.keepAnOwner(tenantId, trx);
      await trx('core_memberships').where({ tenant_id: tenantId, user_id: userId }).delete();
      await trx('core_sessions')
        .where({ user_id: userId, tenant_id: tenantId })
        .whereNull('ended_at')
        .update({ ended_at: new Date().toISOString() });
    });
    await this.deps.accessChanges.announce({ reason: 'team.removed', userId });
    await this.record('team.removed', tenantId, { type: 'user', id: userId }, actor, client);
  }

  private async member(tenantId: string, userId: string, db: Knex = this.db): Promise<{ role: string }> {
    const row = await db('core_memberships').where({ tenant_id: tenantId, user_id: userId }).first('role');
    if (!row) throw new NotFoundError('There is no such team member.');
    return row;
  }

  private async keepAnOwner(tenantId: string, trx: Knex.Transaction): Promise<void> {
    const [{ n }] = await trx('core_memberships').where({ tenant_id: tenantId, role: 'owner' }).count({ n: '*' });
    if (Number(n) <= 1)
      throw new ConflictError('A tenant always keeps an Owner: make someone else an Owner first.', {
        type: 'last-owner',
      });
  }

  private pending(query: Knex.QueryBuilder): Knex.QueryBuilder {
    return query.whereNull('accepted_at').whereNull('revoked_at').where('expires_at', '>', new Date().toISOString());
  }

  private record(
    action: string,
    tenantId: string,
    resource: { type: string; id: string },
    actor: Principal,
    client: RequestClient,
    details?: Record<string, unknown>,
  ) {
    return this.deps.audit.record({ tenantId, actor: actorOf(actor), action, resource, client, details });
  }
}

function toInvitation(row: Record<string, any>): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}
