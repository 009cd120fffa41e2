import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  type EventBus,
  ForbiddenError,
  InputError,
  NotFoundError,
  OutpostError,
  type OutpostEvent,
  UnavailableError,
} from '@outpost/core';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AgentGateway } from './gateway.js';
import type { DeviceRow } from './list.js';

interface StoredError {
  status: number;
  type: string;
  message: string;
}

/**
 * Scale-out (DESIGN 6): an operation for a device whose channel another instance holds
 * is written to `devices_operation_calls` and announced; that instance runs it, stores
 * the answer and announces it back. Events carry ids only, so answers of any size fit.
 * Dashboards' "watching" hints are passed on the same way, and a device moved to Trash
 * is disconnected by whichever instance holds it. Each of these subscribers acts on this
 * instance's own channels or waiting calls, so it runs on every instance.
 */
export class OperationRelay {
  private readonly waiting = new Map<string, () => void>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly db: Knex,
    private readonly events: EventBus,
    private readonly gateway: AgentGateway,
    private readonly instanceId: string,
    private readonly staleAfterMs: number,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.unsubscribe.push(
      events.subscribe('devices.operation.requested', (event) => this.onRequested(event), {
        subscriberId: 'devices.relay-requested',
        delivery: 'every-instance',
      }),
      events.subscribe(
        'devices.operation.answered',
        (event) => this.waiting.get((event.payload as { callId: string }).callId)?.(),
        { subscriberId: 'devices.relay-answered', delivery: 'every-instance' },
      ),
      events.subscribe('devices.watch.requested', (event) => this.onWatch(event), {
        subscriberId: 'devices.relay-watch',
        delivery: 'every-instance',
      }),
      // Whichever instance holds a trashed device's channel closes it.
      events.subscribe(
        'devices.device.changed',
        (event) => {
          const { ids, change } = event.payload as { ids: string[]; change: string };
          if (change === 'trash') this.gateway.disconnect(ids, 'trashed', 'moved to Trash');
        },
        { subscriberId: 'devices.relay-trash', delivery: 'every-instance' },
      ),
    );
  }

  /** Runs the operation here when this instance holds the device's channel, else where it is held. */
  async run(device: DeviceRow, name: string, args: Record<string, unknown>): Promise<unknown> {
    if (this.gateway.isConnected(device.id) || !this.heldElsewhere(device)) return this.gateway.run(device, name, args);
    this.gateway.check(device, name, args);
    const callId = randomUUID();
    await this.db('devices_operation_calls').insert({
      id: callId,
      device_id: device.id,
      instance_id: device.instance_id,
      name,
      args: JSON.stringify(args),
      created_at: new Date().toISOString(),
    });
    try {
      const answered = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.timeoutMs);
        this.waiting.set(callId, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      await this.events.publish('devices.operation.requested', { callId, instanceId: device.instance_id! });
      if (!(await answered))
        throw new UnavailableError('The Outpost instance holding this device did not answer in time.', {
          type: 'operation-failed',
        });
      const row = await this.db('devices_operation_calls').where({ id: callId }).first('result', 'error');
      if (row?.error) throw rebuild(JSON.parse(row.error) as StoredError);
      return row?.result ? JSON.parse(row.result) : null;
    } finally {
      this.waiting.delete(callId);
      await this.db('devices_operation_calls').where({ id: callId }).delete();
    }
  }

  /** Tells every instance that a dashboard watches these devices. */
  async watch(deviceIds: string[]): Promise<void> {
    this.gateway.watch(deviceIds);
    await this.events.publish('devices.watch.requested', { ids: deviceIds, instanceId: this.instanceId });
  }

  close(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  private heldElsewhere(device: DeviceRow): boolean {
    return (
      Boolean(device.online) &&
      device.instance_id !== null &&
      device.instance_id !== this.instanceId &&
      new Date(device.last_seen_at).getTime() > Date.now() - this.staleAfterMs
    );
  }

  private async onRequested(event: OutpostEvent): Promise<void> {
    const { callId, instanceId } = event.payload as { callId: string; instanceId: string };
    if (instanceId !== this.instanceId) return;
    const call = await this.db('devices_operation_calls').where({ id: callId }).first();
    if (!call || call.answered_at) return;
    const answer: { result?: string; error?: string } = {};
    try {
      const device = (await this.db('devices_devices').where({ id: call.device_id }).first()) as DeviceRow;
      answer.result = JSON.stringify((await this.gateway.run(device, call.name, JSON.parse(call.args))) ?? null);
    } catch (error) {
      const known = error instanceof OutpostError;
      if (!known) this.logger.error({ err: error, callId }, 'a relayed operation failed');
      answer.error = JSON.stringify({
        status: known ? error.status : 503,
        type: known ? error.problemType : 'operation-failed',
        message: known ? error.message : 'The operation failed.',
      });
    }
    await this.db('devices_operation_calls')
      .where({ id: callId })
      .update({ ...answer, answered_at: new Date().toISOString() });
    await this.events.publish('devices.operation.answered', { callId });
  }

  private onWatch(event: OutpostEvent): void {
    const { ids, instanceId } = event.payload as { ids: string[]; instanceId: string };
    if (instanceId !== this.instanceId) this.gateway.watch(ids);
  }
}

function rebuild(error: StoredError): Error {
  const options = { type: error.type };
  switch (error.status) {
    case 400:
      return new InputError(error.message, options);
    case 403:
      return new ForbiddenError(error.message, options);
    case 404:
      return new NotFoundError(error.message, options);
    case 409:
      return new ConflictError(error.message, options);
    default:
      return new UnavailableError(error.message, options);
  }
}
