import { randomUUID } from 'node:crypto';
import { type Directory, InputError, NotFoundError, type TenantScope } from '@outpost/core';
import type { DeviceDirectory, EnrollmentSource, EnrollmentTarget } from '@outpost/plugin-devices';
import type { Knex } from 'knex';
import { displayCode, freeCode, normalizeCode } from './codes.js';

export const downloadSystems = ['windows', 'macos', 'linux'] as const;
export type DownloadOs = (typeof downloadSystems)[number];

export interface Invite {
  id: string;
  code: string;
  displayCode: string;
  link: string;
  name: string;
  groupId: string | null;
  expiresAt: string | null;
  createdAt: string;
  deviceCount: number;
  /** The most devices (not in Trash) it may enroll; null: no maximum. */
  maxDevices: number | null;
}

interface InviteRow {
  id: string;
  tenant_id: string;
  code: string;
  name: string;
  group_id: string | null;
  expires_at: string | Date | null;
  max_devices: number | null;
  created_at: string | Date;
}

const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/** What customers see of the tenant on invite pages (until the branding plugin takes this over). */
export interface Branding {
  companyName: string;
  primaryColor: string;
  /** A PNG or JPEG as a data: URL, or null. */
  logo: string | null;
  /** Per OS, the tenant's own client to serve instead of the agent package ("host your own client"). */
  clientUrls: Record<DownloadOs, string | null>;
}

const noClientUrls: Record<DownloadOs, null> = { windows: null, macos: null, linux: null };

export type PageInvite =
  { invite: Invite; tenantId: string; branding: Branding } | { refused: 'unknown' | 'expired' | 'full' };

/**
 * Reusable invites: each code enrolls devices into its tenant until it expires or is
 * deleted, up to its maximum of devices when it has one.
 */
export class InviteService implements EnrollmentSource {
  readonly id = 'invites';

  constructor(
    private readonly db: Knex,
    private readonly devices: DeviceDirectory,
    private readonly directory: Directory,
    private readonly baseUrl: string,
    /** Why the server may not fetch a URL (the core's outbound rules), or undefined. */
    private readonly urlProblem: (url: string) => string | undefined,
  ) {}

  async create(
    tenant: TenantScope,
    input: { name?: string; groupId?: string | null; expiresAt?: string | null; maxDevices?: number | null },
    createdBy: string | undefined,
  ): Promise<Invite> {
    if (input.groupId && !(await this.devices.hasGroup(tenant.tenantId, input.groupId)))
      throw new NotFoundError('No such group.');
    if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) {
      throw new InputError('The expiry must be in the future.');
    }
    const row = {
      id: randomUUID(),
      code: await freeCode(this.db),
      name: input.name?.trim() || 'Invite',
      group_id: input.groupId ?? null,
      expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      max_devices: input.maxDevices ?? null,
      created_by: createdBy ?? null,
      created_at: new Date().toISOString(),
    };
    await tenant.insert('invites_invites', row);
    return this.toInvite({ ...row, tenant_id: tenant.tenantId }, 0);
  }

  async list(tenant: TenantScope): Promise<Invite[]> {
    const rows = (await tenant.table('invites_invites').orderBy('created_at', 'desc')) as InviteRow[];
    const counts = rows.length
      ? await this.devices.countEnrolled(
          this.id,
          rows.map((r) => r.id),
        )
      : new Map<string, number>();
    return rows.map((row) => this.toInvite(row, counts.get(row.id) ?? 0));
  }

  async delete(tenant: TenantScope, id: string): Promise<void> {
    if ((await tenant.table('invites_invites').where({ id }).delete()) === 0)
      throw new NotFoundError('No such invite.');
  }

  async branding(tenantId: string): Promise<Branding> {
    const row = await this.db('invites_branding').where({ tenant_id: tenantId }).first();
    if (row) {
      const clientUrls = Object.fromEntries(
        downloadSystems.map((os) => [os, row[`client_url_${os}`] ?? null]),
      ) as Branding['clientUrls'];
      return { companyName: row.company_name, primaryColor: row.primary_color, logo: row.logo, clientUrls };
    }
    const tenant = await this.directory.tenant(tenantId);
    return { companyName: tenant?.name ?? 'Outpost', primaryColor: '#1d4ed8', logo: null, clientUrls: noClientUrls };
  }

  /** Saves the branding; client URLs left out stay as they are. */
  async setBranding(
    tenant: TenantScope,
    branding: Omit<Branding, 'clientUrls'> & { clientUrls?: Partial<Branding['clientUrls']> },
  ): Promise<Branding> {
    const clientUrls: Record<string, string | null> = {};
    for (const [os, url] of Object.entries(branding.clientUrls ?? {})) {
      const trimmed = url?.trim() || null;
      const problem = trimmed ? this.urlProblem(trimmed) : undefined;
      if (problem) throw new InputError(`Custom client for ${os}: ${problem}`);
      clientUrls[`client_url_${os}`] = trimmed;
    }
    await this.db('invites_branding')
      .insert({
        tenant_id: tenant.tenantId,
        company_name: branding.companyName.trim(),
        primary_color: branding.primaryColor,
        logo: branding.logo,
        ...clientUrls,
        updated_at: new Date().toISOString(),
      })
      .onConflict('tenant_id')
      .merge();
    return this.branding(tenant.tenantId);
  }

  /** An invite as its public page shows it, or why it cannot be used. */
  async forPage(input: string): Promise<PageInvite> {
    const code = normalizeCode(input);
    const row = code
      ? ((await this.db('invites_invites').where({ code }).first()) as InviteRow | undefined)
      : undefined;
    if (!row) return { refused: 'unknown' };
    if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) return { refused: 'expired' };
    const invite = this.toInvite(row, (await this.devices.countEnrolled(this.id, [row.id])).get(row.id) ?? 0);
    if (invite.maxDevices !== null && invite.deviceCount >= invite.maxDevices) return { refused: 'full' };
    return { invite, tenantId: row.tenant_id, branding: await this.branding(row.tenant_id) };
  }

  /** The enrollment extension point: is this one of our codes, and may it enroll now? */
  async resolve(input: string): Promise<EnrollmentTarget | { refused: string } | undefined> {
    const code = normalizeCode(input);
    if (!code) return undefined;
    const row = (await this.db('invites_invites').where({ code }).first()) as InviteRow | undefined;
    if (!row) return undefined;
    if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now())
      return { refused: 'This invite has expired: ask for a new one.' };
    const maxDevices = row.max_devices === null ? null : Number(row.max_devices);
    const capacity =
      maxDevices === null
        ? undefined
        : {
            maxDevices,
            refusal: `This invite has enrolled its maximum of ${maxDevices} device${maxDevices === 1 ? '' : 's'}: ask for a new one.`,
          };
    return { tenantId: row.tenant_id, groupId: row.group_id, reference: row.id, capacity };
  }

  private toInvite(row: InviteRow, deviceCount: number): Invite {
    return {
      id: row.id,
      code: row.code,
      displayCode: displayCode(row.code),
      link: new URL(`/i/${row.code}`, this.baseUrl).toString(),
      name: row.name,
      groupId: row.group_id,
      expiresAt: iso(row.expires_at),
      createdAt: iso(row.created_at)!,
      deviceCount,
      maxDevices: row.max_devices === null ? null : Number(row.max_devices),
    };
  }
}
