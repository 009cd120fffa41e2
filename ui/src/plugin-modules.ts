/** The plugins' browser modules, each loaded once, on demand; who extends which page; the home page's quick actions. */

const loaded = new Map<string, Promise<unknown>>();

export function loadPluginModule(id: string, entry: string): Promise<unknown> {
  if (!loaded.has(id)) {
    const loading = import(entry);
    loaded.set(id, loading);
    loading.catch(() => loaded.delete(id));
  }
  return loaded.get(id)!;
}

export interface ExtensionContribution {
  pluginId: string;
  entry: string;
  element: string;
}

let contributions = new Map<string, ExtensionContribution[]>();

/** From the UI manifest: the elements each plugin adds at other pages' extension points. */
export function setExtensions(
  plugins: Array<{ id: string; entry: string; extensions: Array<{ point: string; element: string }> }>,
): void {
  contributions = new Map();
  for (const plugin of plugins) {
    for (const { point, element } of plugin.extensions) {
      contributions.set(point, [
        ...(contributions.get(point) ?? []),
        { pluginId: plugin.id, entry: plugin.entry, element },
      ]);
    }
  }
}

export function extensionsAt(point: string): ExtensionContribution[] {
  return contributions.get(point) ?? [];
}

/** A quick action a plugin declares for the home page (`ui.homeActions`): a link to one of its pages. */
export interface HomeAction {
  label: string;
  path: string;
}

let declaredHomeActions: Array<{ pluginId: string; actions: HomeAction[] }> = [];

/** From the UI manifest: each plugin's declared home actions the user may see, in the manifest's plugin order. */
export function setHomeActions(plugins: Array<{ id: string; homeActions: HomeAction[] }>): void {
  declaredHomeActions = plugins.map((plugin) => ({ pluginId: plugin.id, actions: plugin.homeActions }));
}

/** Every plugin of the manifest, in its order, with the home actions it declares (possibly none). */
export function homeActionsByPlugin(): Array<{ pluginId: string; actions: HomeAction[] }> {
  return declaredHomeActions;
}
