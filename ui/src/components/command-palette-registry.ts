import type { TemplateResult } from 'lit';
import { can } from '../permissions.js';

/** One result of the command palette: a place to open, or an action to run. */
export interface PaletteItem {
  /** Unique within its provider. */
  id: string;
  /** The heading the item is listed under ("Devices", "Tickets", "Actions"). */
  group: string;
  label: string;
  /** A second line: an id, an address, a status. */
  detail?: string;
  /** A navigation icon name, as `icon()` takes it. */
  icon?: string;
  /** Shown only to users holding it (the server checks again). */
  permission?: string;
  /** Other words an action is found by ("add" for "Create invite"). */
  keywords?: string[];
  /** Opens this page. */
  href?: string;
  /** Runs the action (an item has `href` or `run`). */
  run?: (palette: PaletteRun) => void | Promise<void>;
}

/** What a running action may do with the palette. */
export interface PaletteRun {
  /** Shows the action's outcome in the palette (an invite's code and link) instead of closing it. */
  show(content: TemplateResult | HTMLElement): void;
  /** Closes the palette and opens a page of the web app. */
  navigate(path: string): void;
  /** Closes the palette. */
  close(): void;
}

/** A source of palette results: a plugin's devices, tickets, actions. */
export interface PaletteProvider {
  /** Unique on the page: `<plugin id>` or `<plugin id>.<what>`; registering the same id again replaces it. */
  id: string;
  /**
   * The items for what the user typed (trimmed; never empty), usually from the plugin's
   * list API. Called again, with a new signal, as the user types: abort fetches when the
   * signal fires. Throwing hides this provider's items only.
   */
  search?(query: string, signal: AbortSignal): PaletteItem[] | Promise<PaletteItem[]>;
  /**
   * Fixed actions ("Create invite", "New ticket"): the palette lists them while the field is
   * empty and matches them against the query by label and keywords itself.
   */
  actions?: PaletteItem[];
}

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
