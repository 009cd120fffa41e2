// `<remote-page>`: the remote plugin's pages, by path (each part adds its own):
//   /remote/web/<device id>      Web Connect (viewer/web-connect.ts, loaded with noVNC on first use)
//   /remote/terminal/<device id> the terminal (terminal/terminal.ts, loaded with xterm.js on first use)
//   /remote/files/<device id>    the file browser (files/files.ts)
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
    if (page === 'terminal' && id && uuid.test(id)) {
      if (!customElements.get('remote-terminal')) {
        void import('./terminal/terminal.js').then(() => this.requestUpdate());
        return html`<wa-spinner></wa-spinner>`;
      }
      return html`<remote-terminal .deviceId=${id}></remote-terminal>`;
    }
    if (page === 'files' && id && uuid.test(id)) {
      if (!customElements.get('remote-files')) {
        void import('./files/files.js').then(() => this.requestUpdate());
        return html`<wa-spinner></wa-spinner>`;
      }
      return html`<remote-files .deviceId=${id}></remote-files>`;
    }
    return html`<outpost-not-found .path=${this.path}></outpost-not-found>`;
  }
}
customElements.define('remote-page', RemotePage);
