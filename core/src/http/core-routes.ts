import { Type } from '@sinclair/typebox';
import type { PluginDefinition, RouteDefinition } from '../plugins/types.js';
import { pluginLocales, pluginUiEntry } from '../plugins/ui-files.js';

const navEntry = Type.Object({
  label: Type.String(),
  icon: Type.String(),
  path: Type.String(),
  section: Type.Union([Type.Literal('work'), Type.Literal('setup'), Type.Literal('admin')]),
  order: Type.Number(),
  children: Type.Optional(Type.Object({ source: Type.String(), refreshOn: Type.Optional(Type.String()) })),
});
const notification = Type.Object({
  topic: Type.String(),
  label: Type.Optional(Type.String()),
  title: Type.String(),
  body: Type.Optional(Type.String()),
  soundField: Type.Optional(Type.String()),
  when: Type.Optional(
    Type.Object({ field: Type.String(), equals: Type.Union([Type.String(), Type.Number(), Type.Boolean()]) }),
  ),
});
const extension = Type.Object({ point: Type.String(), element: Type.String() });
const homeAction = Type.Object({ label: Type.String(), path: Type.String() });
const settingsTab = Type.Object({
  id: Type.String(),
  label: Type.String(),
  icon: Type.Optional(Type.String()),
  order: Type.Number(),
  element: Type.String(),
  redirects: Type.Array(Type.String()),
});
const manifest = Type.Object({
  plugins: Type.Array(
    Type.Object({
      id: Type.String(),
      entry: Type.String(),
      nav: Type.Array(navEntry),
      /** Paths of the plugin's pages without a sidebar entry that the caller may open. */
      pages: Type.Array(Type.String()),
      notifications: Type.Array(notification),
      extensions: Type.Array(extension),
      homeActions: Type.Array(homeAction),
      /** The plugin's dictionaries by language tag: `{ de: '/ui/plugins/<id>/locales/de.json' }`. */
      locales: Type.Record(Type.String(), Type.String()),
      palette: Type.Array(Type.Object({ module: Type.String() })),
      settings: Type.Array(settingsTab),
    }),
  ),
});

/** Routes the core itself serves under `/api/v1`. */
export function coreRoutes(options: { plugins: PluginDefinition[]; openApi: () => object }): RouteDefinition[] {
  return [
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'The OpenAPI 3.1 description of every mounted route',
      public: true,
      handler: () => options.openApi(),
    },
    {
      method: 'get',
      path: '/ui/manifest',
      summary: 'The UI modules of the enabled plugins and the navigation and Settings tabs the caller may see',
      public: true,
      schema: { response: manifest },
      handler: ({ scope }) => ({
        plugins: options.plugins
          .filter((plugin) => plugin.ui)
          .map((plugin) => ({
            id: plugin.id,
            entry: `/ui/plugins/${plugin.id}/${pluginUiEntry(plugin)}`,
            nav: (plugin.ui!.nav ?? [])
              .filter(
                (entry) => scope.principal && (!entry.permission || scope.principal.permissions.has(entry.permission)),
              )
              .map(({ label, icon, path, section = 'work', order = 100, children }) => ({
                label,
                icon,
                path,
                section,
                order,
                ...(children ? { children } : {}),
              })),
            pages: (plugin.ui!.pages ?? [])
              .filter(
                (page) => scope.principal && (!page.permission || scope.principal.permissions.has(page.permission)),
              )
              .map((page) => page.path),
            notifications: scope.principal ? (plugin.ui!.notifications ?? []) : [],
            extensions: (plugin.ui!.extensions ?? [])
              .filter(
                (entry) => scope.principal && (!entry.permission || scope.principal.permissions.has(entry.permission)),
              )
              .map(({ point, element }) => ({ point, element })),
            homeActions: (plugin.ui!.homeActions ?? [])
              .filter(
                (action) =>
                  scope.principal && (!action.permission || scope.principal.permissions.has(action.permission)),
              )
              .map(({ label, path }) => ({ label, path })),
            locales: pluginLocales(plugin),
            palette: (plugin.ui!.palette ?? [])
              .filter(
                (entry) => scope.principal && (!entry.permission || scope.principal.permissions.has(entry.permission)),
              )
              .map((entry) => ({ module: `/ui/plugins/${plugin.id}/${entry.module.replace(/^\.\//, '')}` })),
            settings: (plugin.ui!.settings ?? [])
              .filter((tab) => scope.principal && (!tab.permission || scope.principal.permissions.has(tab.permission)))
              .map(({ id, label, icon, order = 100, element, redirects = [] }) => ({
                id,
                label,
                ...(icon ? { icon } : {}),
                order,
                element,
                redirects,
              })),
          })),
      }),
    },
  ];
}
