// The bar that acts on the selected devices: move to a group, add or remove a tag, move to Trash.
import { html, t, type TemplateResult } from '@outpost/ui-sdk';
import type { Group } from '../api-types.js';

export type BulkRequest =
  { action: 'move'; groupId: string | null } | { action: 'addTag' | 'removeTag'; tag: string } | { action: 'trash' };

export interface BulkBar {
  selected: ReadonlySet<string>;
  groups: Group[];
  bulk(request: BulkRequest): Promise<void>;
  /** Adds or removes the tag typed in the bar's #bulk-tag field. */
  bulkTag(action: 'addTag' | 'removeTag'): Promise<void>;
}

export function renderBulkBar(bar: BulkBar): TemplateResult {
  const move = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value) void bar.bulk({ action: 'move', groupId: value === 'none' ? null : value });
  };
  return html`<div class="bulk" role="region" aria-label=${t('Bulk actions')}>
    <strong>${t('{count} selected', { count: bar.selected.size })}</strong>
    <wa-select label=${t('Move to group')} placeholder="…" size="small" @change=${move}>
      <wa-option value="none">${t('No group')}</wa-option>
      ${bar.groups.map((g) => html`<wa-option value=${g.id}>${g.name}</wa-option>`)}
    </wa-select>
    <wa-input id="bulk-tag" label=${t('Tag')} size="small" maxlength="64" pattern="[a-z0-9_:\\-]+"></wa-input>
    <wa-button size="small" appearance="outlined" @click=${() => bar.bulkTag('addTag')}>${t('Add tag')}</wa-button>
    <wa-button size="small" appearance="outlined" @click=${() => bar.bulkTag('removeTag')}>${t('Remove tag')}</wa-button>
    <wa-button size="small" variant="danger" @click=${() => bar.bulk({ action: 'trash' })}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Delete')}</wa-button>
  </div>`;
}
