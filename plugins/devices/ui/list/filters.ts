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

/** An option, selected when it is the current value (a saved filter sets them all). */
const choice = (value: string, label: string, current: string) =>
  html`<option value=${value} .selected=${value === current}>${label}</option>`;

const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;

export function renderFilters(bar: FilterBar): TemplateResult {
  const { filters } = bar;
  return html`<div class="toolbar" role="search">
    <label>${t('Search')}<input type="search" .value=${filters.q} @input=${(e: Event) => bar.setFilter('q', value(e))} placeholder=${t('Device name')} /></label>
    <label
      >${t('Status')}<select @change=${(e: Event) => bar.setFilter('status', value(e))}>
        ${choice('', t('Any'), filters.status)}
        ${Object.entries(statusLabels).map(([status, label]) => choice(status, t(label), filters.status))}
      </select></label
    >
    <label
      >${t('OS')}<select @change=${(e: Event) => bar.setFilter('os', value(e))}>
        ${choice('', t('Any'), filters.os)}
        ${choice('linux', 'Linux', filters.os)} ${choice('windows', 'Windows', filters.os)} ${choice('darwin', 'macOS', filters.os)}
      </select></label
    >
    <label>${t('Tag')}<input .value=${filters.tag} @change=${(e: Event) => bar.setFilter('tag', value(e).trim().toLowerCase())} /></label>
    <label
      >${t('Sort')}<select @change=${(e: Event) => bar.setFilter('sort', value(e))}>
        ${choice('name', t('Name'), filters.sort)} ${choice('lastSeen', t('Last connection'), filters.sort)}
        ${choice('enrolled', t('Sign-in date'), filters.sort)}
      </select></label
    >
    <label
      >${t('Order')}<select @change=${(e: Event) => bar.setFilter('order', value(e))}>
        ${choice('asc', t('Ascending'), filters.order)} ${choice('desc', t('Descending'), filters.order)}
      </select></label
    >
    <label
      >${t('Group by')}<select @change=${(e: Event) => bar.setGroupBy(value(e) as Grouping)}>
        ${Object.entries(groupings).map(([by, label]) => html`<option value=${by} ?selected=${bar.groupBy === by}>${t(label)}</option>`)}
      </select></label
    >
  </div>`;
}
