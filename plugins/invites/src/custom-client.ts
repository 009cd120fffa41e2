import { type LookupAddress, lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';

/**
 * Custom client downloads ("host your own client"): the tenant names a URL per OS, and
 * the invite page's download fetches it and serves it under a name carrying the invite
 * code. The server fetching a URL a tenant typed is a way into the network it runs in,
 * so by default only public addresses are fetched, checked on the address actually
 * connected to (a name that resolves differently the second time gains nothing).
 */
export interface CustomClientOptions {
  /** Fetch from loopback, private and link-local addresses too, and over plain http (an internal mirror). */
  allowPrivateAddresses: boolean;
  /** Idle time after which a fetch is given up. */
  timeoutMs: number;
}

export interface ClientDownload {
  body: Readable;
  contentType: string;
  contentLength?: string;
}

const maxRedirects = 5;

/** Public unicast only: no loopback, private, link-local, carrier-grade NAT, multicast or reserved ranges. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Why this URL may not be a client download, or undefined when it may. Names are checked again when fetched. */
export function clientUrlProblem(
  input: string,
  options: Pick<CustomClientOptions, 'allowPrivateAddresses'>,
): string | undefined {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return `"${input}" is not a URL.`;
  }
  if (url.username || url.password) return 'A download URL cannot carry a user name or password.';
  if (options.allowPrivateAddresses)
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? undefined
      : 'A download URL must start with https:// or http://.';
  if (url.protocol !== 'https:')
    return "A download URL must start with https:// (customers' browsers and this server fetch it publicly).";
  // `localhost.` is `localhost`: a fully qualified name ends with the root's dot.
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && !isPublicAddress(host)))
    return `${url.hostname} is not a public address.`;
  return undefined;
}

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
  options: CustomClientOptions,
  redirectsLeft = maxRedirects,
): Promise<ClientDownload> {
  const problem = clientUrlProblem(input, options);
  if (problem) throw new Error(problem);
  const url = new URL(input);
  const client = url.protocol === 'https:' ? https : http;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: guardedLookup(options.allowPrivateAddresses),
        timeout: options.timeoutMs,
        headers: { 'user-agent': 'Outpost (invite downloads)' },
      },
      resolve,
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    request.on('error', reject);
  });
  const status = response.statusCode ?? 0;
  if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
    response.resume();
    if (redirectsLeft === 0) throw new Error(`more than ${maxRedirects} redirects`);
    return fetchClient(new URL(response.headers.location, url).toString(), options, redirectsLeft - 1);
  }
  if (status !== 200) {
    response.resume();
    throw new Error(`${url.host} answered ${status}`);
  }
  return {
    body: response,
    contentType: response.headers['content-type'] || 'application/octet-stream',
    contentLength: response.headers['content-length'],
  };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses names resolving to a non-public address (unless allowed). */
function guardedLookup(allowPrivateAddresses: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = allowPrivateAddresses ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused)
        return callback(
          Object.assign(new Error(`${hostname} resolves to ${refused.address}, which is not a public address`), {
            code: 'EPRIVATEADDRESS',
          }),
          '',
        );
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
