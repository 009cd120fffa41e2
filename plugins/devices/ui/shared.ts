// What the devices plugin's browser modules share: status names, the page look, links and sizes.
import { css, formatNumber, pageStyles, t } from '@outpost/ui-sdk';
import type { DeviceStatus } from '../src/schemas.js';

export const statusLabels: Record<DeviceStatus, string> = {
  online: 'Online',
  offline: 'Offline',
  'not-installed': 'Not installed',
  limited: 'Limited',
  disabled: 'Disabled',
};

/**
 * The devices pages' look: the shell's `pageStyles` (panels, buttons, forms, empty states) and what only these
 * pages have: toolbars, status dots, tags, tables that become cards on phones.
 */
export const sharedStyles = [
  pageStyles,
  css`
    h1 { align-items: center; gap: 0.6rem; overflow-wrap: anywhere; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-bottom: 1rem; }
    .toolbar label { font-size: 0.8rem; }
    input, select, textarea { background: #fff; }
    a.button { display: inline-block; }
    button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline-offset: 1px; }
    .status { display: inline-flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; white-space: nowrap; }
    .status::before { content: ''; width: 0.6rem; height: 0.6rem; border-radius: 50%; background: #94a3b8; }
    .status.online::before { background: #16a34a; }
    .status.not-installed::before { background: #f59e0b; }
    .status.limited::before { background: #f97316; }
    .status.disabled::before { background: #dc2626; }
    .tag { display: inline-block; background: #e0e7ff; color: #1e3a8a; border-radius: 999px; padding: 0 0.5rem; font-size: 0.78rem; margin: 0 0.2rem 0.2rem 0; }
    .panel { min-width: 0; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    code { background: #f1f5f9; padding: 0.1rem 0.35rem; border-radius: 4px; word-break: break-all; }
    table.cards { font-size: 0.9rem; }
    table.cards th, table.cards td { padding: 0.35rem 0.5rem; border-bottom: 1px solid #e5e7eb; overflow-wrap: anywhere; }
    table.cards th { color: #475569; }
  `,
];

export function deviceLink(device: { id: string }): string {
  return `/devices/d/${device.id}`;
}

/** Opens another page of the web app, as a link would. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** A size for people; "—" for one that is missing, negative or not a number (an agent may send anything). */
export function bytes(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 2 ** 60) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i += 1;
  }
  const digits = i ? 1 : 0;
  return `${formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${units[i]!}`;
}

/** How long a machine has run, the same way everywhere: "3 d 4 h" or "5 h 12 min"; "—" when unknown. */
export function uptime(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '—';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  return days
    ? t('{days} d {hours} h', { days, hours })
    : t('{hours} h {minutes} min', { hours, minutes: Math.floor((seconds % 3600) / 60) });
}

/** "5 devices", in the user's language. */
export function devicesCount(count: number): string {
  return t('{count, plural, one {# device} other {# devices}}', { count });
}
