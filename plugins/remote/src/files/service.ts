import { randomUUID } from 'node:crypto';
import { type Directory, NotFoundError, type TenantScope, pageLimit } from '@outpost/core';
import type { DeviceDirectory } from '@outpost/plugin-devices';
import type { Static } from '@sinclair/typebox';
import type { Transfer, TransferReport } from './schemas.js';
import type { FilesStore, TransferFilter, TransferRow } from './store.js';

export type TransferView = Static<typeof Transfer>;

/** The file-transfer log (written from the agent's reports) and the devices' remote settings. */
export class RemoteFiles {
  constructor(
    private readonly store: FilesStore,
    private readonly devices: DeviceDirectory,
    private readonly directory: Directory,
  ) {}

  /**
   * Logs a transfer the agent of `device` reports for one of its own files sessions
   * (any other session: 404). The agent moved the bytes, so its word on size and result counts.
   */
  async record(device: { deviceId: string; tenantId: string }, report: Static<typeof TransferReport>): Promise<string> {
    const session = await this.store.sessionOfDevice(report.sessionId, device.deviceId);
    if (!session || session.tenant_id !== device.tenantId || session.kind !== 'files')
      throw new NotFoundError('No files session of this device has that id.');
    const id = randomUUID();
    await this.store.insertTransfer({
      id,
      tenant_id: device.tenantId,
      session_id: report.sessionId,
      device_id: device.deviceId,
      user_id: session.user_id,
      path: report.path,
      name: report.name,
      size: report.size,
      bytes: report.bytes,
      direction: report.direction,
      result: report.result,
      error: report.error?.slice(0, 500) ?? null,
      created_at: new Date().toISOString(),
    });
    return id;
  }

  async list(
    tenant: TenantScope,
    filter: Omit<TransferFilter, 'limit'> & { limit?: number },
  ): Promise<{ items: TransferView[]; nextCursor: string | null }> {
    const { rows, nextCursor } = await this.store.transfers(tenant, { ...filter, limit: pageLimit(filter.limit) });
    return { items: await this.views(tenant.tenantId, rows), nextCursor };
  }

  private async views(tenantId: string, rows: TransferRow[]): Promise<TransferView[]> {
    const devices = new Map(
      (await this.devices.describe(tenantId, [...new Set(rows.map((r) => r.device_id))])).map((d) => [d.id, d.name]),
    );
    const users = await this.directory.users([...new Set(rows.map((r) => r.user_id))]);
    return rows.map((row) => ({
      id: row.id,
      sessionId: row.session_id,
      deviceId: row.device_id,
      deviceName: devices.get(row.device_id) ?? '',
      userId: row.user_id,
      technician: users.get(row.user_id)?.displayName ?? '',
      path: row.path,
      name: row.name,
      size: Number(row.size),
      bytes: Number(row.bytes),
      direction: row.direction,
      result: row.result,
      error: row.error,
      at: new Date(row.created_at).toISOString(),
    }));
  }

  /** The device must be the tenant's (404 otherwise). */
  private async device(tenant: TenantScope, deviceId: string): Promise<void> {
    const [device] = await this.devices.describe(tenant.tenantId, [deviceId]);
    if (!device) throw new NotFoundError('No such device.');
  }

  async settings(tenant: TenantScope, deviceId: string): Promise<{ deviceId: string; terminalUser: string | null }> {
    await this.device(tenant, deviceId);
    return { deviceId, terminalUser: await this.store.terminalUser(tenant, deviceId) };
  }

  async changeSettings(
    tenant: TenantScope,
    deviceId: string,
    change: { terminalUser: string | null },
    by: string | null,
  ): Promise<{ deviceId: string; terminalUser: string | null }> {
    await this.device(tenant, deviceId);
    await this.store.setTerminalUser(tenant, deviceId, change.terminalUser?.trim() || null, by);
    return this.settings(tenant, deviceId);
  }

  /**
   * What the server adds to a session's target options, over anything the browser sent: the
   * terminal's and the file browser's user come from the device's settings, never the browser.
   */
  async targetOptions(
    tenantId: string,
    deviceId: string,
    kind: string,
    sessionId: string,
  ): Promise<Record<string, string>> {
    if (kind !== 'terminal' && kind !== 'files') return {};
    return { user: (await this.store.terminalUserOf(tenantId, deviceId)) ?? '', sessionId };
  }
}
