// The session log as a table, shared by the device page's and a contact's panel.
import { formatDateTime, html, nothing, t, type TemplateResult } from '@outpost/ui-sdk';
import type { SessionView } from '../api-types.js';

export const kindLabels: Record<string, string> = {
  vnc: 'Web Connect',
  terminal: 'Terminal',
  files: 'Files',
  tcp: 'TCP',
};

/** `1 h 5 min`, `3 min`, `40 s`. */
export function duration(session: SessionView): string {
  if (!session.endedAt) return t('live');
  const seconds = Math.max(0, Math.round((Date.parse(session.endedAt) - Date.parse(session.startedAt)) / 1000));
  if (seconds < 60) return t('{n} s', { n: seconds });
  const minutes = Math.round(seconds / 60);
  return minutes < 60
    ? t('{n} min', { n: minutes })
    : t('{h} h {m} min', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** Started, [device], technician, kind, duration, [how it ended]. */
export function sessionTable(
  items: SessionView[],
  options: { label: string; device?: boolean; ended?: boolean },
): TemplateResult {
  return html`<table aria-label=${options.label}>
    <thead><tr>
      <th>${t('Started')}</th>${options.device ? html`<th>${t('Device')}</th>` : nothing}<th>${t('Technician')}</th>
      <th>${t('Kind')}</th><th>${t('Duration')}</th>${options.ended ? html`<th>${t('Ended')}</th>` : nothing}
    </tr></thead>
    <tbody>${items.map(
      (s) => html`<tr>
        <td data-label=${t('Started')}>${formatDateTime(s.startedAt)}</td>
        ${options.device ? html`<td data-label=${t('Device')}>${s.deviceName}</td>` : nothing}
        <td data-label=${t('Technician')}>${s.technician}</td>
        <td data-label=${t('Kind')}>${t(kindLabels[s.kind] ?? s.kind)}</td>
        <td data-label=${t('Duration')}>${duration(s)}</td>
        ${
          options.ended
            ? html`<td data-label=${t('Ended')}>${s.endReason ?? '—'}${s.endedBy ? html` (${s.endedBy})` : nothing}</td>`
            : nothing
        }
      </tr>`,
    )}</tbody>
  </table>`;
}
