import type { DeviceNetwork } from '@outpost/plugin-devices';

/** An online device that can send a Wake-on-LAN packet to the target's network, and where it sends it. */
export interface RelayChoice {
  relay: DeviceNetwork;
  /** How it shares the target's network: an IPv4 subnet both are on, or the public address both come from. */
  via: 'subnet' | 'public-address';
  /** The shared subnet (`192.168.1.0/24`), for `via: 'subnet'`. */
  subnet?: string;
  /** The subnet's broadcast address, else the limited broadcast address. */
  broadcast: string;
}

interface Subnet {
  network: number;
  prefix: number;
}

const toNumber = (address: string): number | undefined => {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
};
const toAddress = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/**
 * `192.168.1.20/24` as its subnet; undefined where no broadcast reaches a neighbour: loopback, prefixes shorter
 * than /8, and /31 and /32 (a point-to-point link, a single address).
 */
export function parseSubnet(cidr: string): Subnet | undefined {
  const [address, bits] = cidr.split('/');
  const value = toNumber(address ?? '');
  const prefix = Number(bits);
  if (value === undefined || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) return undefined;
  if (Math.floor(value / 2 ** 24) === 127) return undefined;
  return { network: (value & maskOf(prefix)) >>> 0, prefix };
}

const subnetKey = (subnet: Subnet): string => `${toAddress(subnet.network)}/${subnet.prefix}`;
const broadcastOf = (subnet: Subnet): string => toAddress((subnet.network | ~maskOf(subnet.prefix)) >>> 0);

/**
 * The online devices that can wake `target`, best first: those sharing one of its IPv4 subnets (the packet goes
 * to that subnet's broadcast address), then those whose channel comes from the same public address (behind the
 * same router, so on the same site; the packet goes to 255.255.255.255). `online` comes most recently seen first.
 */
export function relayCandidates(target: DeviceNetwork, online: DeviceNetwork[]): RelayChoice[] {
  const targetSubnets = new Map<string, Subnet>();
  for (const cidr of target.networks) {
    const subnet = parseSubnet(cidr);
    if (subnet) targetSubnets.set(subnetKey(subnet), subnet);
  }
  const bySubnet: RelayChoice[] = [];
  const byAddress: RelayChoice[] = [];
  for (const device of online) {
    if (device.id === target.id) continue;
    const shared = device.networks
      .map((cidr) => parseSubnet(cidr))
      .find((subnet) => subnet && targetSubnets.has(subnetKey(subnet)));
    if (shared) {
      bySubnet.push({ relay: device, via: 'subnet', subnet: subnetKey(shared), broadcast: broadcastOf(shared) });
    } else if (target.publicIp && device.publicIp === target.publicIp) {
      byAddress.push({ relay: device, via: 'public-address', broadcast: '255.255.255.255' });
    }
  }
  return [...bySubnet, ...byAddress];
}
