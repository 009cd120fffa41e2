import { randomUUID } from 'node:crypto';
import { NotFoundError, type TenantScope } from '@outpost/core';
import type { DeviceDirectory, EnrollmentSource, EnrollmentTarget } from '@outpost/plugin-devices';
import type { Knex } from 'knex';
import { displayCode, freeCode, normalizeCode } from './codes.js';

export const deploymentStatuses = ['active', 'paused', 'completed'] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];

export interface Deployment {
  id: string;
  name: string;
  code: string;
  displayCode: string;
  groupId: string | null;
  expectedCount: number;
  registeredCount: number;
  ssoCode: string | null;
  status: DeploymentStatus;
  createdAt: string;
  completedAt: string | null;
}

interface DeploymentRow {
  id: string;
  tenant_id: string;
  name: string;
  code: string;
  group_id: string | null;
  expected_count: number;
  sso_code: string | null;
  status: DeploymentStatus;
  created_at: string | Date;
  completed_at: string | Date | null;
}

const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * Deployments: a planned rollout with its own enrollment code, a target group and an
 * expected device count. Active enrolls; Paused and Completed refuse with a message the
 * agent prints. Progress is the devices it has enrolled against the expected count.
 */
export class DeploymentService implements EnrollmentSource {
  readonly id = 'deployments';

  constructor(
    private readonly db: Knex,
    private readonly devices: DeviceDirectory,
  ) {}

  async list(tenant: TenantScope): Promise<Deployment[]> {
    const rows = (await tenant.table('invites_deployments').orderBy('created_at', 'desc')) as DeploymentRow[];
    const counts = rows.length
      ? await this.devices.countEnrolled(
          this.id,
          rows.map((r) => r.id),
        )
      : new Map<string, number>();
    return rows.map((row) => toDeployment(row, counts.get(row.id) ?? 0));
  }

  async get(tenant: TenantScope, id: string): Promise<Deployment> {
    const row = (await tenant.table('invites_deployments').where({ id }).first()) as DeploymentRow | undefined;
    if (!row) throw new NotFoundError('No such deployment.');
    const counts = await this.devices.countEnrolled(this.id, [id]);
    return toDeployment(row, counts.get(id) ?? 0);
  }

  async create(
    tenant: TenantScope,
    input: { name: string; groupId?: string | null; expectedCount: number; ssoCode?: string | null },
  ): Promise<Deployment> {
    if (input.groupId && !(await this.devices.hasGroup(tenant.tenantId, input.groupId)))
      throw new NotFoundError('No such group.');
    const code = await freeCode(this.db);
    const id = randomUUID();
    await tenant.insert('invites_deployments', {
      id,
      name: input.name.trim(),
      code,
      group_id: input.groupId ?? null,
      expected_count: input.expectedCount,
      sso_code: input.ssoCode ?? null,
      status: 'active',
      created_at: new Date().toISOString(),
    });
    return this.get(tenant, id);
  }

  async update(
    tenant: TenantScope,
    id: string,
    patch: { name?: string; expectedCount?: number; status?: DeploymentStatus },
  ): Promise<Deployment> {
    await this.get(tenant, id);
    const changes: Record<string, unknown> = {};
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.expectedCount !== undefined) changes.expected_count = patch.expectedCount;
    if (patch.status !== undefined) {
      changes.status = patch.status;
      changes.completed_at = patch.status === 'completed' ? new Date().toISOString() : null;
    }
    if (Object.keys(changes).length > 0) await tenant.table('invites_deployments').where({ id }).update(changes);
    return this.get(tenant, id);
  }

  async delete(tenant: TenantScope, id: string): Promise<void> {
    if ((await tenant.table('invites_deployments').where({ id }).delete()) === 0)
      throw new NotFoundError('No such deployment.');
  }

  async resolve(input: string): Promise<EnrollmentTarget | { refused: string } | undefined> {
    const code = normalizeCode(input);
    if (!code) return undefined;
    const row = (await this.db('invites_deployments').where({ code }).first()) as DeploymentRow | undefined;
    if (!row) return undefined;
    if (row.status === 'paused')
      return { refused: `The deployment "${row.name}" is paused: enrollment is refused until it is resumed.` };
    if (row.status === 'completed')
      return { refused: `The deployment "${row.name}" is completed and takes no more devices.` };
    return { tenantId: row.tenant_id, groupId: row.group_id, reference: row.id };
  }
}

function toDeployment(row: DeploymentRow, registeredCount: number): Deployment {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    displayCode: displayCode(row.code),
    groupId: row.group_id,
    expectedCount: Number(row.expected_count),
    registeredCount,
    ssoCode: row.sso_code,
    status: row.status,
    createdAt: iso(row.created_at)!,
    completedAt: iso(row.completed_at),
  };
}
