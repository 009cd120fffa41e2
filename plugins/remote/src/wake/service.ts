import { ConflictError, NotFoundError, UnavailableError, createServiceRef } from '@outpost/core';
import type { DeviceDirectory } from '@outpost/plugin-devices';
import type { Logger } from 'pino';
import { relayCandidates } from './networks.js';

/** Runs an internal agent operation on a device (the devices plugin's `deviceCommandsRef`). */
export type RunCommand = (
  tenantId: string,
  deviceId: string,
  name: string,
  args: Record<string, unknown>,
) => Promise<unknown>;

export interface WakeConfig {
  port: number;
  address?: string;
}

export interface WakeResult {
  deviceId: string;
  deviceName: string;
  /** The online device whose agent sent the packet. */
  relay: { id: string; name: string };
  via: 'subnet' | 'public-address';
  subnet: string | null;
  address: string;
  port: number;
  macs: string[];
  sentAt: string;
}

/** Relays tried before giving up: each failure costs an operation timeout at worst. */
const maxAttempts = 3;
/** Connected devices looked at when choosing a relay. */
const candidateLimit = 5000;

/**
 * Wake-on-LAN for an offline device: an online device of the same tenant on the same network (a shared IPv4
 * subnet, else the same public address) sends the magic packet for the device's MAC addresses.
 */
export class Wake {
  constructor(
    private readonly directory: DeviceDirectory,
    private readonly run: RunCommand,
    private readonly config: WakeConfig,
    private readonly logger: Logger,
  ) {}

  async wake(tenantId: string, deviceId: string): Promise<WakeResult> {
    const [target] = await this.directory.networks(tenantId, { ids: [deviceId] });
    if (!target) throw new NotFoundError('No such device.');
    if (target.status === 'online' || target.status === 'not-installed')
      throw new ConflictError(`${target.name} is online: connect to it instead.`, { type: 'device-online' });
    if (target.macs.length === 0)
      throw new ConflictError(
        `No MAC address is known for ${target.name}: its agent has not reported one, so it cannot be woken.`,
        { type: 'wake-no-mac' },
      );
    const online = await this.directory.networks(tenantId, { connected: true, limit: candidateLimit });
    const candidates = relayCandidates(target, online);
    if (candidates.length === 0)
      throw new ConflictError(
        `No online device is on the network of ${target.name} (the same public address or a shared IPv4 subnet), so none can send the Wake-on-LAN packet. Bring a device of that network online and try again.`,
        { type: 'wake-no-relay' },
      );
    const failures: string[] = [];
    for (const choice of candidates.slice(0, maxAttempts)) {
      const address = this.config.address ?? choice.broadcast;
      try {
        await this.run(tenantId, choice.relay.id, 'remote:wake', {
          macs: target.macs,
          address,
          port: this.config.port,
        });
        this.logger.info(
          { deviceId, relayId: choice.relay.id, via: choice.via, address, port: this.config.port },
          'Wake-on-LAN packet sent',
        );
        return {
          deviceId,
          deviceName: target.name,
          relay: { id: choice.relay.id, name: choice.relay.name },
          via: choice.via,
          subnet: choice.subnet ?? null,
          address,
          port: this.config.port,
          macs: target.macs,
          sentAt: new Date().toISOString(),
        };
      } catch (error) {
        failures.push(`${choice.relay.name}: ${(error as Error).message}`);
      }
    }
    throw new UnavailableError(
      `No device on the network of ${target.name} could send the Wake-on-LAN packet (${failures.join('; ')}).`,
      { type: 'wake-relay-failed' },
    );
  }
}

export const wakeRef = createServiceRef<Wake>('remote.wake');
