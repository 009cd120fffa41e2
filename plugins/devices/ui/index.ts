// The devices plugin's pages, loaded on demand by the web app (its entry: the bundle's index.js).
//   /devices                  all devices (lines or tiles, filters, grouping, bulk actions)
//   /devices/shared           devices shared with me
//   /devices/group/<id>       one group
//   /devices/trash            Trash: restore, delete for good, empty
//   /devices/d/<id>           one device (also /devices/<id>)
//   /devices/l/<permalink>    one device by its readable link
//   /devices/groups           the groups (and /devices/groups/new: a new one)
//   /devices/invites          all devices, asking what other plugins add to the list to open Pending Invites
// The home page's cards are in home/.
import { LitElement, html, type TemplateResult } from '@outpost/ui-sdk';
import type { DevicesScope } from './api-types.js';
import './details/device-details.js';
import './groups/groups-page.js';
import './home/home-activity.js';
import './home/home-status.js';
import './list/devices-list.js';

const uuid = /^[0-9a-f-]{36}$/;

/** `<devices-page>`: the page for a path under /devices. */
export class DevicesPage extends LitElement {
  static override properties = { path: {}, account: { attribute: false } };
  /** The path shown, from the web app's router. */
  declare path: string | undefined;
  /** The signed-in account. */
  declare account: { id: string } | undefined;
  private scope?: DevicesScope;

  override render(): TemplateResult {
    const parts = (this.path ?? '/devices').split('/').filter(Boolean).slice(1);
    const [first, second] = parts;
    const me = this.account?.id;
    if (first === 'd' && second) return html`<devices-details .deviceId=${second} .me=${me}></devices-details>`;
    if (first === 'l' && second)
      return html`<devices-details .permalink=${decodeURIComponent(second)} .me=${me}></devices-details>`;
    // /devices/<id>, as the API names a device, opens it too.
    if (parts.length === 1 && first && uuid.test(first))
      return html`<devices-details .deviceId=${first} .me=${me}></devices-details>`;
    if (first === 'groups' && (parts.length === 1 || (parts.length === 2 && second === 'new')))
      return html`<devices-groups ?creating=${second === 'new'}></devices-groups>`;
    const scope = scopeOf(parts);
    if (!scope) return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
    // The same scope keeps the same object, so the list does not load again for nothing.
    if (!this.scope || JSON.stringify(this.scope) !== JSON.stringify(scope)) this.scope = scope;
    return html`<devices-list .scope=${this.scope} .showInvites=${first === 'invites'}></devices-list>`;
  }
}
customElements.define('devices-page', DevicesPage);

/** The list a path shows, or undefined for a path no page answers. */
function scopeOf(parts: string[]): DevicesScope | undefined {
  const [first, second] = parts;
  if (parts.length === 0) return { kind: 'all' };
  if (parts.length === 1 && first === 'trash') return { kind: 'trash' };
  if (parts.length === 1 && first === 'shared') return { kind: 'shared' };
  if (parts.length === 1 && first === 'invites') return { kind: 'all' };
  if (parts.length === 2 && first === 'group' && second && uuid.test(second)) return { kind: 'group', id: second };
  return undefined;
}
