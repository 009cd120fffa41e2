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
    h1 { align-items: center; gap: var(--wa-space-s); overflow-wrap: anywhere; }
    .status { display: inline-flex; align-items: center; gap: var(--wa-space-2xs); font-size: var(--wa-font-size-s); white-space: nowrap; }
    .status::before { content: ''; width: var(--wa-space-s); height: var(--wa-space-s); border-radius: var(--wa-border-radius-circle); background: var(--wa-color-neutral-fill-loud); }
    .status.online::before { background: var(--outpost-status-live); }
    .status.not-installed::before { background: var(--outpost-status-pending); }
    .status.limited::before { background: var(--wa-color-warning-fill-loud); }
    .status.disabled::before { background: var(--wa-color-danger-fill-loud); }
    wa-tag { margin: 0 var(--wa-space-3xs) var(--wa-space-3xs) 0; }
    .panel { min-width: 0; }
    table.cards { font-size: var(--wa-font-size-s); }
    table.cards th, table.cards td { overflow-wrap: anywhere; }
  `,
];

/** Focuses a control once it has drawn itself (a Web Awesome control just added has no inner field to focus yet). */
export async function focusControl(control: Element | null | undefined): Promise<void> {
  if (!control) return;
  await (control as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  (control as HTMLElement).focus();
}

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
