// The devices plugin's command palette providers (declared in src/plugin.ts, `ui.palette`; built into palette.js
// and loaded when the palette opens): devices found by name, 9-digit ID (spaces allowed) or IP address, and
// "New device group".
import { api, registerPaletteProvider, t } from '@outpost/ui-sdk';
import type { DevicePage } from './api-types.js';
import { statusLabels } from './shared.js';

/** A device's 9-digit ID as people read it out: "123 456 789". */
const spaced = (shortId: string) => shortId.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');

registerPaletteProvider({
  id: 'devices',
  async search(query, signal) {
    const params = new URLSearchParams({ q: query, limit: '8', favoritesFirst: 'false' });
    const page = await api<DevicePage>('GET', `/devices?${params}`, undefined, { signal });
    return page.items.map((device) => ({
      id: device.id,
      group: t('Devices'),
      label: device.name,
      detail: [spaced(device.shortId), device.ip, t(statusLabels[device.status])].filter(Boolean).join(' · '),
      icon: 'devices',
      href: `/devices/d/${device.id}`,
    }));
  },
  actions: [
    {
      id: 'new-group',
      group: t('Actions'),
      label: t('New device group'),
      keywords: [t('Create group'), t('Add group')],
      icon: 'devices',
      permission: 'groups.manage',
      href: '/devices/groups/new',
    },
  ],
});
