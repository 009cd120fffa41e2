// Wake-on-LAN: the magic packet is 6 bytes 0xFF and then the target's MAC 16 times (102 bytes), sent over UDP
// to the network's broadcast address (or whichever address the server names), usually on port 9.
import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';

export const magicPacketBytes = 102;

/** The magic packet waking the network card with this MAC (`aa:bb:cc:dd:ee:ff` or with `-`). */
export function magicPacket(mac: string): Buffer {
  const hex = mac.replace(/[:-]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) throw new Error(`not a MAC address: ${JSON.stringify(mac.slice(0, 40))}`);
  const address = Buffer.from(hex, 'hex');
  const packet = Buffer.alloc(magicPacketBytes, 0xff);
  for (let i = 0; i < 16; i++) address.copy(packet, 6 + i * 6);
  return packet;
}

export interface WakeArgs {
  macs: string[];
  address: string;
  port: number;
}

/** Sends one magic packet per MAC; answers what went where. */
export async function sendWake({ macs, address, port }: WakeArgs): Promise<{
  sent: Array<{ mac: string; bytes: number }>;
  address: string;
  port: number;
}> {
  if (!isIPv4(address)) throw new Error(`not an IPv4 address: ${JSON.stringify(address.slice(0, 40))}`);
  const packets = macs.map((mac) => ({ mac: mac.toLowerCase().replace(/-/g, ':'), packet: magicPacket(mac) }));
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // A broadcast address needs SO_BROADCAST; a unicast one (a loopback address in tests) does not mind it.
    socket.setBroadcast(true);
    for (const { packet } of packets) {
      await new Promise<void>((resolve, reject) =>
        socket.send(packet, port, address, (error) => (error ? reject(error) : resolve())),
      );
    }
  } finally {
    socket.close();
  }
  return { sent: packets.map(({ mac, packet }) => ({ mac, bytes: packet.length })), address, port };
}
