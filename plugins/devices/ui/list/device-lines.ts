// The devices list as table lines (cards on a phone): favorite, selection, name, status, group, tags, OS,
// last seen, location, then the row's actions (what other plugins add at `devices.row.actions`, Web Connect
// first, and a menu of the others); in Trash, when deleted and Restore / Delete for good.
import { can, formatDateTime, html, nothing, repeat, t, type TemplateResult } from '@outpost/ui-sdk';
import type { DeviceActionsContext, DeviceRowAction, DeviceSummary, Group } from '../api-types.js';
import '../groups/group-picker.js';
import { deviceLink, navigate, statusLabels } from '../shared.js';

export interface DeviceLines {
  trash: boolean;
  /** Columns the user hid (View options), by key of `deviceColumns()`. */
  hiddenColumns: ReadonlySet<string>;
  /** Row spacing the user chose. */
  density: 'comfortable' | 'compact';
  groups: Group[];
  selected: ReadonlySet<string>;
  toggle(id: string, on: boolean): void;
  favorite(device: DeviceSummary): Promise<void>;
  restore(device: DeviceSummary): Promise<void>;
  deleteForGood(device: DeviceSummary): Promise<void>;
  moveToTrash(device: DeviceSummary): Promise<void>;
  reload(): Promise<void>;
}

/** The columns of the lines, for the column chooser (the name always shows). */
export function deviceColumns(): Array<{ key: string; label: string; hideable?: boolean }> {
  return [
    { key: 'name', label: t('Name'), hideable: false },
    { key: 'status', label: t('Status') },
    { key: 'group', label: t('Group') },
    { key: 'tags', label: t('Tags') },
    { key: 'os', label: t('OS') },
    { key: 'lastSeen', label: t('Last seen') },
    { key: 'location', label: t('Location') },
  ];
}

/** A cell (or header) of a column the user may hide: nothing when hidden. */
const shown = (lines: DeviceLines, key: string, cell: () => TemplateResult) =>
  lines.hiddenColumns.has(key) ? nothing : cell();

export function renderLines(lines: DeviceLines, devices: DeviceSummary[]): TemplateResult {
  const { trash } = lines;
  return html`<table aria-label=${t('Devices')} class=${lines.density}>
    <thead>
      <tr>
        ${trash ? nothing : html`<th><wa-icon name="star"></wa-icon></th>`}
        ${trash || !can('device.manage') ? nothing : html`<th><span class="sr-only">${t('Select')}</span></th>`}
        <th>${t('Name')}</th>
        ${shown(lines, 'status', () => html`<th>${t('Status')}</th>`)}
        ${shown(lines, 'group', () => html`<th>${t('Group')}</th>`)}
        ${shown(lines, 'tags', () => html`<th>${t('Tags')}</th>`)}
        ${shown(lines, 'os', () => html`<th>${t('OS')}</th>`)}
        ${shown(lines, 'lastSeen', () => html`<th>${trash ? t('Deleted') : t('Last seen')}</th>`)}
        ${shown(lines, 'location', () => html`<th>${t('Location')}</th>`)}
        <th>${t('Actions')}</th>
      </tr>
    </thead>
    <tbody>
      ${repeat(
        devices,
        (d) => d.id,
        (d) => renderLine(lines, d),
      )}
    </tbody>
  </table>`;
}

function renderLine(lines: DeviceLines, d: DeviceSummary): TemplateResult {
  const { trash } = lines;
  return html`<tr data-device=${d.id} @click=${trash ? nothing : tapCard}>
    ${trash ? nothing : renderPick(lines, d)}
    <td data-label=${t('Name')}>
      ${trash ? d.name : html`<a href=${deviceLink(d)}>${d.name}</a>`}
      ${d.shared ? html`<wa-icon name="users" label=${t('Shared with you')}></wa-icon>` : nothing}
      <div class="muted">${d.shortId}</div>
    </td>
    ${shown(lines, 'status', () => html`<td data-label=${t('Status')}><span class="status ${d.status}" data-testid="status">${t(statusLabels[d.status])}</span></td>`)}
    ${shown(
      lines,
      'group',
      () => html`<td data-label=${t('Group')}>
        ${
          trash || !can('device.manage')
            ? (d.groupName ?? '—')
            : html`<devices-group-picker .device=${d} .groups=${lines.groups} @outpost-device-moved=${() => lines.reload()}></devices-group-picker>`
        }
      </td>`,
    )}
    ${shown(lines, 'tags', () => html`<td data-label=${t('Tags')}>${d.tags.map((tag) => html`<wa-tag size="small" pill>${tag}</wa-tag>`)}</td>`)}
    ${shown(lines, 'os', () => html`<td data-label=${t('OS')}>${d.osName || d.os} ${d.osVersion}</td>`)}
    ${shown(lines, 'lastSeen', () => html`<td data-label=${trash ? t('Deleted') : t('Last seen')}>${formatDateTime(trash ? d.deletedAt : d.lastSeenAt)}</td>`)}
    ${shown(lines, 'location', () => html`<td data-label=${t('Location')}>${[d.city, d.country].filter(Boolean).join(', ') || d.ip || '—'}</td>`)}
    ${trash ? html`<td>${can('device.manage') ? renderTrashActions(lines, d) : '—'}</td>` : html`<td class="row-actions">${renderRowActions(lines, d)}</td>`}
  </tr>`;
}

/** One context object per device object, so the actions' elements do not start again on every render. */
const contexts = new WeakMap<DeviceSummary, DeviceActionsContext>();
function actionsContext(device: DeviceSummary): DeviceActionsContext {
  let context = contexts.get(device);
  if (!context) contexts.set(device, (context = { device }));
  return context;
}

/** What other plugins add for one device (Web Connect, Wake), then the row's own actions in a menu. */
function renderRowActions(lines: DeviceLines, d: DeviceSummary): TemplateResult {
  const select = (event: CustomEvent<{ item: { value: string } }>) => {
    const action = event.detail.item.value;
    if (action === 'open') navigate(deviceLink(d));
    if (action === 'notes') navigate(`${deviceLink(d)}#notes`);
    if (action === 'trash') void lines.moveToTrash(d);
  };
  return html`<span class="actions">
    <outpost-extensions point="devices.row.actions" .context=${actionsContext(d)}></outpost-extensions>
    <wa-dropdown placement="bottom-end" @wa-select=${select}>
      <wa-button slot="trigger" size="small" appearance="plain" data-testid="row-menu"><wa-icon name="ellipsis-vertical" label=${t('More actions for {name}', { name: d.name })}></wa-icon></wa-button>
      <wa-dropdown-item value="open"><wa-icon slot="icon" name="monitor"></wa-icon>${t('Open details')}</wa-dropdown-item>
      <wa-dropdown-item value="notes"><wa-icon slot="icon" name="notebook-pen"></wa-icon>${t('Notes')}</wa-dropdown-item>
      ${can('device.manage') ? html`<wa-dropdown-item value="trash" variant="danger"><wa-icon slot="icon" name="trash-2"></wa-icon>${t('Move to Trash')}</wa-dropdown-item>` : nothing}
    </wa-dropdown>
  </span>`;
}

/** Phones show the lines as cards: a tap on a card (not on a link or button in it) connects, as the row's actions offer. */
function tapCard(event: MouseEvent): void {
  if (!matchMedia('(max-width: 640px)').matches) return;
  const row = event.currentTarget as HTMLElement;
  const path = event.composedPath();
  const interactive = path
    .slice(0, path.indexOf(row))
    .some(
      (node) =>
        node instanceof HTMLElement &&
        /^(a|button|input|label|select|textarea|wa-.*|devices-.*)$/i.test(node.localName),
    );
  if (interactive) return;
  const extensions = row.querySelector<HTMLElement & { elements?: DeviceRowAction[] }>(
    'outpost-extensions[point="devices.row.actions"]',
  );
  if ((extensions?.elements ?? []).some((element) => element.tap?.() === true)) return;
  const id = row.dataset.device;
  if (id) navigate(deviceLink({ id }));
}

/** The favorite star, and the selection checkbox for those who may change devices. */
function renderPick(lines: DeviceLines, d: DeviceSummary): TemplateResult {
  const star = d.favorite
    ? t('Remove {name} from favorites', { name: d.name })
    : t('Add {name} to favorites', { name: d.name });
  return html`<td>
      <wa-button class="star" appearance="plain" size="small" data-favorite=${d.favorite} @click=${() => lines.favorite(d)}><wa-icon name="star" label=${star}></wa-icon></wa-button>
    </td>
    ${
      can('device.manage')
        ? html`<td><wa-checkbox .checked=${lines.selected.has(d.id)} @change=${(e: Event) => lines.toggle(d.id, (e.target as HTMLInputElement).checked)}><span class="sr-only">${t('Select {name}', { name: d.name })}</span></wa-checkbox></td>`
        : nothing
    }`;
}

function renderTrashActions(lines: DeviceLines, d: DeviceSummary): TemplateResult {
  return html`<span class="actions"><wa-button size="small" appearance="outlined" @click=${() => lines.restore(d)}><wa-icon slot="start" name="undo-2"></wa-icon>${t('Restore')}</wa-button>
    <wa-button size="small" variant="danger" appearance="outlined" @click=${() => lines.deleteForGood(d)}><wa-icon slot="start" name="trash-2"></wa-icon>${t('Delete for good')}</wa-button></span>`;
}
