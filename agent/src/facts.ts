import { hostname } from 'node:os';
import si from 'systeminformation';
import type { MachineFacts } from './protocol.js';

const osNames: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };

function cleanMacs(interfaces: si.Systeminformation.NetworkInterfacesData[]): string[] {
  return [
    ...new Set(interfaces.filter((i) => !i.internal && i.mac && i.mac !== '00:00:00:00:00:00').map((i) => i.mac)),
  ];
}

/** `192.168.1.20/24` for each external IPv4 interface with a netmask. */
function ipv4Networks(interfaces: si.Systeminformation.NetworkInterfacesData[]): string[] {
  return interfaces.flatMap((i) => {
    if (i.internal || !i.ip4 || !i.ip4subnet) return [];
    const bits = i.ip4subnet
      .split('.')
      .map((part) => Number(part).toString(2).padStart(8, '0'))
      .join('');
    const prefix = bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
    return /^1*0*$/.test(bits) && bits.length === 32 ? [`${i.ip4}/${prefix}`] : [];
  });
}

/** The summary a device enrolls and says hello with. */
export async function collectFacts(): Promise<MachineFacts> {
  const [os, cpu, mem, interfaces, users] = await Promise.all([
    si.osInfo(),
    si.cpu(),
    si.mem(),
    si.networkInterfaces(),
    si.users(),
  ]);
  const list = Array.isArray(interfaces) ? interfaces : [interfaces];
  return {
    hostname: os.hostname || hostname(),
    os: osNames[process.platform] ?? process.platform,
    osName: os.distro || os.platform,
    osVersion: os.release,
    arch: os.arch,
    macs: cleanMacs(list),
    ips: list.filter((i) => !i.internal).flatMap((i) => [i.ip4, i.ip6].filter(Boolean)),
    networks: ipv4Networks(list),
    user: users[0]?.user ?? null,
    cpu: `${cpu.manufacturer} ${cpu.brand}`.trim(),
    memoryBytes: mem.total,
  };
}

/** The detailed configuration view: everything an admin looks up about a machine. */
export async function collectSystemInfo(agentVersion: string): Promise<Record<string, unknown>> {
  const [system, bios, baseboard, os, cpu, mem, memLayout, disks, fs, interfaces, users, time, graphics] =
    await Promise.all([
      si.system(),
      si.bios(),
      si.baseboard(),
      si.osInfo(),
      si.cpu(),
      si.mem(),
      si.memLayout().catch(() => []),
      si.diskLayout().catch(() => []),
      si.fsSize().catch(() => []),
      si.networkInterfaces(),
      si.users(),
      Promise.resolve(si.time()),
      si.graphics().catch(() => ({ controllers: [], displays: [] })),
    ]);
  const list = Array.isArray(interfaces) ? interfaces : [interfaces];
  return {
    agentVersion,
    collectedAt: new Date().toISOString(),
    os: {
      platform: os.platform,
      distro: os.distro,
      release: os.release,
      codename: os.codename,
      kernel: os.kernel,
      arch: os.arch,
      hostname: os.hostname,
      fqdn: os.fqdn,
    },
    system: {
      manufacturer: system.manufacturer,
      model: system.model,
      serial: system.serial,
      uuid: system.uuid,
      virtual: system.virtual,
    },
    bios: { vendor: bios.vendor, version: bios.version, releaseDate: bios.releaseDate },
    baseboard: { manufacturer: baseboard.manufacturer, model: baseboard.model },
    cpu: {
      manufacturer: cpu.manufacturer,
      brand: cpu.brand,
      speedGHz: cpu.speed,
      cores: cpu.cores,
      physicalCores: cpu.physicalCores,
    },
    memory: {
      totalBytes: mem.total,
      usedBytes: mem.active,
      freeBytes: mem.available,
      swapTotalBytes: mem.swaptotal,
      modules: memLayout.map((m) => ({ sizeBytes: m.size, type: m.type, clockSpeed: m.clockSpeed })),
    },
    disks: disks.map((d) => ({
      name: d.name,
      type: d.type,
      vendor: d.vendor,
      sizeBytes: d.size,
      interface: d.interfaceType,
    })),
    fileSystems: fs.map((f) => ({
      mount: f.mount,
      type: f.type,
      sizeBytes: f.size,
      usedBytes: f.used,
      usePercent: f.use,
    })),
    network: list.map((i) => ({
      name: i.iface,
      mac: i.mac,
      ip4: i.ip4,
      ip6: i.ip6,
      internal: i.internal,
      type: i.type,
      speedMbps: i.speed,
    })),
    graphics: {
      controllers: graphics.controllers.map((c) => ({ vendor: c.vendor, model: c.model })),
      displays: graphics.displays.map((d) => ({
        model: d.model,
        resolutionX: d.resolutionX,
        resolutionY: d.resolutionY,
      })),
    },
    users: users.map((u) => ({ user: u.user, tty: u.tty, since: `${u.date} ${u.time}`.trim() })),
    uptimeSeconds: time.uptime,
    timezone: time.timezone,
  };
}
