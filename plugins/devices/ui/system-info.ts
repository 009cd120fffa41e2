// A device's detailed system information (what its agent collects at connect), in
// sections: OS, CPU, memory, disks, network, users, hardware, and anything else it sent.
import { css, formatDateTime, html, nothing, t, type TemplateResult } from '@outpost/ui-sdk';
import { bytes, uptime } from './shared.js';

/** An object of the agent's report, as sent: any field may be missing or of another type. */
export type Info = Record<string, unknown>;

/** Draws the file systems of a report with their use (the device page's own bars). */
export type FileSystemsRenderer = (fileSystems: Info[]) => unknown;

export const systemInfoStyles = css`
  .sections { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 40ch), 1fr)); gap: var(--wa-space-m) var(--wa-space-xl); margin-top: var(--wa-space-s); }
  .sections section.wide { grid-column: 1 / -1; }
  .sections h3 { font-size: var(--wa-font-size-m); margin: 0 0 var(--wa-space-xs); border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border); padding-bottom: var(--wa-space-3xs); }
  .sections h4 { font-size: var(--wa-font-size-s); margin: var(--wa-space-s) 0 var(--wa-space-3xs); color: var(--wa-color-text-quiet); }
`;

const labels: Record<'os' | 'cpu' | 'system' | 'bios' | 'baseboard', Record<string, string>> = {
  os: {
    platform: 'Platform',
    distro: 'Distribution',
    release: 'Release',
    codename: 'Codename',
    kernel: 'Kernel',
    arch: 'Architecture',
    hostname: 'Hostname',
    fqdn: 'Full name (FQDN)',
  },
  cpu: {
    manufacturer: 'Manufacturer',
    brand: 'Model',
    speedGHz: 'Speed (GHz)',
    cores: 'Cores',
    physicalCores: 'Physical cores',
  },
  system: {
    manufacturer: 'Manufacturer',
    model: 'Model',
    serial: 'Serial number',
    uuid: 'UUID',
    virtual: 'Virtual machine',
  },
  bios: { vendor: 'BIOS vendor', version: 'BIOS version', releaseDate: 'BIOS date' },
  baseboard: { manufacturer: 'Board manufacturer', model: 'Board model' },
};

/** The keys each section takes from the agent's report; the rest shows under "Other". */
const known = new Set([
  'agentVersion',
  'collectedAt',
  'os',
  'cpu',
  'memory',
  'disks',
  'fileSystems',
  'network',
  'users',
  'uptimeSeconds',
  'timezone',
  'system',
  'bios',
  'baseboard',
  'graphics',
]);

function text(value: unknown): string {
  if (value === null || value === undefined || value === '' || value === '-') return '—';
  if (typeof value === 'number' && !Number.isFinite(value)) return '—';
  if (typeof value === 'boolean') return value ? t('Yes') : t('No');
  if (Array.isArray(value)) return value.length ? value.map(text).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A list as sent, or none when the agent sent something else. */
export function list(value: unknown): Info[] {
  return Array.isArray(value) ? value.filter((item): item is Info => isInfo(item)) : [];
}

/** An object as sent, or an empty one when the agent sent something else. */
export function record(value: unknown): Info {
  return isInfo(value) ? value : {};
}

function isInfo(value: unknown): value is Info {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A measure the agent reports as 0 or -1 when it does not know it (CPU speed, clock, link speed). */
function measured(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** A definition list of an object's fields, named by `names` where it knows them. */
function fields(object: Info, names: Record<string, string> = {}, extra: Array<[string, string]> = []): TemplateResult {
  const rows = [...Object.entries(object).map(([key, value]) => [t(names[key] ?? key), text(value)]), ...extra];
  return html`<dl>${rows.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>`;
}

/** A table that turns into cards on a phone: `columns` are `[heading, cell(row)]`. */
function table(label: string, rows: Info[], columns: Array<[string, (row: Info) => unknown]>): TemplateResult {
  if (!rows.length) return html`<p class="muted">${t('None reported.')}</p>`;
  return html`<table class="cards" aria-label=${label}>
    <thead><tr>${columns.map(([heading]) => html`<th>${heading}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${columns.map(([heading, cell]) => html`<td data-label=${heading}>${text(cell(row))}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/** The sections of the report; `renderFileSystems` draws the file systems with their use. */
export function renderSystemInfo(info: Info, renderFileSystems: FileSystemsRenderer): TemplateResult {
  const memory = record(info.memory);
  const cpu = isInfo(info.cpu) ? info.cpu : undefined;
  const others = Object.entries(info).filter(([key]) => !known.has(key));
  const graphics = record(info.graphics);
  return html`<p class="muted">
      ${typeof info.collectedAt === 'string' ? t('Collected {time}', { time: formatDateTime(info.collectedAt) }) : nothing}
      ${info.agentVersion ? t('by agent {version}', { version: text(info.agentVersion) }) : nothing}
    </p>
    <div class="sections">
      <section aria-labelledby="si-os">
        <h3 id="si-os">${t('Operating system')}</h3>
        ${fields(record(info.os), labels.os, [
          [t('Uptime'), uptime(info.uptimeSeconds)],
          [t('Time zone'), text(info.timezone)],
        ])}
      </section>
      <section aria-labelledby="si-cpu">
        <h3 id="si-cpu">${t('CPU')}</h3>
        ${
          cpu
            ? fields({ ...cpu, speedGHz: measured(cpu.speedGHz) }, labels.cpu)
            : html`<p class="muted">${t('None reported.')}</p>`
        }
      </section>
      <section aria-labelledby="si-memory">
        <h3 id="si-memory">${t('Memory')}</h3>
        <dl>
          <dt>${t('Total')}</dt><dd>${bytes(memory.totalBytes)}</dd>
          <dt>${t('In use')}</dt><dd>${bytes(memory.usedBytes)}</dd>
          <dt>${t('Available')}</dt><dd>${bytes(memory.freeBytes)}</dd>
          <dt>${t('Swap')}</dt><dd>${bytes(memory.swapTotalBytes)}</dd>
        </dl>
        ${
          list(memory.modules).length
            ? html`<h4>${t('Modules')}</h4>
              ${table(t('Memory modules'), list(memory.modules), [
                [t('Size'), (m) => bytes(m.sizeBytes)],
                [t('Type'), (m) => m.type],
                [t('Clock (MHz)'), (m) => measured(m.clockSpeed)],
              ])}`
            : nothing
        }
      </section>
      <section aria-labelledby="si-hardware">
        <h3 id="si-hardware">${t('Hardware')}</h3>
        ${fields(record(info.system), labels.system, [
          ...Object.entries(record(info.bios)).map(([key, value]): [string, string] => [
            t(labels.bios[key] ?? key),
            text(value),
          ]),
          ...Object.entries(record(info.baseboard)).map(([key, value]): [string, string] => [
            t(labels.baseboard[key] ?? key),
            text(value),
          ]),
          [t('Graphics'), text(list(graphics.controllers).map((c) => [c.vendor, c.model].filter(Boolean).join(' ')))],
          [
            t('Displays'),
            text(
              list(graphics.displays).map((d) =>
                [d.model, d.resolutionX && `${text(d.resolutionX)}×${text(d.resolutionY)}`].filter(Boolean).join(' '),
              ),
            ),
          ],
        ])}
      </section>
      <section class="wide" aria-labelledby="si-disks">
        <h3 id="si-disks">${t('Disks')}</h3>
        ${
          !list(info.disks).length && list(info.fileSystems).length
            ? nothing
            : table(t('Disks'), list(info.disks), [
                [t('Name'), (d) => d.name],
                [t('Type'), (d) => d.type],
                [t('Vendor'), (d) => d.vendor],
                [t('Size'), (d) => bytes(d.sizeBytes)],
                [t('Interface'), (d) => d.interface],
              ])
        }
        ${list(info.fileSystems).length ? html`<h4>${t('File systems')}</h4>${renderFileSystems(list(info.fileSystems))}` : nothing}
      </section>
      <section class="wide" aria-labelledby="si-network">
        <h3 id="si-network">${t('Network')}</h3>
        ${table(t('Network interfaces'), list(info.network), [
          [t('Interface'), (n) => n.name],
          [t('IPv4'), (n) => n.ip4],
          [t('IPv6'), (n) => n.ip6],
          [t('MAC address'), (n) => n.mac],
          [t('Type'), (n) => (n.internal ? t('loopback') : n.type)],
          [t('Speed (Mbit/s)'), (n) => measured(n.speedMbps)],
        ])}
      </section>
      <section class="wide" aria-labelledby="si-users">
        <h3 id="si-users">${t('Users')}</h3>
        ${table(t('Signed-in users'), list(info.users), [
          [t('User'), (u) => u.user],
          [t('Terminal'), (u) => u.tty],
          [t('Since'), (u) => u.since],
        ])}
      </section>
      ${
        others.length
          ? html`<section class="wide" aria-labelledby="si-other">
            <h3 id="si-other">${t('Other')}</h3>
            ${fields(Object.fromEntries(others))}
          </section>`
          : nothing
      }
    </div>`;
}
