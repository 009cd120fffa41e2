import { RemoteTerminal } from './terminal.element.js';

if (!customElements.get('remote-terminal')) customElements.define('remote-terminal', RemoteTerminal);

declare global {
  interface HTMLElementTagNameMap {
    'remote-terminal': RemoteTerminal;
  }
}
