// <remote-contact-sessions>, in a contact's history (the contacts plugin's `contacts.contact.details`): the remote
// sessions on the contact's devices, newest first.
import { LitElement, api, html, nothing, pageStyles, t, type TemplateResult } from '@outpost/ui-sdk';
import type { SessionList } from '../api-types.js';
import { sessionTable } from './session-table.js';

/** What the contacts page hands its extensions. */
interface ContactContext {
  contactId: string;
  contactName: string;
  /** The contact's linked devices. */
  deviceIds: string[];
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
    const ids = this.context?.deviceIds.slice(0, 200) ?? [];
    const key = `${this.context?.contactId}:${ids.join(',')}`;
    if (this.context && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load(ids);
    }
  }

  async load(ids: string[]): Promise<void> {
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
          ? sessionTable(items, { label: t('Remote sessions'), device: true })
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
