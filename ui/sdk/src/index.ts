/**
 * @outpost/ui-sdk: what a plugin's browser code gets from the web app.
 *
 * The web app (the shell) puts one object on `window.Outpost` before it loads any plugin
 * module; `OutpostSdk` below is its type, and the shell is checked against it. This module
 * hands out that object's members under their own names, so a plugin writes
 *
 *   import { LitElement, html, css, api, t, pageStyles } from '@outpost/ui-sdk';
 *
 * and its bundle holds no copy of Lit: every element on the page extends the shell's one
 * `LitElement`, and templates from the plugin and from the shell mix.
 *
 * The shell also registers shared elements every plugin page may use without importing
 * anything: `outpost-data-table`, `outpost-tiles`, `outpost-tag-input`, `outpost-chart`,
 * `outpost-meter`, `outpost-dialog`, `outpost-schema-form`, `outpost-table-options`, and `outpost-extensions`
 * (where other plugins add to a page), and Web Awesome's components (`<wa-button>`,
 * `<wa-input>`, `<wa-dialog>`, `<wa-icon name="monitor">` with Lucide names, ...; heavier
 * ones after `loadComponents(...)`). Plugins never import the library. See docs/ui-kit.md.
 */
import type {
  CSSResult,
  LitElement as LitElementClass,
  css as cssTag,
  html as htmlTag,
  nothing as nothingValue,
  svg as svgTag,
  TemplateResult,
} from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import type { repeat as repeatDirective } from 'lit/directives/repeat.js';

export type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';

/** A problem+json answer (RFC 9457), as the API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  /** Validation failures: a JSON pointer into the request and what is wrong there. */
  errors?: Array<{ pointer: string; detail: string }>;
  [key: string]: unknown;
}

/** What `api()` throws for an answer that is not 2xx. */
export interface ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** The problem type's slug: `urn:outpost:problem:totp-required` gives `totp-required`. */
  readonly slug: string;
  /** Messages per field, keyed by the last part of each JSON pointer. */
  readonly fieldErrors: Record<string, string>;
}

export interface ApiErrorConstructor {
  new (status: number, problem: Problem): ApiError;
  readonly prototype: ApiError;
}

/** One event of the live stream, as a subscriber receives it. */
export interface StreamEvent<Payload = unknown> {
  topic: string;
  payload: Payload;
  tenantId: string | null;
  time: string;
}

/** Style properties for `styleMap`: camelCase or kebab-case, custom properties too; null or undefined removes one. */
export type StyleValues = Readonly<Record<string, string | number | null | undefined>>;

export interface ConfirmDestructiveOptions {
  title: string;
  message: string;
  /** The label of the button that does it. */
  action: string;
  /** A word (a name) the user types before the button works. */
  typed?: string;
}

/** Row density of a table (`outpost-table-options`). */
export type TableDensity = 'comfortable' | 'compact';

/** `outpost-table-view`'s detail: the columns the user hid and the row density. */
export interface TableViewChange {
  hidden: string[];
  density: TableDensity;
}

/** What a list filters by (`outpost-table-filter`'s detail): its search text and its other filters by name. */
export interface TableFilterSet {
  search: string;
  filters: Record<string, string>;
}

/** One result of the command palette: a page to open (`href`) or an action to run (`run`). */
export interface PaletteItem {
  /** Unique within its provider. */
  id: string;
  /** The heading it is listed under ("Devices", "Actions"): translated, shared by providers that fill the same group. */
  group: string;
  label: string;
  /** A second line: an id, an address, a status. */
  detail?: string;
  /** A navigation icon name, as `icon()` takes it. */
  icon?: string;
  /** Offered only to users holding it; the server checks again when the action calls it. */
  permission?: string;
  /** Other words a fixed action is found by ("add" for "Create invite"). */
  keywords?: string[];
  href?: string;
  run?: (palette: PaletteRun) => void | Promise<void>;
}

/** What a running palette action may do: show its outcome in the palette, open a page, or close it (the default). */
export interface PaletteRun {
  show(content: TemplateResult | HTMLElement): void;
  navigate(path: string): void;
  close(): void;
}

/** A source of palette results, registered by a plugin's `palette.js` (declared in `ui.palette`). */
export interface PaletteProvider {
  /** Unique on the page, `<plugin id>` or `<plugin id>.<what>`; registering it again replaces it. */
  id: string;
  /** Items for the trimmed, non-empty query (from the plugin's list API); abort fetches when `signal` fires (the user typed on). */
  search?(query: string, signal: AbortSignal): PaletteItem[] | Promise<PaletteItem[]>;
  /** Fixed actions ("Create invite"): listed while the field is empty, matched by label and keywords by the palette. */
  actions?: PaletteItem[];
}

/** The signed-in account, as the web app hands it to a plugin's page and Settings tab elements (`account`). */
export interface SignedInAccount {
  id: string;
  email: string;
  name: string;
  /** What the user may do in the current tenant. */
  permissions: string[];
  currentTenantId: string | null;
}

/**
 * The element of a Settings tab a plugin declares (`ui.settings[].element` in its `src/plugin.ts`): the web app
 * creates it when the tab opens, under the tab's label as heading, and sets `account`.
 */
export interface SettingsTabElement extends HTMLElement {
  account: SignedInAccount | undefined;
}

/** The type of `window.Outpost`. */
export interface OutpostSdk {
  LitElement: typeof LitElementClass;
  html: typeof htmlTag;
  css: typeof cssTag;
  svg: typeof svgTag;
  nothing: typeof nothingValue;
  /** The look plugin pages share: panels, forms, buttons, tables that become cards on phones, badges, empty states. */
  pageStyles: CSSResult;
  /** Keyed lists: rows keep their DOM (and a checkbox its state) when the order changes. */
  repeat: typeof repeatDirective;
  /**
   * Styles computed at run time (`style=${styleMap({ width: '40%' })}`), set through the CSSOM, which the
   * Content-Security-Policy allows (Lit's own styleMap and any `style="..."` attribute are refused).
   */
  styleMap: (styles: StyleValues) => DirectiveResult;
  /** A navigation icon by name (`icon('devices')`), as the sidebar draws it; an unknown name gets a neutral circle. */
  icon: (name: string) => TemplateResult;
  /** Calls `/api/v1<path>` with the session cookie; throws `ApiError` for problem answers. `signal` aborts it. */
  api: <T = unknown>(method: string, path: string, body?: unknown, options?: { signal?: AbortSignal }) => Promise<T>;
  ApiError: ApiErrorConstructor;
  /**
   * The text in the user's language; `{name}` placeholders filled from `vars`, ICU plurals
   * (`{count, plural, one {# device} other {# devices}}`). A plugin passes its English text
   * and ships the translations in `ui/locales/<tag>.json` (docs/plugins.md, "Languages").
   */
  t: (key: string, vars?: Record<string, string | number>, plugin?: string) => string;
  toast: (message: string, kind?: 'info' | 'error') => void;
  /** Copies text for the user and says so (or says the browser refused). */
  copyText: (text: string) => Promise<void>;
  /** A toast, and a browser notification too when the tab is hidden and the user allowed them. */
  notify: (title: string, body?: string, options?: { sound?: boolean }) => void;
  /** A time in the user's time zone and date format; "—" for a missing or invalid one. */
  formatDateTime: (iso: string | null | undefined) => string;
  /** A number in the user's language (`1.234,5` in German); `options` as `Intl.NumberFormat`'s. */
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** Asks before something that cannot be undone; resolves true when confirmed. */
  confirmDestructive: (options: ConfirmDestructiveOptions) => Promise<boolean>;
  /**
   * Registers Web Awesome components beyond the core set the shell registers at start
   * (button, input, select, dialog, icon, ...): `await loadComponents('qr-code', 'color-picker')`,
   * names without the `wa-` prefix. An unknown name rejects. docs/ui-kit.md lists both sets.
   */
  loadComponents: (...names: string[]) => Promise<void>;
  /** Whether the user holds a permission in the current tenant (to hide what they cannot use; the server checks again). */
  can: (permission: string) => boolean;
  /** The live stream: `subscribe('devices.*', handler)` returns the function that unsubscribes. */
  stream: { subscribe: (pattern: string, handler: (event: StreamEvent) => void) => () => void };
  /**
   * The signed-in user's UI preferences in the current tenant, kept on the server
   * (`/api/v1/account/preferences/<key>`): keys are dotted lower-case words (`<plugin>.<thing>`),
   * values any JSON up to 16 KB. `get` resolves null for a key never saved.
   */
  preferences: {
    get: <T = unknown>(key: string) => Promise<T | null>;
    set: (key: string, value: unknown) => Promise<void>;
  };
  /** Adds results and actions to the command palette (Ctrl/Cmd+K); answers the function that removes them. */
  registerPaletteProvider: (provider: PaletteProvider) => () => void;
}

declare global {
  interface Window {
    Outpost: OutpostSdk;
  }
}

const sdk: OutpostSdk | undefined = typeof window === 'undefined' ? undefined : window.Outpost;
if (!sdk) throw new Error('@outpost/ui-sdk runs in the Outpost web app, which sets window.Outpost first');

export const LitElement = sdk.LitElement;
export type LitElement = LitElementClass;
export const ApiError = sdk.ApiError;
export const {
  html,
  css,
  svg,
  nothing,
  pageStyles,
  repeat,
  styleMap,
  icon,
  api,
  toast,
  copyText,
  notify,
  formatDateTime,
  formatNumber,
  confirmDestructive,
  loadComponents,
  can,
  stream,
  preferences,
  registerPaletteProvider,
} = sdk;

/**
 * The plugin whose bundle holds this copy of the SDK module: its files are served at
 * `/ui/plugins/<id>/`. Its texts are looked up in its own dictionary first, so the same
 * English can be translated differently by two plugins.
 */
const plugin = /\/ui\/plugins\/([a-z0-9-]+)\//.exec(import.meta.url)?.[1];

/** The text in the user's language, from this plugin's dictionary (`ui/locales/<tag>.json`) first. */
export const t = (key: string, vars?: Record<string, string | number>): string => sdk.t(key, vars, plugin);
