/** The plugins' browser modules, each loaded once, on demand; and who extends which page. */

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
