// What the group elements share: creating a group, their events and their look.
import { ApiError, api, css, t, toast } from '@outpost/ui-sdk';
import type { Group } from '../api-types.js';

export interface GroupChange {
  group: Group;
  change: 'renamed' | 'deleted';
}

export interface DeviceMoved {
  deviceId: string;
  groupId: string | null;
}

declare global {
  interface HTMLElementEventMap {
    'outpost-group-changed': CustomEvent<GroupChange>;
    'outpost-device-moved': CustomEvent<DeviceMoved>;
  }
}

export const groupStyles = css`
  form.inline { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); align-items: end; }
  form.inline wa-input, form.inline wa-select { margin-block: 0; }
`;

/** The message of a failed call, for a toast. */
export function failure(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/** Creates a group; answers it, or undefined after telling the user why not. */
export async function createGroup(name: string): Promise<Group | undefined> {
  try {
    const group = await api<Group>('POST', '/devices/groups', { name });
    toast(t('The group {name} is created.', { name: group.name }));
    return group;
  } catch (error) {
    toast(failure(error), 'error');
    return undefined;
  }
}

/** Fires one of the group elements' events, crossing shadow roots. */
export function announce<K extends 'outpost-group-changed' | 'outpost-device-moved'>(
  element: HTMLElement,
  name: K,
  detail: HTMLElementEventMap[K]['detail'],
): void {
  element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** The text a form's field holds (FormData answers a File for file inputs, null for a missing field). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
