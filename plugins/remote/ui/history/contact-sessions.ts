// <remote-contact-sessions>, in a contact's history (the contacts plugin's `contacts.contact.details`): the remote
// sessions on the contact's devices, newest first.
import { LitElement, api, formatDateTime, html, nothing, pageStyles, t, type TemplateResult } from '@outpost/ui-sdk';
import type { SessionList } from '../api-types.js';
import { duration, kindLabels } from './device-sessions.js';

/** What the contacts page hands its extensions. */
interface ContactContext {
  contactId: string;
  contactName: string;
}

export class RemoteContactSessions extends LitElement {
  static override properties = { context: { attribute: false }, list: { state: true } };
  static override styles = [pageStyles];

  /** The contact, from its page. */
  declare context: ContactContext | undefined;
  declare list: SessionList | null;
  private loadedFor?: string;

  constructor() {
    super();
    this.list = null;
  }

  override updated(): void {
    const id = this.context?.contactId;
    if (id && id !== this.loadedFor) {
      this.loadedFor = id;
      void this.load(id);
    }
  }

  async load(contactId: string): Promise<void> {
    const contact = await api<{ devices: Array<{ id: string }> }>('GET', `/contacts/${contactId}`);
    const ids = contact.devices.map((d) => d.id).slice(0, 200);
    this.list = ids.length
      ? await api<SessionList>('GET', `/remote/sessions?state=all&withTotal=true&limit=20&deviceIds=${ids.join(',')}`)
      : { items: [], nextCursor: null, total: 0 };
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.context || !this.list) return nothing;
    const { items } = this.list;
    return html`<section class="panel" aria-labelledby="remote-contact-sessions" data-testid="remote-contact-sessions">
      <h2 id="remote-contact-sessions">${t('Remote sessions')}</h2>
      ${
        items.length
          ? html`<table aria-label=${t('Remote sessions')}>
              <thead><tr><th>${t('Started')}</th><th>${t('Device')}</th><th>${t('Technician')}</th><th>${t('Kind')}</th><th>${t('Duration')}</th></tr></thead>
              <tbody>${items.map(
                (s) => html`<tr>
                  <td data-label=${t('Started')}>${formatDateTime(s.startedAt)}</td>
                  <td data-label=${t('Device')}>${s.deviceName}</td>
                  <td data-label=${t('Technician')}>${s.technician}</td>
                  <td data-label=${t('Kind')}>${t(kindLabels[s.kind] ?? s.kind)}</td>
                  <td data-label=${t('Duration')}>${duration(s)}</td>
                </tr>`,
              )}</tbody>
            </table>`
          : html`<p class="muted">${t('No remote sessions on this contact’s devices yet. Link a device, then connect to it.')}</p>`
      }
    </section>`;
  }
}
customElements.define('remote-contact-sessions', RemoteContactSessions);

declare global {
  interface HTMLElementTagNameMap {
    'remote-contact-sessions': RemoteContactSessions;
  }
}
