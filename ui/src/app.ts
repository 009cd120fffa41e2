import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api } from './api.js';
import { startupRequests } from './startup-requests.js';
// Shared components: part of the shell so every plugin's UI can use them.
import './components/chart.js';
import './components/command-palette.js';
import { setPaletteModules } from './components/command-palette-registry.js';
import type { PalettePage } from './components/command-palette.js';
import './components/data-table.js';
import './components/dialog.js';
import './components/extensions.js';
import './components/meter.js';
import './components/tag-input.js';
import './components/tiles.js';
import './components/toasts.js';
import './components/tour.js';
import { toast } from './components/toasts.js';
import { type NotificationRule, loadNotificationChoices, setNotificationRules } from './notification-preferences.js';
import { notifyEvent } from './notify.js';
import { setPermissions } from './permissions.js';
import { preferences } from './preferences.js';
import { setExtensions, setHomeActions } from './plugin-modules.js';
import { setDatePreferences } from './format.js';
import {
  type MessageKey,
  languages,
  pluginDictionary,
  rememberedLanguage,
  setLanguage,
  shippedLanguage,
  t,
  translateDeclared,
} from './i18n.js';
import { icon } from './icons.js';
import { type ThemePreference, applyAccent, setThemePreference, themePreference, themePreferences } from './theme.js';
import { setSettingsTabs, settingsRedirect, settingsTabs, type PluginSettingsTab } from './settings-tabs.js';
import './pages/account.js';
import './pages/api-keys.js';
import './pages/audit.js';
import './pages/dashboard.js';
import './pages/not-found.js';
import './pages/public-pages.js';
import './pages/roles.js';
import './pages/settings.js';
import './pages/sign-in.js';
import './pages/team.js';
import './pages/tenants.js';
import './components/plugin-view.js';
import './sdk.js';
import { type StreamStatus, liveStream } from './stream.js';

interface Account {
  id: string;
  email: string;
  name: string;
  surname: string;
  language: string;
  theme: ThemePreference;
  timeZone: string;
  dateFormat: string;
  mustChangePassword: boolean;
  tourCompleted: boolean;
  currentTenantId: string | null;
  permissions: string[];
}

interface Tenant {
  id: string;
  name: string;
  current: boolean;
  accentColor: string | null;
}

/** `settings`: the shell's own last entry, Settings, under no heading. */
type NavSection = 'work' | 'setup' | 'admin' | 'settings';

interface NavEntry {
  label: string;
  /** The plugin that declares it (its dictionary translates the entries listed under it). */
  pluginId?: string;
  icon: string;
  path: string;
  section: NavSection;
  order: number;
  children?: { source: string; refreshOn?: string };
}

interface NavChild {
  /** English, translated like the manifest's labels, unless `verbatim` (a name the user gave). */
  label: string;
  path: string;
  badge?: number;
  verbatim?: boolean;
}

interface PluginManifest {
  id: string;
  entry: string;
  nav: NavEntry[];
  /** Its pages without a sidebar entry (`ui.pages`) that the user may open. */
  pages: string[];
  notifications: NotificationRule[];
  extensions: Array<{ point: string; element: string }>;
  homeActions: Array<{ label: string; path: string }>;
  /** The plugin's dictionaries by language tag (`{ de: '/ui/plugins/<id>/locales/de.json' }`). */
  locales: Record<string, string>;
  palette: Array<{ module: string }>;
  settings: PluginSettingsTab[];
}

/** Pages that work signed out: reached from mailed links and the sign-in page. (Accepting an invitation needs a signed-in user: it shows after sign-in.) */
const publicPages: Record<string, () => unknown> = {
  '/sign-up': () => html`<outpost-sign-up></outpost-sign-up>`,
  '/confirm': () => html`<outpost-confirm></outpost-confirm>`,
  '/forgot-password': () => html`<outpost-forgot-password></outpost-forgot-password>`,
  '/reset-password': () => html`<outpost-reset-password></outpost-reset-password>`,
};

/**
 * The sidebar's sections, by how often they are used: daily work (unlabelled, first),
 * setting things up, administration. Entries declare theirs; plugins in their manifest.
 */
const navSections: Array<{ id: NavSection; key?: MessageKey }> = [
  { id: 'work' },
  { id: 'setup', key: 'shell.setup' },
  { id: 'admin', key: 'shell.admin' },
  { id: 'settings' },
];

/** A theme choice of the account menu, in the user's language. */
function themeLabel(value: ThemePreference): string {
  if (value === 'light') return t('Light');
  return value === 'dark' ? t('Dark') : t('Same as the device');
}

/**
 * Core pages in the menu: the dashboard, and Settings, where the account, team, roles, API keys, audit log,
 * tenants, billing and the plugins' settings are tabs (pages/settings.ts), so the menu keeps the daily work.
 */
const coreNav: Array<{ key: MessageKey; path: string; icon: string; section: NavSection; order: number }> = [
  { key: 'shell.dashboard', path: '/', icon: 'dashboard', section: 'work', order: 0 },
  { key: 'shell.settings', path: '/settings', icon: 'settings', section: 'settings', order: 0 },
];

/** An entry's section; one the web app does not know goes with daily work. */
function sectionOf(entry: NavEntry): NavSection {
  return navSections.some((section) => section.id === entry.section) ? entry.section : 'work';
}

/**
 * The app shell: the sign-in flow when signed out; otherwise the side navigation
 * (core pages and the enabled plugins' entries from /api/v1/ui/manifest), the tenant
 * switcher, the user menu at the lower left, the live-connection indicator at the
 * bottom of the sidebar, and toasts. Below 768 px the sidebar becomes a menu.
 */
export class OutpostApp extends LitElement {
  static override properties = {
    account: { state: true },
    tenants: { state: true },
    nav: { state: true },
    navChildren: { state: true },
    path: { state: true },
    menuOpen: { state: true },
    streamStatus: { state: true },
    loading: { state: true },
    touring: { state: true },
  };

  account: Account | null = null;
  tenants: Tenant[] = [];
  nav: NavEntry[] = [];
  navChildren = new Map<string, NavChild[]>();
  path = location.pathname;
  menuOpen = false;
  streamStatus: StreamStatus = 'connecting';
  loading = true;
  touring = false;
  private readonly stream = liveStream;
  private plugins: PluginManifest[] = [];
  /** Stream subscriptions of the signed-in user: notifications and navigation refreshes. */
  private subscriptions: Array<() => void> = [];

  static override styles = css`
    :host { display: block; min-height: 100vh; }
    .layout { display: grid; grid-template-columns: 15rem 1fr; min-height: 100vh; }
    nav.sidebar { background: var(--outpost-sidebar-background); color: var(--outpost-sidebar-text); border-right: var(--wa-border-width-s) solid var(--outpost-sidebar-border); display: flex; flex-direction: column; padding: var(--wa-space-m) var(--wa-space-s); gap: var(--wa-space-3xs); }
    .brand { font-weight: var(--wa-font-weight-bold); font-size: var(--wa-font-size-l); padding: var(--wa-space-3xs) var(--wa-space-xs) var(--wa-space-m); }
    nav a { color: var(--outpost-sidebar-text); text-decoration: none; padding: var(--wa-space-xs) var(--wa-space-s); border-radius: var(--wa-border-radius-m); display: flex; align-items: center; gap: var(--wa-space-s); }
    nav a[aria-current='page'] { background: var(--outpost-sidebar-current); font-weight: var(--wa-font-weight-semibold); }
    nav a[aria-current='true'], nav a:hover { background: var(--outpost-sidebar-hover); }
    .icon { flex: none; width: 1.25rem; height: 1.25rem; }
    .topbar .icon { vertical-align: -0.3rem; }
    .section { margin: var(--wa-space-m) var(--wa-space-s) var(--wa-space-2xs); font-size: var(--wa-font-size-2xs); text-transform: uppercase; letter-spacing: 0.06em; color: var(--outpost-sidebar-text-quiet); }
    a:focus-visible, button:focus-visible, select:focus-visible { outline: var(--wa-focus-ring); outline-offset: var(--wa-focus-ring-offset); }
    .spacer { flex: 1; }
    ul.sub { list-style: none; margin: 0 0 var(--wa-space-2xs); padding: 0 0 0 2.4rem; }
    ul.sub a { padding: var(--wa-space-2xs) var(--wa-space-s); font-size: var(--wa-font-size-s); justify-content: space-between; gap: var(--wa-space-xs); }
    ul.sub a span:first-child { overflow-wrap: anywhere; }
    .badge { background: var(--outpost-sidebar-current); border-radius: var(--wa-border-radius-pill); padding: 0 var(--wa-space-xs); font-size: var(--wa-font-size-xs); min-width: 1.25rem; text-align: center; }
    .tenant label { font-size: var(--wa-font-size-2xs); text-transform: uppercase; letter-spacing: 0.04em; color: var(--outpost-sidebar-text-quiet); display: block; padding: 0 var(--wa-space-xs); }
    .tenant select { width: 100%; margin-top: var(--wa-space-3xs); padding: var(--wa-space-2xs); border-radius: var(--wa-border-radius-m); border: var(--wa-border-width-s) solid var(--outpost-sidebar-border); background: var(--outpost-sidebar-field); color: var(--outpost-sidebar-text); font: inherit; }
    .user > button { display: block; width: 100%; text-align: left; background: var(--outpost-sidebar-field); color: var(--outpost-sidebar-text); border: var(--wa-border-width-s) solid var(--outpost-sidebar-border); border-radius: var(--wa-border-radius-m); padding: var(--wa-space-xs) var(--wa-space-s); font: inherit; cursor: pointer; overflow-wrap: anywhere; }
    wa-dropdown.user::part(menu) { min-width: 13rem; }
    .status { font-size: var(--wa-font-size-xs); display: flex; align-items: center; gap: var(--wa-space-2xs); padding: var(--wa-space-xs); color: var(--outpost-sidebar-text); }
    .dot { width: 0.6rem; height: 0.6rem; border-radius: var(--wa-border-radius-circle); background: var(--outpost-status-pending); }
    .dot.live { background: var(--outpost-status-live); }
    .dot.offline { background: var(--outpost-status-offline); }
    main { padding: var(--wa-space-l) var(--wa-space-2xl); min-width: 0; }
    nav button.search { display: flex; align-items: center; gap: var(--wa-space-xs); width: 100%; margin: 0 0 var(--wa-space-s); background: var(--outpost-sidebar-field); color: var(--outpost-sidebar-text); border: var(--wa-border-width-s) solid var(--outpost-sidebar-border); border-radius: var(--wa-border-radius-m); padding: var(--wa-space-2xs) var(--wa-space-xs); font: inherit; cursor: pointer; }
    nav button.search span { flex: 1; text-align: left; }
    nav button.search kbd { font: inherit; font-size: var(--wa-font-size-2xs); border: var(--wa-border-width-s) solid var(--outpost-sidebar-border); border-radius: var(--wa-border-radius-s); padding: 0 var(--wa-space-2xs); }
    .topbar button.search { margin-left: auto; }
    .topbar { display: none; }
    @media (max-width: 767px) {
      .layout { grid-template-columns: 1fr; }
      .topbar { display: flex; align-items: center; gap: var(--wa-space-s); background: var(--outpost-sidebar-background); color: var(--outpost-sidebar-text); padding: var(--wa-space-xs) var(--wa-space-m); }
      .topbar button { background: none; border: var(--wa-border-width-s) solid var(--outpost-sidebar-border); color: var(--outpost-sidebar-text); border-radius: var(--wa-border-radius-m); padding: var(--wa-space-2xs) var(--wa-space-s); font: inherit; }
      nav.sidebar { display: none; }
      nav.sidebar.open { display: flex; position: fixed; inset: 3rem 0 0 0; z-index: 50; overflow-y: auto; }
      main { padding: var(--wa-space-m); }
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', () => {
      this.path = location.pathname;
      if (this.account) this.redirectToSettings();
      if (!this.accountAsked) void this.load();
    });
    this.stream.addEventListener('status', () => (this.streamStatus = this.stream.status));
    this.stream.addEventListener('access-ended', () => void this.accessEnded());
    this.addEventListener('click', (event) => this.followLink(event));
    window.addEventListener('keydown', (event) => this.paletteShortcut(event));
    void this.load();
  }

  private showFirstPage!: () => void;
  /** Resolves once the first page (the sign-in page, a public page or the signed-in shell) is drawn. */
  readonly firstPage = new Promise<void>((resolve) => (this.showFirstPage = resolve));

  /** Whether load() asked who is signed in; public pages do not ask, so their console stays clean of a 401. */
  private accountAsked = false;

  /** Reads who is signed in; a 401 shows the sign-in page. */
  private async load(): Promise<void> {
    if (publicPages[this.path] || !this.accountAsked) await setLanguage(rememberedLanguage());
    if (publicPages[this.path]) {
      this.loading = false;
      void this.updateComplete.then(this.showFirstPage);
      return;
    }
    this.accountAsked = true;
    this.loading = true;
    preferences.clear();
    try {
      // Every start-up request at once (those of the page's first load were started by its first script).
      const requests = startupRequests();
      const account = (await requests.account) as Account;
      setThemePreference(account.theme);
      setDatePreferences(account.timeZone, account.dateFormat);
      this.account = account;
      setPermissions(account.permissions);
      if (account.mustChangePassword) await setLanguage(account.language);
      else {
        const [tenants, manifest] = (await Promise.all([requests.tenants, requests.manifest])) as [
          { items: Tenant[] },
          { plugins: PluginManifest[] },
        ];
        this.tenants = tenants.items;
        applyAccent(this.tenants.find((x) => x.current)?.accentColor);
        // The plugins' dictionaries before their modules and declared labels: the sidebar, home actions and notifications come translated.
        await setLanguage(
          account.language,
          manifest.plugins.map((plugin) => ({
            id: plugin.id,
            dictionary: pluginDictionary(plugin.locales, account.language),
          })),
        );
        this.plugins = manifest.plugins.map((plugin) => translateDeclared(plugin));
        setExtensions(this.plugins);
        setHomeActions(this.plugins);
        setPaletteModules(this.plugins);
        setSettingsTabs(this.plugins);
        setNotificationRules(this.plugins);
        this.redirectToSettings();
        this.nav = this.plugins.flatMap((p) => p.nav.map((entry) => ({ ...entry, pluginId: p.id })));
        this.subscribeToPlugins();
        this.touring = !account.tourCompleted;
        // The page need not wait for the notification choices; the events they apply to, arriving on the stream, do.
        // Choices that fail to load leave the defaults (every notification shown, with its chime).
        void loadNotificationChoices(Boolean(account.currentTenantId), requests.notifications)
          .catch(() => undefined)
          .then(() => {
            if (this.account === account && this.stream.status !== 'live') this.stream.connect();
          });
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401))
        toast(t('error.generic', { message: String(error) }), 'error');
      this.account = null;
    } finally {
      this.loading = false;
      void this.updateComplete.then(this.showFirstPage);
    }
  }

  /** Raises the plugins' notifications and keeps navigation sub-entries (groups, counts) fresh. */
  private subscribeToPlugins(): void {
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    for (const plugin of this.plugins) {
      for (const rule of plugin.notifications) {
        this.subscriptions.push(
          this.stream.subscribe(rule.topic, (event) =>
            notifyEvent(rule, (event.payload ?? {}) as Record<string, unknown>),
          ),
        );
      }
    }
    for (const entry of this.nav) {
      if (!entry.children) continue;
      const { source, refreshOn } = entry.children;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const refresh = async () => {
        try {
          const { items } = await api<{ items: NavChild[] }>('GET', source);
          this.navChildren = new Map(this.navChildren).set(entry.path, items);
        } catch {
          // The entry itself still works; its sub-entries come back with the next event.
        }
      };
      void refresh();
      if (refreshOn) {
        this.subscriptions.push(
          this.stream.subscribe(refreshOn, () => {
            clearTimeout(timer);
            timer = setTimeout(() => void refresh(), 2000);
          }),
        );
      }
    }
  }

  /** An address of what moved into Settings (`/team`, a bookmark) becomes its tab's, keeping the history entry. */
  private redirectToSettings(): void {
    const target = settingsRedirect(this.path);
    if (!target) return;
    history.replaceState(null, '', `${target}${location.search}${location.hash}`);
    this.path = target;
  }

  private followLink(event: MouseEvent) {
    const link = event.composedPath().find((el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement);
    if (
      !link ||
      link.origin !== location.origin ||
      event.ctrlKey ||
      event.metaKey ||
      link.target ||
      link.hasAttribute('download')
    )
      return;
    event.preventDefault();
    this.navigate(link.pathname);
  }

  private navigate(path: string) {
    history.pushState(null, '', path);
    this.path = path;
    if (this.account) this.redirectToSettings();
    if (!this.accountAsked) void this.load();
    this.menuOpen = false;
  }

  override render() {
    if (this.loading) return nothing;
    const publicPage = publicPages[this.path];
    if (publicPage) return publicPage();
    if (!this.account || this.account.mustChangePassword) {
      return html`<outpost-sign-in ?must-change-password=${this.account?.mustChangePassword ?? false} @signed-in=${this.signedIn}></outpost-sign-in>`;
    }
    const tenant = this.tenants.find((x) => x.current);
    const menu = this.menuEntries();
    return html`<div class="topbar">
        <button aria-expanded=${this.menuOpen} aria-controls="sidebar" @click=${() => (this.menuOpen = !this.menuOpen)}>${icon('menu')} ${t('shell.menu')}</button>
        <strong>${t('app.name')}</strong>
        <button id="topbar-search" aria-labelledby="topbar-search" class="search" @click=${this.openPalette} aria-label=${t('Search')} aria-keyshortcuts="Control+K Meta+K">${icon('search')}</button>
        <wa-tooltip for="topbar-search">${t('Search')}</wa-tooltip>
      </div>
      <div class="layout">
        <nav id="sidebar" class="sidebar ${this.menuOpen ? 'open' : ''}" aria-label=${t('Main')}>
          <div class="brand">${t('app.name')}</div>
          <button class="search" @click=${this.openPalette} aria-keyshortcuts="Control+K Meta+K">${icon('search')}<span>${t('Search')}</span><kbd>Ctrl K</kbd></button>
          ${
            this.tenants.length > 1
              ? html`<div class="tenant">
                <label for="tenant">${t('shell.tenant')}</label>
                <select id="tenant" @change=${this.switchTenant}>
                  ${this.tenants.map((x) => html`<option value=${x.id} ?selected=${x.current}>${x.name}</option>`)}
                </select>
              </div>`
              : nothing
          }
          ${navSections.map((section) => {
            const entries = menu.filter((entry) => sectionOf(entry) === section.id);
            if (!entries.length) return nothing;
            if (!section.key) return entries.map((entry) => this.renderNavEntry(entry));
            return html`<div role="group" aria-labelledby="nav-${section.id}">
              <p class="section" id="nav-${section.id}">${t(section.key)}</p>
              ${entries.map((entry) => this.renderNavEntry(entry))}
            </div>`;
          })}
          <div class="spacer"></div>
          <wa-dropdown class="user" placement="top-start" @wa-select=${this.handleUserMenuSelect}>
            <button slot="trigger" data-testid="user-menu">${this.account.name || this.account.email}</button>
            <wa-dropdown-item value="settings" href="/settings"><wa-icon slot="icon" name="settings"></wa-icon>${t('shell.settings')}</wa-dropdown-item>
            <wa-dropdown-item value="tour"><wa-icon slot="icon" name="compass"></wa-icon>${t('shell.tour')}</wa-dropdown-item>
            <wa-dropdown-item value="sign-out"><wa-icon slot="icon" name="log-out"></wa-icon>${t('shell.signOut')}</wa-dropdown-item>
            <wa-divider></wa-divider>
            <h3 id="theme-label" role="presentation">${t('Theme')}</h3>
            ${themePreferences.map(
              (value) =>
                html`<wa-dropdown-item type="checkbox" data-radio value="theme:${value}" .checked=${themePreference() === value}>${themeLabel(value)}</wa-dropdown-item>`,
            )}
            <wa-divider></wa-divider>
            <h3 id="language-label" role="presentation">${t('Language')}</h3>
            ${Object.entries(languages).map(
              ([tag, name]) =>
                html`<wa-dropdown-item type="checkbox" data-radio value="language:${tag}" lang=${tag} .checked=${shippedLanguage(this.account!.language) === tag}>${name}</wa-dropdown-item>`,
            )}
          </wa-dropdown>
          <div class="status" role="status" data-testid="connection" data-state=${this.streamStatus}>
            <span class="dot ${this.streamStatus}"></span>${t(this.streamStatus === 'live' ? 'shell.live' : this.streamStatus === 'offline' ? 'shell.offline' : 'shell.connecting')}
          </div>
        </nav>
        <main id="main">${this.renderPage(tenant?.name ?? '')}</main>
      </div>
      <outpost-command-palette .pages=${this.palettePages(menu)}></outpost-command-palette>
      ${this.touring ? html`<outpost-tour ?tenant-picker=${this.tenants.length > 1} @tour-done=${this.tourDone}></outpost-tour>` : nothing}`;
  }

  override updated(): void {
    document.title = this.pageTitle();
    void this.markRadioItems();
  }

  /** The tab's title: the menu entry of the page shown (the deepest that matches), then the product. */
  private pageTitle(): string {
    if (!this.account) return 'Outpost';
    const tab = settingsTabs(this.account).find((candidate) => this.path === `/settings/${candidate.id}`);
    if (tab) return `${tab.label} · ${t('shell.settings')} · Outpost`;
    const entry = this.menuEntries()
      .filter((candidate) => this.currentness(candidate.path) !== 'false')
      .sort((a, b) => b.path.length - a.path.length)[0];
    return entry ? `${entry.label} · Outpost` : 'Outpost';
  }

  /** The menu: the core pages the user may open and the plugins' entries, by section, then by their declared order. */
  private menuEntries(): NavEntry[] {
    const core = coreNav.map(({ key, path, icon, section, order }) => ({ label: t(key), path, icon, section, order }));
    const rank = (entry: NavEntry) => navSections.findIndex((section) => section.id === sectionOf(entry));
    return [...core, ...this.nav].sort((a, b) => rank(a) - rank(b) || a.order - b.order);
  }

  private renderNavEntry(entry: NavEntry) {
    const children = this.navChildren.get(entry.path) ?? [];
    return html`<a href=${entry.path} aria-current=${this.currentness(entry.path)}>${icon(entry.icon)}<span>${entry.label}</span></a>
      ${
        children.length
          ? html`<ul class="sub" aria-label=${entry.label}>
            ${children.map(
              (child) => html`<li>
                <a href=${child.path} aria-current=${this.currentness(child.path)}
                  ><span>${child.verbatim ? child.label : t(child.label, {}, entry.pluginId)}</span>${child.badge !== undefined ? html`<span class="badge">${child.badge}</span>` : nothing}</a
                >
              </li>`,
            )}
          </ul>`
          : nothing
      }`;
  }

  /** `page` on the entry of the page shown, `true` on the entry a deeper page belongs to (Devices, on a device's page). */
  private currentness(path: string): 'page' | 'true' | 'false' {
    if (this.path === path) return 'page';
    return path !== '/' && this.path.startsWith(`${path}/`) ? 'true' : 'false';
  }

  private renderPage(tenant: string) {
    const account = this.account!;
    const settingsTab = /^\/settings\/([^/]+)$/.exec(this.path)?.[1];
    if (settingsTab !== undefined)
      return html`<outpost-settings-page .account=${account} .tab=${settingsTab}></outpost-settings-page>`;
    switch (this.path) {
      case '/accept-invitation':
        return html`<outpost-accept-invitation></outpost-accept-invitation>`;
      case '/':
      case '/sign-in':
        return html`<outpost-dashboard .name=${account.name || account.email} .tenant=${tenant}></outpost-dashboard>`;
      default: {
        const at = (path: string) => this.path === path || this.path.startsWith(`${path}/`);
        const plugin = this.plugins.find((p) => p.nav.some((entry) => at(entry.path)) || p.pages.some(at));
        if (plugin)
          return html`<outpost-plugin-view .plugin=${plugin} .account=${account} .path=${this.path}></outpost-plugin-view>`;
        return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
      }
    }
  }

  /** Ctrl+K or Cmd+K, anywhere in the signed-in shell, opens the command palette. */
  private paletteShortcut(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'k') return;
    if (!this.account || this.account.mustChangePassword) return;
    event.preventDefault();
    this.openPalette();
  }

  private openPalette(): void {
    this.menuOpen = false;
    void this.renderRoot.querySelector('outpost-command-palette')?.show();
  }

  /** What the palette offers as pages: the menu, its sub-entries and the Settings tabs. */
  private palettePages(menu: NavEntry[]): PalettePage[] {
    return [
      ...menu.flatMap((entry) => [
        { label: entry.label, path: entry.path, icon: entry.icon },
        ...(this.navChildren.get(entry.path) ?? []).map((child) => ({
          label: child.label,
          path: child.path,
          icon: entry.icon,
          detail: entry.label,
        })),
      ]),
      // The Settings tabs the user may open ("Team", "Account & security"), each found by its own name.
      ...settingsTabs(this.account!).map((tab) => ({
        label: tab.label,
        path: `/settings/${tab.id}`,
        icon: tab.icon || 'settings',
        detail: t('shell.settings'),
      })),
    ];
  }

  /** Shows the theme at once and saves it on the account (and in this browser, for the sign-in page). */
  private async chooseTheme(value: ThemePreference) {
    setThemePreference(value);
    this.account = { ...this.account!, theme: value };
    this.checkRadioItems('theme', value);
    await api('PATCH', '/account', { theme: value });
  }

  /** Saves the language on the account, then reloads the page: every text, the plugins' included, comes in it. */
  private async chooseLanguage(tag: string) {
    this.checkRadioItems('language', tag);
    if (shippedLanguage(this.account!.language) === tag) return;
    await api('PATCH', '/account', { language: tag });
    location.reload();
  }

  /** One choice of a group checked: the item chosen toggled itself (checkbox items do), which may have unchecked it. */
  private checkRadioItems(group: string, value: string) {
    for (const item of this.renderRoot.querySelectorAll<HTMLElement & { value: string; checked: boolean }>(
      `wa-dropdown-item[value^="${group}:"]`,
    ))
      item.checked = item.value === `${group}:${value}`;
  }

  private async tourDone() {
    this.touring = false;
    if (!this.account!.tourCompleted) {
      this.account = { ...this.account!, tourCompleted: true };
      await api('PATCH', '/account', { tourCompleted: true });
    }
  }

  /** The account menu's items: a page, the tour, signing out, or a theme or language (`theme:dark`, `language:de`). */
  private async handleUserMenuSelect(event: CustomEvent<{ item: HTMLElement & { value: string } }>) {
    const [kind, choice = ''] = event.detail.item.value.split(':');
    if (kind === 'tour') this.touring = true;
    else if (kind === 'sign-out') await this.signOut();
    else if (kind === 'theme') await this.chooseTheme(choice as ThemePreference);
    else if (kind === 'language') await this.chooseLanguage(choice);
  }

  /**
   * The menu's theme and language items are radio choices: Web Awesome's checkbox items (their checkmark and
   * aria-checked), announced as radio items (the item sets its role once, when first drawn).
   */
  private async markRadioItems(): Promise<void> {
    const items = [
      ...this.renderRoot.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>(
        'wa-dropdown-item[data-radio]',
      ),
    ];
    await Promise.all(items.map((item) => item.updateComplete));
    for (const item of items) item.setAttribute('role', 'menuitemradio');
  }

  private async signedIn(event: CustomEvent<{ message?: string }>) {
    if (event.detail.message) toast(event.detail.message);
    if (location.pathname === '/sign-in') this.navigate('/');
    await this.load();
  }

  private async switchTenant(event: Event) {
    const tenantId = (event.target as HTMLSelectElement).value;
    await api('PUT', '/account/tenant', { tenantId });
    await this.load();
    toast(t('toast.tenantSwitched', { tenant: this.tenants.find((x) => x.id === tenantId)?.name ?? '' }));
  }

  /** The server ended this tab's access: show the sign-in page (or what access is left). */
  private async accessEnded(): Promise<void> {
    await this.load();
    if (!this.account) toast(t('toast.accessEnded'), 'error');
  }

  private async signOut() {
    await api('POST', '/auth/logout');
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    this.stream.close();
    this.account = null;
    applyAccent(null);
    this.navigate('/');
    toast(t('toast.signedOut'));
  }
}
customElements.define('outpost-app', OutpostApp);
