// The devices list's search and filters, sort and grouping.
import { html, t, type TemplateResult } from '@outpost/ui-sdk';
import { statusLabels } from '../shared.js';
import { type Grouping, groupingLabels } from './grouping.js';

export interface Filters {
  q: string;
  status: string;
  os: string;
  tag: string;
  sort: string;
  order: string;
}

export const defaultFilters: Filters = { q: '', status: '', os: '', tag: '', sort: 'name', order: 'asc' };

/** Whether the user changed the filters or the order from the defaults. */
export function filtering(filters: Filters): boolean {
  return Object.values(filters).some((v) => v && v !== 'name' && v !== 'asc');
}

export interface FilterBar {
  filters: Filters;
  groupBy: Grouping;
  setFilter(key: keyof Filters, value: string): void;
  setGroupBy(value: Grouping): void;
}

const value = (event: Event) => (event.target as HTMLInputElement).value;
/** A select's choice of no filter (an option's value cannot be empty). */
const any = 'any';
const anyToEmpty = (choice: string) => (choice === any ? '' : choice);

export function renderFilters(bar: FilterBar): TemplateResult {
  const { filters } = bar;
  return html`<div class="toolbar" role="search">
    <wa-input type="search" label=${t('Search')} size="small" with-clear .value=${filters.q} @input=${(e: Event) => bar.setFilter('q', value(e))} placeholder=${t('Device name')}><wa-icon slot="start" name="search"></wa-icon></wa-input>
    <wa-select label=${t('Status')} size="small" .value=${filters.status || any} @change=${(e: Event) => bar.setFilter('status', anyToEmpty(value(e)))}>
      <wa-option value=${any}>${t('Any')}</wa-option>
      ${Object.entries(statusLabels).map(([status, label]) => html`<wa-option value=${status}>${t(label)}</wa-option>`)}
    </wa-select>
    <wa-select label=${t('OS')} size="small" .value=${filters.os || any} @change=${(e: Event) => bar.setFilter('os', anyToEmpty(value(e)))}>
      <wa-option value=${any}>${t('Any')}</wa-option>
      <wa-option value="linux">Linux</wa-option>
      <wa-option value="windows">Windows</wa-option>
      <wa-option value="darwin">macOS</wa-option>
    </wa-select>
    <wa-input label=${t('Tag')} size="small" .value=${filters.tag} @change=${(e: Event) => bar.setFilter('tag', value(e).trim().toLowerCase())}></wa-input>
    <wa-select label=${t('Sort')} size="small" .value=${filters.sort} @change=${(e: Event) => bar.setFilter('sort', value(e))}>
      <wa-option value="name">${t('Name')}</wa-option>
      <wa-option value="lastSeen">${t('Last connection')}</wa-option>
      <wa-option value="enrolled">${t('Sign-in date')}</wa-option>
    </wa-select>
    <wa-select label=${t('Order')} size="small" .value=${filters.order} @change=${(e: Event) => bar.setFilter('order', value(e))}>
      <wa-option value="asc">${t('Ascending')}</wa-option>
      <wa-option value="desc">${t('Descending')}</wa-option>
    </wa-select>
    <wa-select label=${t('Group by')} size="small" .value=${bar.groupBy} @change=${(e: Event) => bar.setGroupBy(value(e) as Grouping)}>
      ${Object.entries(groupingLabels).map(([by, label]) => html`<wa-option value=${by}>${t(label)}</wa-option>`)}
    </wa-select>
  </div>`;
}
