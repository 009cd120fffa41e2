import type { OutpostSdk } from '@outpost/ui-sdk';
import { LitElement, css, html, nothing, svg } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, api } from './api.js';
import { copyText } from './clipboard.js';
import { registerPaletteProvider } from './components/command-palette-registry.js';
import { confirmDestructive } from './components/dialog.js';
import { loadComponents } from './components/wa.js';
import { styleMap } from './directives/style-map.js';
import { toast } from './components/toasts.js';
import { formatDateTime, formatNumber } from './format.js';
import { icon } from './icons.js';
import { t } from './i18n.js';
import { notify } from './notify.js';
import { can } from './permissions.js';
import { preferences } from './preferences.js';
import { pageStyles } from './styles.js';
import { liveStream } from './stream.js';

/**
 * What plugin pages get from the web app (`window.Outpost`): the one copy of Lit (and its `repeat` directive), the
 * API client, the live stream, localization, dates, toasts, notifications and the
 * destructive-action dialog. Plugins import these names from `@outpost/ui-sdk`, whose types this object must
 * satisfy and whose module reads them from `window.Outpost`. The shared custom elements (`outpost-data-table`,
 * `outpost-tiles`, `outpost-tag-input`, `outpost-chart`, `outpost-meter`, `outpost-dialog`,
 * `outpost-schema-form`, `outpost-table-options`, and `outpost-extensions`, where other plugins add to a page)
 * are registered globally, and so are Web Awesome's core components (`wa-button`, `wa-input`, `wa-dialog`, ...;
 * others through `loadComponents`).
 */
export const outpostSdk = {
  LitElement,
  html,
  css,
  svg,
  nothing,
  /** The look plugin pages share: panels, forms, buttons, tables that become cards on phones, badges, empty states. */
  pageStyles,
  /** Keyed lists: rows keep their DOM (and a checkbox its state) when the order changes. */
  repeat,
  /**
   * Styles computed at run time (`style=${styleMap({ width: '40%' })}`), always set through the CSSOM, which the
   * Content-Security-Policy allows (Lit's own styleMap and any `style="..."` attribute are refused). Bars: `<outpost-meter>`.
   */
  styleMap,
  /** A navigation icon by name (`icon('devices')`), as the sidebar draws it; an unknown name gets a neutral circle. */
  icon,
  api,
  ApiError,
  t,
  toast,
  copyText,
  notify,
  formatDateTime,
  formatNumber,
  confirmDestructive,
  /**
   * Registers Web Awesome components beyond the core set the shell registers at start:
   * `await loadComponents('qr-code', 'color-picker')` (names without `wa-`; docs/ui-kit.md lists them).
   */
  loadComponents,
  /** Whether the user holds a permission in the current tenant (to hide what they cannot use; the server checks again). */
  can,
  stream: { subscribe: liveStream.subscribe.bind(liveStream) },
  /** The user's UI preferences in the current tenant, kept on the server: `get(key)` (null when never saved), `set(key, value)`. */
  preferences: { get: preferences.get, set: preferences.set },
  /** Adds results and actions to the command palette (Ctrl/Cmd+K); a plugin calls it from its `palette.js`. */
  registerPaletteProvider,
} satisfies OutpostSdk;

window.Outpost = outpostSdk;
