// The panels of a device's page that only show what the device is: general facts, the connection, the screen,
// the disks and the session log.
import { formatDateTime, html, nothing, t, type TemplateResult } from '@outpost/ui-sdk';
import type { DeviceDetails, SessionEntry } from '../api-types.js';
import { bytes, uptime } from '../shared.js';
import { type Info, list, record } from '../system-info.js';

const text = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

/** General facts; `group` is the device's group, as a picker for those who may move it. */
export function renderGeneral(d: DeviceDetails, group: unknown): TemplateResult {
  const facts = d.facts;
  const live = record(d.liveStatus);
  return html`<section class="panel" aria-labelledby="general">
    <h2 id="general">${t('General')}</h2>
    <dl>
      <dt>${t('Device ID')}</dt><dd>${d.shortId}</dd>
      <dt>${t('Hostname')}</dt><dd>${d.hostname}</dd>
      <dt>${t('Operating system')}</dt><dd data-testid="os">${d.osName || d.os} ${d.osVersion}</dd>
      <dt>${t('Group')}</dt><dd>${group}</dd>
      <dt>${t('CPU')}</dt><dd>${text(facts.cpu)}</dd>
      <dt>${t('Memory')}</dt><dd>${bytes(facts.memoryBytes)}${live.memoryUsedBytes ? html` <span class="muted">(${t('{used} in use', { used: bytes(live.memoryUsedBytes) })})</span>` : nothing}</dd>
      <dt>${t('Signed-in user')}</dt><dd>${text(live.user ?? facts.user)}</dd>
      <dt>${t('Agent')}</dt><dd>${d.agentVersion || '—'} ${d.service ? '' : html`<span class="muted">(${t('not running as a service')})</span>`}</dd>
      <dt>${t('Uptime')}</dt><dd>${uptime(live.uptimeSeconds)}</dd>
    </dl>
  </section>`;
}

export function renderConnection(d: DeviceDetails): TemplateResult {
  return html`<section class="panel" aria-labelledby="connection">
    <h2 id="connection">${t('Connection')}</h2>
    <dl>
      <dt>${t('IP address')}</dt><dd>${d.ip ?? '—'}</dd>
      <dt>${t('Location')}</dt><dd>${[d.city, d.country].filter(Boolean).join(', ') || '—'}</dd>
      <dt>${t('First connected')}</dt><dd>${d.firstConnectedAt ? formatDateTime(d.firstConnectedAt) : '—'}</dd>
      <dt>${t('Last seen')}</dt><dd>${formatDateTime(d.lastSeenAt)}</dd>
      <dt>${t('Sessions')}</dt><dd>${d.sessionCount}</dd>
      <dt>${t('Permalink')}</dt><dd>${d.permalink ? html`<a href=${`/devices/l/${d.permalink}`}>${location.origin}/devices/l/${d.permalink}</a>` : '—'}</dd>
    </dl>
  </section>`;
}

export function renderScreen(d: DeviceDetails): TemplateResult {
  const waiting = d.status === 'online' || d.status === 'not-installed';
  return html`<section class="panel shot" aria-labelledby="screen">
    <h2 id="screen">${t('Screen')}</h2>
    ${
      d.hasScreenshot
        ? html`<img data-testid="screenshot" src=${`/api/v1/devices/${d.id}/screenshot?t=${encodeURIComponent(d.screenshotAt ?? '')}`} alt=${t('Screen of {name}', { name: d.name })} />
          <p class="muted">${formatDateTime(d.screenshotAt)}</p>`
        : html`<p class="muted">${!d.display ? t('This device has no display to capture.') : waiting ? t('Waiting for a screenshot…') : t('No screenshot yet.')}</p>`
    }
  </section>`;
}

/** The file systems an agent reported with a size: a number the size cannot hold is no use. */
function sized(fileSystems: Info[]): Array<Info & { sizeBytes: number }> {
  return fileSystems.filter(
    (f): f is Info & { sizeBytes: number } => bytes(f.sizeBytes) !== '—' && (f.sizeBytes as number) > 0,
  );
}

/** The Disks panel, when the agent reported file systems with a size. */
export function renderDisks(info: Info) {
  if (!sized(list(info.fileSystems)).length) return nothing;
  return html`<section class="panel" aria-labelledby="disks">
    <h2 id="disks">${t('Disks')}</h2>
    ${renderFileSystems(list(info.fileSystems))}
  </section>`;
}

/** Each file system's use, as a bar that turns red past 90%; a use the size cannot hold shows as unknown. */
export function renderFileSystems(fileSystems: Info[]): TemplateResult[] {
  return sized(fileSystems).map((f) => {
    const used =
      bytes(f.usedBytes) !== '—' && (f.usedBytes as number) <= f.sizeBytes ? (f.usedBytes as number) : undefined;
    const mount = text(f.mount);
    return html`<div class="file-system" data-mount=${mount}>
      <strong>${mount}</strong> <span class="muted">${t('{used} of {size} used', { used: bytes(used), size: bytes(f.sizeBytes) })}</span>
      ${used === undefined ? nothing : html`<outpost-meter .value=${used} .max=${f.sizeBytes} label=${t('Use of {mount}', { mount })}></outpost-meter>`}
    </div>`;
  });
}

export function renderSessionLog(d: DeviceDetails, sessions: SessionEntry[]): TemplateResult {
  return html`<section class="panel" aria-labelledby="log">
    <h2 id="log">${t('Session log')} <wa-button size="small" appearance="outlined" href=${`/api/v1/devices/${d.id}/sessions.csv`} download><wa-icon slot="start" name="download"></wa-icon>${t('Export')}</wa-button></h2>
    ${
      sessions.length
        ? html`<table class="cards" aria-label=${t('Session log')}>
          <thead><tr><th>${t('Connected')}</th><th>${t('Disconnected')}</th><th>${t('IP address')}</th><th>${t('Agent')}</th><th>${t('End')}</th></tr></thead>
          <tbody>
            ${sessions.map(
              (s) => html`<tr>
                <td data-label=${t('Connected')}>${formatDateTime(s.connectedAt)}</td>
                <td data-label=${t('Disconnected')}>${s.disconnectedAt ? formatDateTime(s.disconnectedAt) : t('connected')}</td>
                <td data-label=${t('IP address')}>${s.ip ?? '—'}</td>
                <td data-label=${t('Agent')}>${s.agentVersion}</td>
                <td data-label=${t('End')}>${s.endReason ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>`
        : html`<p class="muted">${t('No connections yet.')}</p>`
    }
  </section>`;
}
