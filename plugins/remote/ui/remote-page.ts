// `<remote-page>`: the remote plugin's pages, by path (each part adds its own):
//   /remote/web/<device id>      Web Connect (viewer/web-connect.ts, loaded with noVNC on first use)
import { LitElement, html, type TemplateResult } from '@outpost/ui-sdk';

const uuid = /^[0-9a-f-]{36}$/;

export class RemotePage extends LitElement {
  static override properties = { path: {}, account: { attribute: false }, loaded: { state: true } };
  /** The path shown, from the web app's router. */
  declare path: string | undefined;
  /** The signed-in account. */
  declare account: { id: string } | undefined;
  declare loaded: boolean;

  constructor() {
    super();
    this.loaded = false;
  }

  override render(): TemplateResult {
    const [, page, id] = (this.path ?? '/remote').split('/').filter(Boolean);
    if (page === 'web' && id && uuid.test(id)) {
      // The viewer brings noVNC: only this page loads it.
      if (!this.loaded) {
        void import('./viewer/web-connect.js').then(() => (this.loaded = true));
        return html`<wa-spinner></wa-spinner>`;
      }
      return html`<remote-web-connect .deviceId=${id}></remote-web-connect>`;
    }
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('remote-page', RemotePage);
