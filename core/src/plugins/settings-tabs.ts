import type { PluginDefinition } from './types.js';

/** The Settings page's own tabs, in their order; a plugin's tab takes another id. */
export const coreSettingsTabs = [
  'account',
  'notifications',
  'team',
  'roles',
  'api-keys',
  'audit',
  'tenants',
  'billing',
] as const;

const tabIdPattern = /^(?=.{1,32}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const elementPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;
const redirectPattern = /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/**
 * What is wrong with the plugins' Settings tabs (`ui.settings`): ids, labels, elements,
 * permissions (`declared`: every permission id of the core and the plugins), order and
 * redirects. A tab id two plugins share must have one label; an old address redirects
 * to one tab only and is no menu entry.
 */
export function settingsTabProblems(plugins: PluginDefinition[], declared: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const labels = new Map<string, { label: string; plugin: string }>();
  const redirectOwner = new Map<string, string>();
  const navPaths = new Set(plugins.flatMap((plugin) => (plugin.ui?.nav ?? []).map((entry) => entry.path)));
  for (const plugin of plugins) {
    const ids = new Set<string>();
    for (const tab of plugin.ui?.settings ?? []) {
      const at = `plugin "${plugin.id}": settings tab "${String(tab.id)}"`;
      if (typeof tab.id !== 'string' || !tabIdPattern.test(tab.id)) {
        problems.push(`${at}: the id must match ${tabIdPattern}`);
        continue;
      }
      if ((coreSettingsTabs as readonly string[]).includes(tab.id)) {
        problems.push(`${at}: the id is one of the core's tabs (${coreSettingsTabs.join(', ')})`);
      }
      if (ids.has(tab.id)) problems.push(`${at}: declared twice`);
      ids.add(tab.id);
      if (typeof tab.label !== 'string' || !tab.label.trim()) problems.push(`${at}: the label is empty`);
      else {
        const first = labels.get(tab.id);
        if (!first) labels.set(tab.id, { label: tab.label, plugin: plugin.id });
        else if (first.label !== tab.label)
          problems.push(
            `${at}: plugin "${first.plugin}" names this tab "${first.label}"; a shared tab takes one label, not "${tab.label}"`,
          );
      }
      if (
        typeof tab.element !== 'string' ||
        !elementPattern.test(tab.element) ||
        !tab.element.startsWith(`${plugin.id}-`)
      )
        problems.push(`${at}: element "${String(tab.element)}" must be a custom element named ${plugin.id}-<name>`);
      if (tab.permission !== undefined && !declared.has(tab.permission))
        problems.push(`${at}: needs undeclared permission "${tab.permission}"`);
      if (tab.order !== undefined && !Number.isFinite(tab.order)) problems.push(`${at}: order must be a number`);
      for (const path of tab.redirects ?? []) {
        if (
          typeof path !== 'string' ||
          !redirectPattern.test(path) ||
          path === '/settings' ||
          path.startsWith('/settings/')
        ) {
          problems.push(
            `${at}: redirect "${String(path)}" must be an app path such as /invite-page, outside /settings`,
          );
        } else if (navPaths.has(path)) {
          problems.push(`${at}: redirect "${path}" is a menu entry's path; drop the entry or the redirect`);
        } else if (redirectOwner.has(path) && redirectOwner.get(path) !== tab.id) {
          problems.push(`${at}: redirect "${path}" already leads to tab "${redirectOwner.get(path)}"`);
        } else redirectOwner.set(path, tab.id);
      }
    }
  }
  return problems;
}
