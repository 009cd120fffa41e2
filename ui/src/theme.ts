/**
 * Light and dark: `<html>` carries `wa-light` or `wa-dark`, which select Web Awesome's
 * token values (and Outpost's own `--outpost-*`, in app.css). The user's preference is
 * `system` (follows the device, live), `light` or `dark`; it is saved on the account and
 * mirrored in localStorage so pages before sign-in open in the same theme.
 */
import { brandTokens } from './accent.js';

export const themePreferences = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof themePreferences)[number];

const storageKey = 'outpost.theme';
const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

function isPreference(value: unknown): value is ThemePreference {
  return (themePreferences as readonly unknown[]).includes(value);
}

function stored(): ThemePreference {
  try {
    const value = localStorage.getItem(storageKey);
    return isPreference(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

let preference: ThemePreference = stored();

/** The theme shown: the preference, or the device's for `system`. */
export function currentTheme(): 'light' | 'dark' {
  if (preference !== 'system') return preference;
  return darkQuery?.matches ? 'dark' : 'light';
}

function apply(): void {
  const dark = currentTheme() === 'dark';
  const root = document.documentElement;
  root.classList.toggle('wa-dark', dark);
  root.classList.toggle('wa-light', !dark);
  document.dispatchEvent(new CustomEvent('outpost-theme-change', { detail: { theme: currentTheme() } }));
}

/** The user's choice: `system`, `light` or `dark`. */
export function themePreference(): ThemePreference {
  return preference;
}

/** Shows and remembers (in this browser) a preference; an unknown value counts as `system`. */
export function setThemePreference(value: string): void {
  preference = isPreference(value) ? value : 'system';
  try {
    localStorage.setItem(storageKey, preference);
  } catch {
    // Storage can be off (private windows): the theme still applies for this page.
  }
  apply();
}

darkQuery?.addEventListener('change', () => {
  if (preference === 'system') apply();
});
apply();

let accentTokens: string[] = [];

/**
 * Takes the current tenant's brand color as the accent: sets the brand palette and the
 * loud fill with its text color on <html> (through the CSSOM), for both themes. Null, or
 * a value that is no `#rrggbb`, goes back to the kit's blue.
 */
export function applyAccent(color: string | null | undefined): void {
  const style = document.documentElement.style;
  for (const name of accentTokens) style.removeProperty(name);
  const tokens = (color && brandTokens(color)) || {};
  for (const [name, value] of Object.entries(tokens)) style.setProperty(name, value);
  accentTokens = Object.keys(tokens);
}
