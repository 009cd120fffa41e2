import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import {
  type PaletteItem,
  type PaletteRun,
  allowed,
  loadPaletteModules,
  matchScore,
  matchingActions,
  paletteProviders,
} from './command-palette-registry.js';

/** A page the palette offers: every menu entry and settings tab the user may open. */
export interface PalettePage {
  label: string;
  path: string;
  icon?: string;
  /** Where it sits ("Devices" for a group of devices), shown after the label. */
  detail?: string;
}

interface Group {
  name: string;
  items: PaletteItem[];
}

/** Items per provider group, so one broad search does not push the others out of view. */
const perGroup = 8;
const debounceMs = 150;

/** The element focused deepest in shadow roots, to give focus back on close. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * @summary The command palette (Ctrl/Cmd+K), a `<wa-dialog>`: finds devices, tickets, contacts, pages and
 * actions. Results come from the providers plugins register (`registerPaletteProvider`,
 * loaded from their `palette.js` when the palette first opens) and from `pages`, grouped,
 * permission-filtered; stale searches are aborted. ARIA combobox with a grouped listbox:
 * arrows, Home/End, Enter, Escape; focus goes back where it was.
 *
 * @event outpost-palette-close - The palette closed.
 */
export class OutpostCommandPalette extends LitElement {
  static override properties = {
    pages: { attribute: false },
    query: { state: true },
    groups: { state: true },
    active: { state: true },
    searching: { state: true },
    outcome: { state: true },
    failed: { state: true },
  };

  /** The pages the user may open (the shell's menu, its sub-entries and settings tabs). */
  pages: PalettePage[] = [];
  query = '';
  groups: Group[] = [];
  /** Index of the highlighted option in the flat list of options. */
  active = -1;
  searching = false;
  /** What a finished action shows (an invite's code) instead of the results. */
  outcome: TemplateResult | HTMLElement | null = null;
  failed = '';
  private returnFocus: HTMLElement | null = null;
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searchId = 0;
  /** The user moved the highlight since typing: arriving results keep it on their item, else the first is highlighted. */
  private moved = false;

  static override styles = css`
    wa-dialog { --width: min(40rem, calc(100vw - 1.5rem)); --spacing: 0; }
    wa-dialog::part(dialog) { max-height: min(44rem, calc(92vh - 2rem)); margin-block-start: 8vh; }
    wa-dialog::part(body) { display: flex; flex-direction: column; overflow: hidden; padding: 0; }
    .search { display: flex; align-items: center; gap: var(--wa-space-xs); padding: var(--wa-space-s) var(--wa-space-m); border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border); }
    .search .icon { flex: none; width: 1.2rem; height: 1.2rem; color: var(--wa-color-text-quiet); }
    input { flex: 1; min-width: 0; border: none; outline: none; font: inherit; font-size: var(--wa-font-size-l); padding: var(--wa-space-2xs) 0; background: transparent; color: inherit; }
    .results { overflow-y: auto; padding: var(--wa-space-2xs); flex: 1; }
    .heading { font-size: var(--wa-font-size-2xs); text-transform: uppercase; letter-spacing: 0.05em; color: var(--wa-color-text-quiet); padding: var(--wa-space-s) var(--wa-space-s) var(--wa-space-3xs); margin: 0; }
    [role='option'] { display: flex; align-items: center; gap: var(--wa-space-s); padding: var(--wa-space-xs) var(--wa-space-s); border-radius: var(--wa-border-radius-m); cursor: pointer; min-width: 0; }
    [role='option'] .icon { flex: none; width: 1.1rem; height: 1.1rem; }
    [role='option'] .text { display: flex; flex-wrap: wrap; gap: 0 var(--wa-space-s); min-width: 0; align-items: baseline; }
    [role='option'] .label { overflow-wrap: anywhere; }
    [role='option'] .detail { font-size: var(--wa-font-size-s); color: var(--wa-color-text-quiet); overflow-wrap: anywhere; }
    [role='option'][aria-selected='true'] { background: var(--wa-color-brand-fill-quiet); color: var(--wa-color-brand-on-quiet); outline: var(--wa-border-width-m) solid var(--wa-color-focus); outline-offset: calc(-1 * var(--wa-border-width-m)); }
    [role='option'][aria-selected='true'] .detail { color: inherit; }
    .status { font-size: var(--wa-font-size-s); color: var(--wa-color-text-quiet); padding: var(--wa-space-xs) var(--wa-space-m); border-top: var(--wa-border-width-s) solid var(--wa-color-surface-border); margin: 0; }
    .status.error { color: var(--wa-color-danger-on-quiet); }
    .status:empty { border: none; padding: 0; }
    .outcome { padding: var(--wa-space-m); overflow-y: auto; }
    .outcome:focus { outline: none; }
    .back { margin-top: var(--wa-space-m); }
    kbd { font: inherit; font-size: var(--wa-font-size-2xs); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-s); padding: 0 var(--wa-space-2xs); }
  `;

  /** Opens the palette, empty, with focus in its search field. */
  async show(): Promise<void> {
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    this.returnFocus = deepActiveElement();
    this.moved = false;
    this.query = '';
    this.outcome = null;
    this.failed = '';
    this.groups = this.localGroups('');
    this.active = this.groups.length ? 0 : -1;
    await this.updateComplete;
    dialog.open = true;
    await dialog.updateComplete;
    this.input?.focus();
    // Providers come from the plugins' palette modules: loaded now, their actions listed when they arrive.
    await loadPaletteModules();
    if (!this.query.trim() && !this.outcome) {
      this.groups = this.localGroups('');
      this.active = this.groups.length ? 0 : -1;
    }
  }

  /** Closes the palette (Escape and a click outside close it too); focus goes back to where it was. */
  close(): void {
    this.stopSearching();
    const dialog = this.dialog;
    if (dialog?.open) dialog.open = false;
  }

  private stopSearching(): void {
    this.controller?.abort();
    this.searchId += 1;
    clearTimeout(this.timer);
    this.searching = false;
  }

  /** The dialog closed, however it was closed. */
  private handleAfterHide(event: Event): void {
    if (event.target !== this.dialog) return;
    this.stopSearching();
    const back = this.returnFocus;
    this.returnFocus = null;
    // After the dialog's own attempt (it gives focus to the shadow host that held it).
    if (back) setTimeout(() => back.isConnected && back.focus());
    this.dispatchEvent(new CustomEvent('outpost-palette-close', { bubbles: true, composed: true }));
  }

  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  private get dialog(): (HTMLElement & { open: boolean; updateComplete: Promise<boolean> }) | null {
    return this.renderRoot?.querySelector('wa-dialog') ?? null;
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot?.querySelector('input') ?? null;
  }

  private get options(): PaletteItem[] {
    return this.groups.flatMap((group) => group.items);
  }

  /** The fixed actions and the pages matching the query, best first; all of them for an empty query. */
  private localGroups(query: string): Group[] {
    const actions = matchingActions(query).slice(0, query ? perGroup : undefined);
    return [...(actions.length ? [{ name: t('Actions'), items: actions }] : []), ...this.pageGroups(query)];
  }

  private pageGroups(query: string): Group[] {
    const pages = query
      ? this.pages
          .map((page) => ({
            page,
            score: Math.max(matchScore(page.label, query), matchScore(page.detail ?? '', query) - 1),
          }))
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score)
          .map((x) => x.page)
      : this.pages;
    const items = pages.map((page): PaletteItem => ({
      id: `page:${page.path}`,
      group: t('Pages'),
      label: page.label,
      detail: page.detail,
      icon: page.icon,
      href: page.path,
    }));
    return items.length ? [{ name: t('Pages'), items: items.slice(0, query ? perGroup : items.length) }] : [];
  }

  private handleInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.outcome = null;
    this.failed = '';
    clearTimeout(this.timer);
    this.controller?.abort();
    this.searchId += 1;
    this.moved = false;
    const query = this.query.trim();
    this.groups = this.localGroups(query);
    this.active = this.groups.length ? 0 : -1;
    if (!query) {
      this.searching = false;
      return;
    }
    this.searching = true;
    this.timer = setTimeout(() => void this.search(query), debounceMs);
  }

  /** Asks every provider at once; groups appear as their answers arrive, pages last. */
  private async search(query: string): Promise<void> {
    const id = this.searchId;
    await loadPaletteModules();
    if (id !== this.searchId) return;
    const controller = new AbortController();
    this.controller = controller;
    const providers = paletteProviders().filter((provider) => provider.search);
    const answers = new Map<string, PaletteItem[]>();
    const publish = () => {
      if (id !== this.searchId || controller.signal.aborted) return;
      const byGroup = new Map<string, PaletteItem[]>();
      for (const provider of providers) {
        for (const item of (answers.get(provider.id) ?? []).filter(allowed)) {
          const list = byGroup.get(item.group) ?? [];
          if (list.length < perGroup) byGroup.set(item.group, [...list, item]);
        }
      }
      const previous = this.options[this.active]?.id;
      this.groups = [...[...byGroup].map(([name, items]) => ({ name, items })), ...this.localGroups(query)];
      const kept = this.moved ? this.options.findIndex((item) => item.id === previous) : -1;
      this.active = kept >= 0 ? kept : this.options.length ? 0 : -1;
    };
    await Promise.allSettled(
      providers.map(async (provider) => {
        try {
          answers.set(provider.id, await provider.search!(query, controller.signal));
          publish();
        } catch {
          // An aborted or failed provider leaves its group out; the others still answer.
        }
      }),
    );
    if (id === this.searchId && !controller.signal.aborted) this.searching = false;
  }

  private handleKeydown(event: KeyboardEvent): void {
    const count = this.options.length;
    // Escape: the dialog closes itself.
    if (this.outcome || count === 0) return;
    const moves: Record<string, number> = {
      ArrowDown: (this.active + 1) % count,
      ArrowUp: (this.active - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.moved = true;
      this.active = moves[event.key]!;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }),
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = this.options[this.active];
      if (item) void this.activate(item);
    }
  }

  /** Opens an item's page or runs its action; an action may leave an outcome on show. */
  private async activate(item: PaletteItem): Promise<void> {
    const navigate = (path: string) => {
      this.close();
      history.pushState(null, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    };
    if (item.href) {
      navigate(item.href);
      return;
    }
    if (!item.run) return;
    let shown = false;
    const run: PaletteRun = {
      show: (content) => {
        shown = true;
        this.outcome = content;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus());
      },
      navigate: (path) => {
        shown = true;
        navigate(path);
      },
      close: () => {
        shown = true;
        this.close();
      },
    };
    try {
      await item.run(run);
      if (!shown) this.close();
    } catch (error) {
      this.failed = t('“{action}” failed: {message}', {
        action: item.label,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  override render() {
    const options = this.options;
    const activeId = this.active >= 0 ? `option-${this.active}` : '';
    let index = 0;
    return html`<wa-dialog label=${t('Search and commands')} without-header light-dismiss @wa-after-hide=${this.handleAfterHide} @keydown=${this.handleKeydown}>
      <div class="search">
        ${icon('search')}
        <input
          role="combobox"
          aria-label=${t('Search devices, tickets, contacts, pages and actions')}
          placeholder=${t('Search devices, tickets, contacts, pages and actions')}
          aria-expanded=${options.length > 0 && !this.outcome ? 'true' : 'false'}
          aria-controls="palette-results"
          aria-autocomplete="list"
          aria-activedescendant=${this.outcome ? '' : activeId}
          autocomplete="off"
          autofocus
          spellcheck="false"
          .value=${this.query}
          @input=${this.handleInput}
        />
        <kbd aria-hidden="true">Esc</kbd>
      </div>
      ${
        this.outcome
          ? html`<div class="outcome" tabindex="-1" role="region" aria-label=${t('Result')}>
            ${this.outcome}
            <wa-button class="back" size="small" appearance="outlined" @click=${() => ((this.outcome = null), this.input?.focus())}>${t('Back to the results')}</wa-button>
          </div>`
          : html`<div class="results" id="palette-results" role="listbox" aria-label=${t('Results')}>
            ${this.groups.map(
              (group, g) => html`<div role="group" aria-labelledby="palette-group-${g}">
                <p class="heading" id="palette-group-${g}" role="presentation">${group.name}</p>
                ${group.items.map((item) => this.renderOption(item, index++))}
              </div>`,
            )}
          </div>`
      }
      <p class="status ${this.failed ? 'error' : ''}" role=${this.failed ? 'alert' : 'status'}>${this.statusText(options.length)}</p>
    </wa-dialog>`;
  }

  private renderOption(item: PaletteItem, index: number) {
    return html`<div
      role="option"
      id="option-${index}"
      aria-selected=${index === this.active ? 'true' : 'false'}
      data-item=${item.id}
      @click=${() => void this.activate(item)}
      @mousemove=${() => this.active !== index && ((this.active = index), (this.moved = true))}
    >
      ${item.icon ? icon(item.icon) : nothing}
      <span class="text"><span class="label">${item.label}</span>${item.detail ? html`<span class="detail">${item.detail}</span>` : nothing}</span>
    </div>`;
  }

  private statusText(count: number): string {
    if (this.failed) return this.failed;
    if (this.outcome) return '';
    if (this.searching && count === 0) return t('Searching…');
    if (!this.query.trim())
      return t('Type a device name, ID or IP address, a ticket number, a contact, a page or an action.');
    if (count === 0) return t('Nothing found for “{query}”.', { query: this.query.trim() });
    return t('{count, plural, one {# result} other {# results}}', { count });
  }
}
customElements.define('outpost-command-palette', OutpostCommandPalette);

declare global {
  interface HTMLElementTagNameMap {
    'outpost-command-palette': OutpostCommandPalette;
  }
}
