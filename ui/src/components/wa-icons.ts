import { registerIconLibrary } from '@awesome.me/webawesome/dist/components/icon/library.js';
import { lucideName } from '../system-icons.js';

/** Where the shell serves Lucide's SVGs (copied from lucide-static into the build). */
export function iconUrl(name: string): string {
  return `/icons/${encodeURIComponent(name)}.svg`;
}

/**
 * Points Web Awesome's two icon libraries at the icons Outpost serves itself, so no icon
 * is fetched from a CDN: `default` (what `<wa-icon name="monitor">` uses) takes Lucide
 * names as they are; `system` (what the library's own components ask for: xmark,
 * chevron-down, eye-slash, ...) maps Font Awesome names to Lucide's. Lucide draws with
 * strokes in `currentColor`, so icons take the text color of where they stand.
 */
export function registerIcons(): void {
  registerIconLibrary('default', { resolver: (name) => iconUrl(name) });
  registerIconLibrary('system', { resolver: (name) => iconUrl(lucideName(name)) });
}
