/**
 * The Settings page's tabs: the core's own (account, notifications, team, ...), each with
 * who may see it, then the tabs plugins declare in their manifest (`ui.settings`), already
 * filtered by the server to what the user may see. Also the old addresses of what moved
 * into Settings (`/team`, a plugin's `/invite-page`), which the shell sends to their tab.
 */
import { t } from './i18n.js';

/** What decides which tabs a user sees. */
export interface SettingsViewer {
  permissions: string[];
  currentTenantId: string | null;
}

/** A plugin's tab from the manifest. */
export interface PluginSettingsTab {
  id: string;
  label: string;
  icon?: string;
  order: number;
  element: string;
  redirects: string[];
}

/** One tab as the page shows it: a core page's element, or the plugins' elements (several plugins may share a tab). */
export interface SettingsTab {
  id: string;
  label: string;
  icon: string;
  /** The core page's element (`outpost-team-page`). */
  page?: string;
  /** The plugins' elements, in their order, with the module that defines each. */
  contributions: Array<{ pluginId: string; entry: string; element: string }>;
}

interface CoreTab {
  id: string;
  /** The tab's name in the user's language. */
  label: () => string;
  icon: string;
  page: string;
  permission?: string;
  /** Only while working in a tenant (API keys and billing belong to one). */
  needsTenant?: boolean;
  /** Earlier addresses of this page, from when it had a menu entry of its own. */
  redirects: string[];
}

const coreTabs: CoreTab[] = [
  {
    id: 'account',
    label: () => t('Account & security'),
    icon: 'account',
    page: 'outpost-account-page',
    redirects: ['/account'],
  },
  {
    id: 'notifications',
    label: () => t('Notifications'),
    icon: 'bell',
    page: 'outpost-notification-settings',
    redirects: [],
  },
  {
    id: 'team',
    label: () => t('Team'),
    icon: 'team',
    page: 'outpost-team-page',
    permission: 'team.manage',
    redirects: ['/team'],
  },
  {
    id: 'roles',
    label: () => t('Roles'),
    icon: 'roles',
    page: 'outpost-roles-page',
    permission: 'team.manage',
    redirects: ['/roles'],
  },
  {
    id: 'api-keys',
    label: () => t('API keys'),
    icon: 'key',
    page: 'outpost-api-keys-page',
    needsTenant: true,
    redirects: ['/api-keys'],
  },
  {
    id: 'audit',
    label: () => t('Audit log'),
    icon: 'audit',
    page: 'outpost-audit-page',
    permission: 'reports.view',
    redirects: ['/audit'],
  },
  {
    id: 'tenants',
    label: () => t('Tenants'),
    icon: 'tenants',
    page: 'outpost-tenants-page',
    permission: 'tenants.manage',
    redirects: ['/tenants'],
  },
  {
    id: 'billing',
    label: () => t('Billing'),
    icon: 'billing',
    page: 'outpost-billing-page',
    permission: 'billing.manage',
    needsTenant: true,
    redirects: ['/billing'],
  },
];

let pluginTabs: Array<PluginSettingsTab & { pluginId: string; entry: string }> = [];

/** From the UI manifest: the plugins' tabs the user may see, their labels translated (`translateDeclared`). */
export function setSettingsTabs(plugins: Array<{ id: string; entry: string; settings: PluginSettingsTab[] }>): void {
  pluginTabs = plugins.flatMap((plugin) =>
    plugin.settings.map((tab) => ({ ...tab, pluginId: plugin.id, entry: plugin.entry })),
  );
}

/** The tabs this user sees, in order: the core's, then the plugins' by their order (then label). */
export function settingsTabs(viewer: SettingsViewer): SettingsTab[] {
  const core = coreTabs
    .filter(
      (tab) =>
        (!tab.permission || viewer.permissions.includes(tab.permission)) &&
        (!tab.needsTenant || viewer.currentTenantId),
    )
    .map(({ id, label, icon, page }) => ({ id, label: label(), icon, page, contributions: [] }));
  const shared = new Map<string, SettingsTab & { order: number }>();
  for (const tab of [...pluginTabs].sort((a, b) => a.order - b.order)) {
    const known = shared.get(tab.id);
    const contribution = { pluginId: tab.pluginId, entry: tab.entry, element: tab.element };
    if (known) known.contributions.push(contribution);
    else
      shared.set(tab.id, {
        id: tab.id,
        label: tab.label,
        icon: tab.icon ?? '',
        order: tab.order,
        contributions: [contribution],
      });
  }
  const plugins = [...shared.values()]
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
    .map(({ order: _order, ...tab }) => tab);
  return [...core, ...plugins];
}

/**
 * Where an old address now lives: `/team` → `/settings/team`, a plugin's `/invite-page` →
 * `/settings/invite-page`, `/settings` → its first tab. Undefined for any other path.
 */
export function settingsRedirect(path: string): string | undefined {
  if (path === '/settings' || path === '/settings/') return '/settings/account';
  const tab =
    coreTabs.find((candidate) => candidate.redirects.includes(path)) ??
    pluginTabs.find((candidate) => candidate.redirects.includes(path));
  return tab ? `/settings/${tab.id}` : undefined;
}
