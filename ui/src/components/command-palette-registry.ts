import type { PaletteItem, PaletteProvider, PaletteRun } from '@outpost/ui-sdk';
import { can } from '../permissions.js';

/** The palette's item types are the SDK's: plugins build them, the shell lists them. */
export type { PaletteItem, PaletteProvider, PaletteRun };

const providers = new Map<string, PaletteProvider>();

/** Adds a provider (a plugin's `palette.js` calls it through the SDK); answers the function that removes it. */
export function registerPaletteProvider(provider: PaletteProvider): () => void {
  providers.set(provider.id, provider);
  return () => {
    if (providers.get(provider.id) === provider) providers.delete(provider.id);
  };
}

export function paletteProviders(): PaletteProvider[] {
  return [...providers.values()];
}

let modules: string[] = [];
const loaded = new Map<string, Promise<unknown>>();

/** From the UI manifest: the plugins' palette modules the user may load. */
export function setPaletteModules(plugins: Array<{ palette?: Array<{ module: string }> }>): void {
  modules = plugins.flatMap((plugin) => (plugin.palette ?? []).map((entry) => entry.module));
}

/** Loads every palette module once (each registers its providers); a module that fails is tried again next time. */
export async function loadPaletteModules(): Promise<void> {
  await Promise.allSettled(
    modules.map((module) => {
      if (!loaded.has(module)) {
        const loading = import(module);
        loaded.set(module, loading);
        loading.catch(() => loaded.delete(module));
      }
      return loaded.get(module);
    }),
  );
}

/** The providers' fixed actions this user may run that match the query (all of them for an empty query), best first. */
export function matchingActions(query: string): PaletteItem[] {
  const actions = paletteProviders()
    .flatMap((provider) => provider.actions ?? [])
    .filter(allowed);
  if (!query.trim()) return actions;
  return actions
    .map((item) => ({
      item,
      score: Math.max(matchScore(item.label, query), ...(item.keywords ?? []).map((k) => matchScore(k, query) - 1)),
    }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.item);
}

/** Whether an item may be offered to this user. */
export function allowed(item: PaletteItem): boolean {
  return !item.permission || can(item.permission);
}

/**
 * How well `text` matches `query`, for items a provider filters itself (pages, actions):
 * 3 starts with it, 2 a word starts with it, 1 contains it, 0 no match. Case and accents do not count.
 */
export function matchScore(text: string, query: string): number {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(text);
  const needle = fold(query.trim());
  if (!needle) return 0;
  if (haystack.startsWith(needle)) return 3;
  if (haystack.split(/[\s/·,.-]+/).some((word) => word.startsWith(needle))) return 2;
  return haystack.includes(needle) ? 1 : 0;
}
