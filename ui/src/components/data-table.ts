import { t } from '../i18n.js';
import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { formStyles } from '../styles.js';
import './data-table-options.js';
import type { TableDensity, TableFilterSet, TableViewChange } from '@outpost/ui-sdk';

export interface Column<T> {
  key: keyof T & string;
  label: string;
  /** Cell content; the raw value when absent. */
  render?: (row: T) => TemplateResult | string;
  /** Text for search, sorting and CSV; the raw value when absent. */
  text?: (row: T) => string;
  sortable?: boolean;
  /** Offer a filter by this column's values above the table. */
  filter?: boolean;
  /** false: the column chooser cannot hide it (a table's name column). Columns without a label are never offered. */
  hideable?: boolean;
}

const pageSize = 25;

/**
 * The table every page uses: search, sort by column, paging, row selection with
 * bulk actions (a `bulk` slot; `selection-change` events), CSV export of the rows
 * and columns shown, and an empty state (an `empty` slot). Below 768 px rows become cards.
 * With `preference-key`, "View options" lets each user hide columns, pick a density and
 * save named filters (search and column filters), kept on the server per user and tenant.
 */
export class OutpostDataTable<T extends { id: string }> extends LitElement {
  static override properties = {
    columns: { attribute: false },
    rows: { attribute: false },
    selectable: { type: Boolean },
    filename: {},
    label: {},
    preferenceKey: { attribute: 'preference-key' },
    density: { reflect: true },
    hiddenColumns: { state: true },
    query: { state: true },
    sortKey: { state: true },
    sortDescending: { state: true },
    page: { state: true },
    selected: { state: true },
    filters: { state: true },
  };

  columns: Column<T>[] = [];
  rows: T[] = [];
  selectable = false;
  filename = 'export.csv';
  label = '';
  /** Remembers the user's columns, density and saved filters under `table.<preference-key>`; none without it. */
  preferenceKey = '';
  /** Row spacing; reflected, as the styles read it. */
  density: TableDensity = 'comfortable';
  /** Keys of the columns the user hid. */
  hiddenColumns: string[] = [];
  query = '';
  sortKey = '';
  sortDescending = false;
  page = 0;
  selected = new Set<string>();
  /** Column key → the value rows must have. */
  filters: Record<string, string> = {};

  static override styles = [
    formStyles,
    css`
      :host { display: block; }
      .toolbar { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.75rem; }
      .toolbar input[type='search'] { max-width: 18rem; }
      .grow { flex: 1; }
      table { width: 100%; border-collapse: collapse; background: var(--wa-color-surface-raised); color: var(--wa-color-text-normal); border-radius: var(--wa-border-radius-l); overflow: hidden; box-shadow: var(--wa-shadow-s); }
      th, td { text-align: left; padding: 0.6rem 0.75rem; border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border); vertical-align: top; }
      th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--wa-color-text-quiet); background: var(--wa-color-surface-lowered); }
      th button { all: unset; cursor: pointer; }
      th button:focus-visible { outline: var(--wa-focus-ring); }
      .check { width: 2rem; }
      :host([density='compact']) th, :host([density='compact']) td { padding: 0.25rem 0.5rem; }
      .pager { display: flex; gap: 0.5rem; align-items: center; justify-content: flex-end; margin-top: 0.75rem; font-size: 0.875rem; }
      .pager button { display: inline-flex; align-items: center; padding: var(--wa-space-2xs) var(--wa-space-xs); }
      .empty { background: var(--wa-color-surface-default); border: var(--wa-border-width-s) dashed var(--wa-color-neutral-border-loud); border-radius: 12px; padding: 2rem; text-align: center; color: var(--wa-color-text-quiet); }
      @media (max-width: 767px) {
        table, tbody, tr, td { display: block; }
        thead { display: none; }
        tr { margin-bottom: 0.75rem; border-radius: 8px; box-shadow: var(--wa-shadow-s); background: var(--wa-color-surface-raised); }
        td { border: none; padding: 0.35rem 0.75rem; }
        td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; color: var(--wa-color-text-quiet); }
      }
    `,
  ];

  override willUpdate(changed: Map<string, unknown>): void {
    // Rows that went away are no longer selected.
    if (changed.has('rows') && this.selected.size > 0) {
      const ids = new Set(this.rows.map((row) => row.id));
      const kept = new Set([...this.selected].filter((id) => ids.has(id)));
      if (kept.size !== this.selected.size) this.setSelection(kept);
    }
  }

  private textOf(row: T, column: Column<T>): string {
    return column.text ? column.text(row) : String(row[column.key] ?? '');
  }

  /** The columns shown: all but those the user hid. */
  get shownColumns(): Column<T>[] {
    return this.columns.filter((c) => !this.hiddenColumns.includes(c.key));
  }

  /** The rows after search and sort, before paging. */
  get visibleRows(): T[] {
    const needle = this.query.trim().toLowerCase();
    let rows = needle
      ? this.rows.filter((row) => this.columns.some((c) => this.textOf(row, c).toLowerCase().includes(needle)))
      : [...this.rows];
    for (const [key, value] of Object.entries(this.filters)) {
      const column = this.columns.find((c) => c.key === key);
      if (column && value) rows = rows.filter((row) => this.textOf(row, column) === value);
    }
    const column = this.columns.find((c) => c.key === this.sortKey);
    if (column) {
      rows = rows.sort((a, b) =>
        this.textOf(a, column).localeCompare(this.textOf(b, column), undefined, { numeric: true }),
      );
      if (this.sortDescending) rows.reverse();
    }
    return rows;
  }

  override render() {
    if (this.rows.length === 0)
      return html`<div class="empty" data-testid="empty-state"><slot name="empty"></slot></div>`;
    const rows = this.visibleRows;
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    const page = Math.min(this.page, pages - 1);
    const shown = rows.slice(page * pageSize, (page + 1) * pageSize);
    return html`<div class="toolbar">
        <input type="search" aria-label=${t('Search {table}', { table: this.label })} placeholder=${t('Search')} .value=${this.query} @input=${(e: Event) => ((this.query = (e.target as HTMLInputElement).value), (this.page = 0))} />
        ${this.columns
          .filter((c) => c.filter)
          .map(
            (
              c,
            ) => html`<select aria-label=${t('Filter by {column}', { column: c.label })} @change=${(e: Event) => this.setFilter(c.key, (e.target as HTMLSelectElement).value)}>
              <option value="" .selected=${!this.filters[c.key]}>${t('All: {column}', { column: c.label })}</option>
              ${[...new Set(this.rows.map((row) => this.textOf(row, c)))].sort().map((value) => html`<option .selected=${this.filters[c.key] === value}>${value}</option>`)}
            </select>`,
          )}
        ${this.selected.size > 0 ? html`<span>${t('{count} selected', { count: this.selected.size })}</span><slot name="bulk"></slot>` : nothing}
        <span class="grow"></span>
        ${this.preferenceKey ? this.renderViewOptions() : nothing}
        <button @click=${() => this.exportCsv(rows)}>${t('Export CSV')}</button>
      </div>
      <table aria-label=${this.label}>
        <thead>
          <tr>
            ${this.selectable ? html`<th class="check"><input type="checkbox" aria-label=${t('Select all')} .checked=${shown.length > 0 && shown.every((r) => this.selected.has(r.id))} @change=${(e: Event) => this.selectAll(shown, (e.target as HTMLInputElement).checked)} /></th>` : nothing}
            ${this.shownColumns.map((c) => {
              const sort = this.sortKey === c.key ? (this.sortDescending ? 'descending' : 'ascending') : 'none';
              return html`<th aria-sort=${sort}>${c.sortable === false ? c.label : html`<button @click=${() => this.sortBy(c.key)}>${c.label}${sort === 'ascending' ? ' ▲' : sort === 'descending' ? ' ▼' : ''}</button>`}</th>`;
            })}
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (row) => html`<tr data-testid="row">
              ${this.selectable ? html`<td class="check"><input type="checkbox" aria-label=${t('Select')} .checked=${this.selected.has(row.id)} @change=${(e: Event) => this.select(row.id, (e.target as HTMLInputElement).checked)} /></td>` : nothing}
              ${this.shownColumns.map((c) => html`<td data-label=${c.label || nothing}>${c.render ? c.render(row) : this.textOf(row, c)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        pages > 1
          ? html`<div class="pager">
            <button id="previous-page" aria-labelledby="previous-page" aria-label=${t('Previous')} ?disabled=${page === 0} @click=${() => (this.page = page - 1)}><wa-icon name="chevron-left"></wa-icon></button>
            <wa-tooltip for="previous-page">${t('Previous')}</wa-tooltip>
            <span>${t('Page {page} of {pages}', { page: page + 1, pages })}</span>
            <button id="next-page" aria-labelledby="next-page" aria-label=${t('Next')} ?disabled=${page >= pages - 1} @click=${() => (this.page = page + 1)}><wa-icon name="chevron-right"></wa-icon></button>
            <wa-tooltip for="next-page">${t('Next')}</wa-tooltip>
          </div>`
          : nothing
      }`;
  }

  private renderViewOptions() {
    const current: TableFilterSet = { search: this.query, filters: this.filters };
    return html`<outpost-table-options
      key=${this.preferenceKey}
      label=${this.label}
      .columns=${this.columns.filter((c) => c.label).map((c) => ({ key: c.key, label: c.label, hideable: c.hideable }))}
      .current=${current}
      @outpost-table-view=${(e: CustomEvent<TableViewChange>) => ((this.hiddenColumns = e.detail.hidden), (this.density = e.detail.density))}
      @outpost-table-filter=${(e: CustomEvent<TableFilterSet>) => ((this.query = e.detail.search), (this.filters = e.detail.filters), (this.page = 0))}
    ></outpost-table-options>`;
  }

  private setFilter(key: string, value: string) {
    this.filters = { ...this.filters, [key]: value };
    this.page = 0;
  }

  private sortBy(key: string) {
    this.sortDescending = this.sortKey === key ? !this.sortDescending : false;
    this.sortKey = key;
  }

  private select(id: string, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.setSelection(next);
  }

  private selectAll(rows: T[], on: boolean) {
    const next = new Set(this.selected);
    for (const row of rows) {
      if (on) next.add(row.id);
      else next.delete(row.id);
    }
    this.setSelection(next);
  }

  private setSelection(next: Set<string>) {
    this.selected = next;
    this.dispatchEvent(new CustomEvent('selection-change', { detail: [...next] }));
  }

  private exportCsv(rows: T[]) {
    const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const columns = this.shownColumns;
    const lines = [
      columns.map((c) => quote(c.label)),
      ...rows.map((row) => columns.map((c) => quote(this.textOf(row, c)))),
    ];
    const blob = new Blob([lines.map((l) => l.join(',')).join('\r\n') + '\r\n'], { type: 'text/csv' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = this.filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
customElements.define('outpost-data-table', OutpostDataTable);
