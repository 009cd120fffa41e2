import { definePlugin } from '@outpost/core';
import { type RemoteConfig, configSchema } from './config.js';
import { migrations } from './migrations.js';
import { routes } from './routes.js';

export const remotePlugin = definePlugin<RemoteConfig>({
  id: 'remote',
  dependencies: ['devices'],
  configSchema,
  // Connecting itself is the devices plugin's `device.connect`.
  permissions: [
    {
      id: 'remote.session.view',
      description: 'See live remote sessions and the session, unattended and file-transfer logs',
      roles: ['admin', 'member', 'viewer'],
    },
    { id: 'remote.session.manage', description: "Terminate other technicians' remote sessions", roles: ['admin'] },
  ],
  migrations,
  routes,
});
