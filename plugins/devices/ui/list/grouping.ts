// Grouping the devices list: by first letter, status, last connection or group.
import { t } from '@outpost/ui-sdk';
import type { DeviceSummary } from '../api-types.js';
import { statusLabels } from '../shared.js';

export const groupingLabels = {
  none: 'No grouping',
  name: 'Name',
  status: 'Status',
  lastSeen: 'Last connection',
  group: 'Group',
} as const;
export type Grouping = keyof typeof groupingLabels;

export function isGrouping(value: string | null): value is Grouping {
  return value !== null && value in groupingLabels;
}

function lastSeenBucket(iso: string): string {
  const age = Date.now() - new Date(iso).getTime();
  if (age < 3_600_000) return t('Within the last hour');
  if (age < 86_400_000) return t('Today');
  if (age < 7 * 86_400_000) return t('This week');
  if (age < 30 * 86_400_000) return t('This month');
  return t('Longer ago');
}

function groupKey(device: DeviceSummary, by: Grouping): string {
  switch (by) {
    case 'name':
      return (device.name[0] ?? '#').toUpperCase();
    case 'status':
      return t(statusLabels[device.status]);
    case 'lastSeen':
      return lastSeenBucket(device.lastSeenAt);
    case 'group':
      return device.groupName ?? t('No group');
    default:
      return '';
  }
}

/** The devices in sections, in the order they come: one unnamed section when not grouped. */
export function sectionsOf(devices: DeviceSummary[], by: Grouping): Map<string, DeviceSummary[]> {
  const sections = new Map<string, DeviceSummary[]>();
  for (const device of devices) {
    const key = by === 'none' ? '' : groupKey(device, by);
    sections.set(key, [...(sections.get(key) ?? []), device]);
  }
  return sections;
}
