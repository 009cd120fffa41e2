import { RemoteFiles } from './files.element.js';

if (!customElements.get('remote-files')) customElements.define('remote-files', RemoteFiles);

declare global {
  interface HTMLElementTagNameMap {
    'remote-files': RemoteFiles;
  }
}
