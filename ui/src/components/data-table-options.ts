import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n.js';
import { preferences } from '../preferences.js';
import { formStyles } from '../styles.js';
import { toast } from './toasts.js';
import { loadComponents } from './wa.js';
import type { TableDensity, TableFilterSet } from '@outpost/ui-sdk';

/** A filter set the user named and saved. */
export interface SavedFilter extends TableFilterSet {
  name: string;
}

/** The view a user chose for one table, as kept on the server (`table.<key>`). */
export interface TableView {
  hidden: string[];
  density: TableDensity;
  saved: SavedFilter[];
}

const maxSaved = 20;
const emptyView: TableView = { hidden: [], density: 'comfortable', saved: [] };

const isText = (v: unknown): v is string => typeof v === 'string';

/** A stored value as a view: anything malformed gives the defaults for that part. */
function viewOf(value: unknown): TableView {
  const v = (value ?? {}) as Partial<Record<keyof TableView, unknown>>;
  const saved = Array.isArray(v.saved)
    ? v.saved.filter(
        (s): s is SavedFilter =>
          !!s && isText(s.name) && isText(s.search) && !!s.filters && typeof s.filters === 'object',
      )
    : [];
  return {
    hidden: Array.isArray(v.hidden) ? v.hidden.filter(isText) : [],
    density: v.density === 'compact' ? 'compact' : 'comfortable',
    saved: saved.map((s) => ({
      name: s.name,
      search: s.search,
      filters: Object.fromEntries(Object.entries(s.filters).filter((e): e is [string, string] => isText(e[1]))),
    })),
  };
}

/**
 * @summary A table's view options, remembered per user on the server: which columns show,
 * the density, and saved filters (a named search text and filters, applied with one click).
 * Used by `outpost-data-table` (its `preference-key`) and by lists that draw their own
 * table (devices, tickets).
 *
 * @event outpost-table-view - The columns or density changed (also once after loading): `detail` is `{ hidden, density }`.
 * @event outpost-table-filter - A saved filter was chosen: `detail` is the `TableFilterSet` to apply.
 */
export class OutpostTableOptions extends LitElement {
  static override properties = {
    key: {},
    label: {},
    columns: { attribute: false },
    current: { attribute: false },
    view: { state: true },
    open: { state: true },
  };

  /** The preference this table's view is kept under: `table.<key>` (dotted lower-case words, e.g. `devices`). */
  key = '';
  /** The table's name, for the button's and the panel's accessible names. */
  label = '';
  /** The columns the user may hide; `hideable: false` keeps one always shown. */
  columns: Array<{ key: string; label: string; hideable?: boolean }> = [];
  /** The list's filters now, which "Save" names. */
  current: TableFilterSet = { search: '', filters: {} };
  view: TableView = emptyView;
  /** Whether the panel shows: its controls are in the page only then. */
  open = false;
  private loadedKey = '';

  static override styles = [
    formStyles,
    css`
      :host { display: inline-block; }
      button { padding: 0.45rem 0.8rem; }
      [popover] { width: min(24rem, calc(100vw - 2rem)); max-height: calc(100vh - 4rem); overflow-y: auto; box-sizing: border-box; border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-xs) var(--wa-space-m) var(--wa-space-m); background: var(--wa-color-surface-raised); color: var(--wa-color-text-normal); box-shadow: var(--wa-shadow-l); }
      [popover]::backdrop { background: transparent; }
      fieldset { border: none; margin: 0.5rem 0 0; padding: 0; min-width: 0; }
      legend, wa-radio-group::part(form-control-label) { font-weight: var(--wa-font-weight-bold); font-size: var(--wa-font-size-s); }
      legend { padding: 0; margin-bottom: var(--wa-space-2xs); }
      fieldset wa-checkbox { display: flex; margin: var(--wa-space-2xs) 0; }
      wa-radio-group { margin-top: var(--wa-space-s); }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; }
      li { display: flex; gap: 0.4rem; align-items: center; }
      li .apply { flex: 1; min-width: 0; }
      li .apply::part(label) { overflow-wrap: anywhere; white-space: normal; text-align: start; }
      form { display: flex; flex-direction: column; align-items: flex-start; gap: var(--wa-space-xs); margin-top: var(--wa-space-xs); }
      form wa-input { margin: 0; width: 100%; }
      .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
      h2 { font-size: 1rem; margin: 0.5rem 0; }
    `,
  ];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('key') && this.key && this.key !== this.loadedKey) void this.load();
  }

  private async load(): Promise<void> {
    const key = this.key;
    this.loadedKey = key;
    try {
      const value = await preferences.get(`table.${key}`);
      if (key !== this.key) return;
      this.view = viewOf(value);
    } catch {
      this.view = emptyView;
    }
    this.announce();
  }

  private announce(): void {
    const { hidden, density } = this.view;
    this.dispatchEvent(new CustomEvent('outpost-table-view', { detail: { hidden, density } }));
  }

  private async save(view: TableView): Promise<void> {
    this.view = view;
    try {
      await preferences.set(`table.${this.key}`, view);
    } catch (error) {
      toast(t('Your view could not be saved: {message}', { message: (error as Error).message }), 'error');
    }
  }

  private async toggleColumn(key: string, shown: boolean): Promise<void> {
    const hidden = shown ? this.view.hidden.filter((k) => k !== key) : [...new Set([...this.view.hidden, key])];
    await this.save({ ...this.view, hidden });
    this.announce();
  }

  private async setDensity(density: TableDensity): Promise<void> {
    await this.save({ ...this.view, density });
    this.announce();
  }

  private async saveFilter(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name) return;
    const others = this.view.saved.filter((s) => s.name !== name);
    if (others.length >= maxSaved) {
      toast(t('You keep {count} saved filters here; delete one first.', { count: maxSaved }), 'error');
      return;
    }
    const filters = Object.fromEntries(Object.entries(this.current.filters).filter(([, v]) => v));
    await this.save({ ...this.view, saved: [...others, { name, search: this.current.search, filters }] });
    form.reset();
    toast(t('Filter “{name}” saved.', { name }));
  }

  private async toggled(event: ToggleEvent): Promise<void> {
    // The density choice is a wa-radio-group, a component the shell loads on demand.
    // Read before awaiting: a dispatched event in a shadow root has no target any more.
    const popover = event.target as HTMLElement;
    if (event.newState === 'open') await loadComponents('radio', 'radio-group');
    this.open = popover.matches(':popover-open');
  }

  private close(): void {
    this.renderRoot.querySelector<HTMLElement>('[popover]')?.hidePopover();
  }

  private apply(saved: SavedFilter): void {
    this.renderRoot.querySelector<HTMLElement>('[popover]')?.hidePopover();
    this.dispatchEvent(
      new CustomEvent('outpost-table-filter', { detail: { search: saved.search, filters: { ...saved.filters } } }),
    );
  }

  private async deleteSaved(saved: SavedFilter): Promise<void> {
    await this.save({ ...this.view, saved: this.view.saved.filter((s) => s !== saved) });
  }

  override render() {
    return html`<button popovertarget="options" aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'} data-testid="table-options">${t('View options')}</button>
      <div id="options" popover role="dialog" aria-label=${t('View options: {table}', { table: this.label })} @toggle=${this.toggled}>
        ${this.open ? this.renderPanel() : nothing}
      </div>`;
  }

  private renderPanel() {
    const { hidden, density, saved } = this.view;
    const shownCount = this.columns.filter((c) => !hidden.includes(c.key)).length;
    return html`<div class="head">
          <h2>${t('View options')}</h2>
          <wa-button size="small" appearance="plain" @click=${this.close}>${t('Close')}</wa-button>
        </div>
        <fieldset>
          <legend>${t('Columns')}</legend>
          ${this.columns.map((c) => {
            const shown = !hidden.includes(c.key);
            const locked = c.hideable === false || (shown && shownCount <= 1);
            return html`<wa-checkbox .checked=${shown} ?disabled=${locked} @change=${(e: Event) => this.toggleColumn(c.key, (e.target as HTMLInputElement).checked)}
              >${c.label}</wa-checkbox
            >`;
          })}
        </fieldset>
        <wa-radio-group label=${t('Density')} name="density" .value=${density} @change=${(e: Event) => this.setDensity((e.target as HTMLInputElement).value === 'compact' ? 'compact' : 'comfortable')}>
          <wa-radio value="comfortable">${t('Comfortable')}</wa-radio>
          <wa-radio value="compact">${t('Compact')}</wa-radio>
        </wa-radio-group>
        <fieldset>
          <legend>${t('Saved filters')}</legend>
          ${
            saved.length
              ? html`<ul>
                ${saved.map(
                  (s) => html`<li>
                    <wa-button class="apply" size="small" appearance="outlined" @click=${() => this.apply(s)}>${s.name}</wa-button>
                    <wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.deleteSaved(s)}
                      ><span class="sr-only">${t('Delete the saved filter {name}', { name: s.name })}</span><span aria-hidden="true">${t('Delete')}</span></wa-button
                    >
                  </li>`,
                )}
              </ul>`
              : html`<p class="hint">${t('None yet: filter the list, then save the filters here under a name.')}</p>`
          }
          <form @submit=${this.saveFilter}>
            <wa-input label=${t('Name for the current filters')} name="name" required maxlength="60" autocomplete="off"></wa-input>
            <wa-button type="submit" variant="brand">${t('Save filters')}</wa-button>
          </form>
        </fieldset>`;
  }
}
customElements.define('outpost-table-options', OutpostTableOptions);

declare global {
  interface HTMLElementTagNameMap {
    'outpost-table-options': OutpostTableOptions;
  }
}
