import {
  LitElement,
  api,
  confirmDestructive,
  formatDateTime,
  formatNumber,
  html,
  nothing,
  t,
  toast,
  type PropertyValues,
  type TemplateResult,
} from '@outpost/ui-sdk';
import { type ControlMessage, controlMessage, endedText, openSession, sessionSocket } from '../session.js';
import { filesStyles } from './files.styles.js';

interface Entry {
  name: string;
  type: 'dir' | 'file' | 'link' | 'other';
  target?: string;
  size: number;
  modified: string;
}

interface Transfer {
  direction: 'upload' | 'download';
  name: string;
  size: number;
  done: number;
}

/** Browser-side backpressure for uploads: wait while this much is queued on the socket. */
const queuedLimit = 4 * 1024 * 1024;
const chunkSize = 256 * 1024;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return t('{n} B', { n: bytes });
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/**
 * @summary A device's files through a `files` session: browse folders, download (streamed into the
 * browser's file storage, never held whole in script memory), upload with a progress bar, create a folder,
 * rename, delete.
 */
export class RemoteFiles extends LitElement {
  static override styles = filesStyles;
  static override properties = {
    deviceId: {},
    path: { state: true },
    entries: { state: true },
    status: { state: true },
    transfer: { state: true },
    editing: { state: true },
    deviceName: { state: true },
  };

  /** The device whose files to show. */
  declare deviceId: string;
  declare path: string;
  declare entries: Entry[] | undefined;
  declare status: { kind: 'starting' | 'ready' | 'busy' | 'ended' | 'failed'; message?: string };
  declare transfer: Transfer | undefined;
  /** The row being renamed, or '' for a new folder. */
  declare editing: string | undefined;
  declare deviceName: string;
  private socket: WebSocket | undefined;
  private separator = '/';
  /** The folder above, null at the top of what the agent shares. */
  private parentPath: string | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(m: ControlMessage): void; reject(e: Error): void }>();
  private download:
    { id: number; parts: Blob[]; received: number; size: number; name: string; ended: boolean } | undefined;

  constructor() {
    super();
    this.deviceId = '';
    this.path = '';
    this.deviceName = '';
    this.status = { kind: 'starting' };
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('deviceId') && this.deviceId) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  stop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    for (const waiter of this.pending.values()) waiter.reject(new Error(t('The session ended.')));
    this.pending.clear();
  }

  async start(another = false): Promise<void> {
    this.stop();
    this.status = { kind: 'starting' };
    if (!this.deviceName)
      this.deviceName = await api<{ name: string }>('GET', `/devices/${encodeURIComponent(this.deviceId)}`).then(
        (d) => d.name,
        () => '',
      );
    const opened = await openSession(this.deviceId, 'files', {}, another);
    if ('busy' in opened) return void (this.status = { kind: 'busy', message: opened.busy });
    if ('failed' in opened) return void (this.status = { kind: 'failed', message: opened.failed });
    const socket = sessionSocket(opened.session);
    // Downloaded bytes arrive as Blobs: the browser keeps them in its blob storage (on disk when large).
    socket.binaryType = 'blob';
    this.socket = socket;
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data === 'string') {
        const message = controlMessage(event.data);
        if (message) this.control(message);
      } else this.downloadBytes(event.data as Blob);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      if (this.status.kind === 'ready' || this.status.kind === 'starting')
        this.status = { kind: 'ended', message: t('The connection to the device closed.') };
      this.stop();
    });
  }

  private control(message: ControlMessage): void {
    if (message.type === 'ready') {
      this.separator = typeof message.separator === 'string' ? message.separator : '/';
      this.status = { kind: 'ready' };
      void this.open(String(message.home ?? message.root ?? '/'));
      return;
    }
    if (message.type === 'ended') {
      this.status = { kind: 'ended', message: endedText(message) };
      return;
    }
    if (message.type === 'progress' && this.transfer && typeof message.received === 'number') {
      this.transfer = { ...this.transfer, done: message.received };
      return;
    }
    const download = this.download;
    if (message.type === 'download' && download && download.id === message.id) {
      download.size = Number(message.size);
      return;
    }
    if (message.type === 'download-end' && download && download.id === message.id) {
      download.ended = true;
      this.finishDownload();
      return;
    }
    const waiter = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (waiter) {
      this.pending.delete(message.id as number);
      if (message.type === 'error') waiter.reject(new Error(String(message.message ?? t('The device refused.'))));
      else waiter.resolve(message);
    } else if (message.type === 'error') {
      if (this.download && this.download.id === message.id) this.download = undefined;
      this.transfer = undefined;
      if (message.id === undefined) this.status = { kind: 'failed', message: String(message.message) };
      else toast(String(message.message), 'error');
    }
  }

  private waitFor(id: number): Promise<ControlMessage> {
    return new Promise((resolve, reject) => {
      if (this.socket?.readyState !== WebSocket.OPEN) return reject(new Error(t('The session ended.')));
      this.pending.set(id, { resolve, reject });
    });
  }

  private request(message: Record<string, unknown>): Promise<ControlMessage> {
    const id = ++this.nextId;
    const answer = this.waitFor(id);
    this.socket?.send(JSON.stringify({ ...message, id }));
    return answer;
  }

  private join(name: string): string {
    return this.path.endsWith(this.separator) ? `${this.path}${name}` : `${this.path}${this.separator}${name}`;
  }

  async open(path: string): Promise<void> {
    try {
      const listing = await this.request({ type: 'list', path });
      this.path = String(listing.path);
      this.parentPath = typeof listing.parent === 'string' ? listing.parent : undefined;
      this.entries = listing.entries as Entry[];
      this.editing = undefined;
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  async upload(files: FileList | null): Promise<void> {
    for (const file of files ? [...files] : []) {
      if (this.transfer) return toast(t('Wait for the current transfer to finish.'), 'error');
      this.transfer = { direction: 'upload', name: file.name, size: file.size, done: 0 };
      try {
        const id = ++this.nextId;
        const ready = this.waitFor(id);
        this.socket?.send(JSON.stringify({ type: 'upload', id, path: this.join(file.name), size: file.size }));
        await ready;
        // upload-done answers the same id: wait for it before the bytes go.
        const finished = this.waitFor(id);
        for (let offset = 0; offset < file.size; offset += chunkSize) {
          while (this.socket && this.socket.bufferedAmount > queuedLimit) await new Promise((r) => setTimeout(r, 20));
          if (this.socket?.readyState !== WebSocket.OPEN) throw new Error(t('The session ended.'));
          this.socket.send(await file.slice(offset, offset + chunkSize).arrayBuffer());
        }
        const result = await finished;
        this.transfer = { ...this.transfer!, done: file.size };
        toast(t('Uploaded {name} ({size}).', { name: file.name, size: formatSize(Number(result.size)) }));
      } catch (error) {
        toast(t('{name} was not uploaded: {reason}', { name: file.name, reason: (error as Error).message }), 'error');
      } finally {
        this.transfer = undefined;
      }
      await this.open(this.path);
    }
  }

  private startDownload(entry: Entry): void {
    if (this.transfer) return toast(t('Wait for the current transfer to finish.'), 'error');
    const id = ++this.nextId;
    this.download = { id, parts: [], received: 0, size: entry.size, name: entry.name, ended: false };
    this.transfer = { direction: 'download', name: entry.name, size: entry.size, done: 0 };
    this.socket?.send(JSON.stringify({ type: 'download', id, path: this.join(entry.name) }));
  }

  private downloadBytes(blob: Blob): void {
    const download = this.download;
    if (!download) return;
    download.parts.push(blob);
    download.received += blob.size;
    if (this.transfer) this.transfer = { ...this.transfer, size: download.size, done: download.received };
    this.finishDownload();
  }

  /** The download is whole once the agent said so and every byte it announced has arrived. */
  private finishDownload(): void {
    const download = this.download;
    if (!download || !download.ended || download.received < download.size) return;
    this.download = undefined;
    this.transfer = undefined;
    const url = URL.createObjectURL(new Blob(download.parts));
    const link = document.createElement('a');
    link.href = url;
    link.download = download.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private async mkdir(name: string): Promise<void> {
    try {
      await this.request({ type: 'mkdir', path: this.join(name) });
      await this.open(this.path);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  private async rename(entry: Entry, name: string): Promise<void> {
    if (!name || name === entry.name) return void (this.editing = undefined);
    try {
      await this.request({ type: 'rename', from: this.join(entry.name), to: this.join(name) });
      await this.open(this.path);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  private async deleteEntry(entry: Entry): Promise<void> {
    const folder = entry.type === 'dir';
    const confirmed = await confirmDestructive({
      title: folder ? t('Delete the folder {name}?', { name: entry.name }) : t('Delete {name}?', { name: entry.name }),
      message: folder
        ? t('The folder and everything in it are deleted on the device. This cannot be undone.')
        : t('The file is deleted on the device. This cannot be undone.'),
      action: t('Delete'),
    });
    if (!confirmed) return;
    try {
      await this.request({ type: 'delete', path: this.join(entry.name) });
      await this.open(this.path);
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }

  private nameForm(initial: string, label: string, submit: (name: string) => void): TemplateResult {
    return html`<form
      class="name-form"
      @submit=${(event: Event) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).querySelector('wa-input') as HTMLInputElement | null;
        submit((input?.value ?? '').trim());
      }}
    >
      <wa-input size="small" label=${label} value=${initial} required autofocus></wa-input>
      <wa-button size="small" type="submit" variant="brand">${t('Save')}</wa-button>
      <wa-button size="small" appearance="plain" @click=${() => (this.editing = undefined)}>${t('Cancel')}</wa-button>
    </form>`;
  }

  private renderTransfer(): TemplateResult | typeof nothing {
    const transfer = this.transfer;
    if (!transfer) return nothing;
    const percent = transfer.size > 0 ? Math.floor((transfer.done / transfer.size) * 100) : 100;
    return html`<div class="transfer" role="status">
      <span
        >${
          transfer.direction === 'upload'
            ? t('Uploading {name}', { name: transfer.name })
            : t('Downloading {name}', { name: transfer.name })
        }
        · ${formatSize(transfer.done)} / ${formatSize(transfer.size)}</span
      >
      <wa-progress-bar value=${percent} label=${t('Transfer progress')}>${percent}%</wa-progress-bar>
    </div>`;
  }

  private renderEntry(entry: Entry): TemplateResult {
    const folder = entry.type === 'dir' || entry.target === 'dir';
    if (this.editing === entry.name)
      return html`<li>${this.nameForm(entry.name, t('New name'), (name) => void this.rename(entry, name))}</li>`;
    return html`<li data-name=${entry.name}>
      <wa-icon name=${folder ? 'folder' : 'file'} variant="regular"></wa-icon>
      ${
        folder
          ? html`<a href="#" class="name" @click=${(e: Event) => (e.preventDefault(), void this.open(this.join(entry.name)))}
            >${entry.name}</a
          >`
          : html`<span class="name">${entry.name}</span>`
      }
      <span class="meta">${folder ? '' : formatSize(entry.size)}</span>
      <span class="meta">${formatDateTime(entry.modified)}</span>
      <span class="row-actions">
        ${
          folder
            ? nothing
            : html`<wa-button size="small" appearance="outlined" @click=${() => this.startDownload(entry)}
              >${t('Download')}</wa-button
            >`
        }
        <wa-button size="small" appearance="outlined" @click=${() => (this.editing = entry.name)}>${t('Rename')}</wa-button>
        <wa-button size="small" appearance="outlined" variant="danger" @click=${() => this.deleteEntry(entry)}
          >${t('Delete')}</wa-button
        >
      </span>
    </li>`;
  }

  override render(): TemplateResult {
    const status = this.status;
    const title = this.deviceName ? t('Files: {name}', { name: this.deviceName }) : t('Files');
    if (status.kind !== 'ready')
      return html`<h1>${title}</h1>
        ${
          status.kind === 'starting'
            ? html`<p class="status"><wa-spinner></wa-spinner> ${t('Opening the device’s files…')}</p>`
            : html`<wa-callout variant=${status.kind === 'failed' ? 'danger' : status.kind === 'busy' ? 'warning' : 'neutral'}>
              ${status.message}
              ${
                status.kind === 'busy'
                  ? html`<wa-button size="small" @click=${() => this.start(true)}>${t('Open another session')}</wa-button>`
                  : html`<wa-button size="small" @click=${() => this.start()}>${t('Connect again')}</wa-button>`
              }
            </wa-callout>`
        }`;
    const parent = this.parentPath;
    return html`
      <h1>${title}</h1>
      <div class="toolbar">
        <wa-button size="small" appearance="outlined" ?disabled=${!parent} @click=${() => parent && this.open(parent)}
          >${t('Up')}</wa-button
        >
        <code class="path">${this.path}</code>
        <wa-button size="small" appearance="outlined" @click=${() => this.open(this.path)}>${t('Refresh')}</wa-button>
        <wa-button size="small" appearance="outlined" @click=${() => (this.editing = '')}>${t('New folder')}</wa-button>
        <label class="upload">
          <input
            type="file"
            multiple
            aria-label=${t('Upload files')}
            ?disabled=${Boolean(this.transfer)}
            @change=${(e: Event) => {
              const input = e.currentTarget as HTMLInputElement;
              void this.upload(input.files).then(() => (input.value = ''));
            }}
          />
          <span>${t('Upload files')}</span>
        </label>
      </div>
      ${this.renderTransfer()}
      ${this.editing === '' ? this.nameForm('', t('Folder name'), (name) => name && void this.mkdir(name)) : nothing}
      ${
        this.entries && this.entries.length === 0
          ? html`<p class="empty">${t('This folder is empty. Upload files or create a folder.')}</p>`
          : html`<ul class="entries">
            ${(this.entries ?? []).map((entry) => this.renderEntry(entry))}
          </ul>`
      }
    `;
  }
}
