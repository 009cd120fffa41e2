import type { Readable } from 'node:stream';
import type { Outbound } from '@outpost/core';

/**
 * Custom client downloads ("host your own client"): the tenant names a URL per OS, and
 * the invite page's download fetches it and serves it under a name carrying the invite
 * code. The server fetching a URL a tenant typed is a way into the network it runs in,
 * so it goes through the core's outbound service (`coreServices.outbound`): public https
 * only unless `outbound.allowPrivateAddresses`, checked on the address actually
 * connected to and on every redirect.
 */
export interface CustomClientOptions {
  /** Idle time after which a fetch is given up. */
  timeoutMs: number;
}

export interface ClientDownload {
  body: Readable;
  contentType: string;
  contentLength?: string;
}

/** Client installers are large; this is the most a download may be. */
export const maxClientBytes = 2 * 1024 ** 3;

/** `YourBrand.exe` for code ABCD… → `YourBrand-ABCD….exe`; `.tar.gz` and the like stay whole. */
export function clientFileName(url: string, code: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  let base: string;
  try {
    base = decodeURIComponent(last);
  } catch {
    base = last;
  }
  base = base.replace(/[^A-Za-z0-9._-]/g, '').replace(/^\.+/, '') || 'client';
  const [, name, extension = ''] = /^(.+?)((?:\.tar)?\.[A-Za-z0-9]{1,10})?$/.exec(base)!;
  return `${name}-${code}${extension}`;
}

/** Fetches a client download, following up to five redirects, each checked like the first URL. */
export async function fetchClient(
  input: string,
  outbound: Outbound,
  options: CustomClientOptions,
): Promise<ClientDownload> {
  const response = await outbound.request(input, {
    timeoutMs: options.timeoutMs,
    maxResponseBytes: maxClientBytes,
    headers: { 'user-agent': 'Outpost (invite downloads)' },
  });
  if (response.status !== 200) {
    response.body.resume();
    throw new Error(`${new URL(response.url).host} answered ${response.status}`);
  }
  return {
    body: response.body,
    contentType: String(response.headers['content-type'] || 'application/octet-stream'),
    contentLength: response.headers['content-length'],
  };
}
