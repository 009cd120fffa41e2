// The devices list's search and filters, sort and grouping.
import { html, t, type TemplateResult } from '@outpost/ui-sdk';
import { statusLabels } from '../shared.js';
import { type Grouping, groupings } from './grouping.js';

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

const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;

export function renderFilters(bar: FilterBar): TemplateResult {
  const { filters } = bar;
  return html`<div class="toolbar" role="search">
    <label>${t('Search')}<input type="search" .value=${filters.q} @input=${(e: Event) => bar.setFilter('q', value(e))} placeholder=${t('Device name')} /></label>
    <label
      >${t('Status')}<select @change=${(e: Event) => bar.setFilter('status', value(e))}>
        <option value="">${t('Any')}</option>
        ${Object.entries(statusLabels).map(([status, label]) => html`<option value=${status} ?selected=${filters.status === status}>${t(label)}</option>`)}
      </select></label
    >
    <label
      >${t('OS')}<select @change=${(e: Event) => bar.setFilter('os', value(e))}>
        <option value="">${t('Any')}</option>
        <option value="linux">Linux</option>
        <option value="windows">Windows</option>
        <option value="darwin">macOS</option>
      </select></label
    >
    <label>${t('Tag')}<input .value=${filters.tag} @change=${(e: Event) => bar.setFilter('tag', value(e).trim().toLowerCase())} /></label>
    <label
      >${t('Sort')}<select @change=${(e: Event) => bar.setFilter('sort', value(e))}>
        <option value="name">${t('Name')}</option>
        <option value="lastSeen">${t('Last connection')}</option>
        <option value="enrolled">${t('Sign-in date')}</option>
      </select></label
    >
    <label
      >${t('Order')}<select @change=${(e: Event) => bar.setFilter('order', value(e))}>
        <option value="asc">${t('Ascending')}</option>
        <option value="desc">${t('Descending')}</option>
      </select></label
    >
    <label
      >${t('Group by')}<select @change=${(e: Event) => bar.setGroupBy(value(e) as Grouping)}>
        ${Object.entries(groupings).map(([by, label]) => html`<option value=${by} ?selected=${bar.groupBy === by}>${t(label)}</option>`)}
      </select></label
    >
  </div>`;
}
