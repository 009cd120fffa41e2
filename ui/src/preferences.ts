import { api } from './api.js';

interface Preference {
  key: string;
  value: unknown;
  updatedAt: string | null;
}

/** The values this page read or wrote, so a table opened twice asks the server once. */
const cache = new Map<string, Promise<unknown>>();

/**
 * The signed-in user's UI preferences in the current tenant, kept on the server
 * (`/api/v1/account/preferences/<key>`): a key of dotted lower-case words, any JSON value
 * up to 16 KB. `get` resolves null for a key never saved.
 */
export const preferences = {
  get<T = unknown>(key: string): Promise<T | null> {
    if (!cache.has(key)) {
      const read = api<Preference>('GET', `/account/preferences/${encodeURIComponent(key)}`).then((p) => p.value);
      read.catch(() => cache.delete(key));
      cache.set(key, read);
    }
    return cache.get(key) as Promise<T | null>;
  },
  async set(key: string, value: unknown): Promise<void> {
    cache.set(key, Promise.resolve(value));
    try {
      await api('PUT', `/account/preferences/${encodeURIComponent(key)}`, { value });
    } catch (error) {
      cache.delete(key);
      throw error;
    }
  },
  /** Forgets the cached values (after switching tenant or signing out). */
  clear(): void {
    cache.clear();
  },
};
