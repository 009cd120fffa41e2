// The devices list as tiles: each device's latest screenshot, name and status.
import { formatDateTime, html, nothing, t, type TemplateResult } from '@outpost/ui-sdk';
import type { DeviceSummary } from '../api-types.js';
import { deviceLink, statusLabels } from '../shared.js';

export function renderTiles(devices: DeviceSummary[]): TemplateResult {
  return html`<ul class="tiles" aria-label=${t('Devices')}>
    ${devices.map(
      (d) => html`<li class="tile" data-device=${d.id}>
        <a href=${deviceLink(d)}>${renderShot(d)}</a>
        <div class="body">
          <a href=${deviceLink(d)}>${d.name}</a> ${d.shared ? html`<wa-icon name="users" label=${t('Shared with you')}></wa-icon>` : nothing}
          <div><span class="status ${d.status}">${t(statusLabels[d.status])}</span> <span class="muted">${formatDateTime(d.lastSeenAt)}</span></div>
        </div>
      </li>`,
    )}
  </ul>`;
}

function renderShot(d: DeviceSummary): TemplateResult {
  if (d.hasScreenshot)
    return html`<img src=${`/api/v1/devices/${d.id}/screenshot?t=${encodeURIComponent(d.screenshotAt ?? '')}`} alt=${t('Screen of {name}', { name: d.name })} loading="lazy" />`;
  const waiting = d.status === 'online' || d.status === 'not-installed';
  return html`<div class="shot">${waiting ? html`<wa-spinner></wa-spinner>` : html`<wa-icon name="monitor-off"></wa-icon>`} ${waiting ? t('Waiting for a screenshot…') : t('No screenshot')}</div>`;
}
