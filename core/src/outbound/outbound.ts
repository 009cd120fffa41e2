import { type LookupAddress, lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { type AddressPolicy, isCallableAddress, outboundUrlProblem } from './addresses.js';

export interface OutboundOptions extends AddressPolicy {
  /**
   * Call loopback, private, link-local and other non-public addresses too, and plain
   * http (an internal mirror). Off by default: a tenant-supplied URL would otherwise
   * reach into the network the server runs in.
   */
  allowPrivateAddresses: boolean;
  /** Idle time (no connection, no bytes) after which a call is given up. */
  timeoutMs: number;
  /** The largest answer body a call reads. */
  maxResponseBytes: number;
  /** Certificates to trust besides the system's (PEM): an internal CA, a test's self-signed server. */
  ca?: string | string[];
}

export interface OutboundRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Overrides the configured idle timeout for this call. */
  timeoutMs?: number;
  /** Overrides the configured size limit for this call (a large download). */
  maxResponseBytes?: number;
  /** Redirects followed (GET and HEAD only, each target checked like the first URL); default 5. */
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: string;
  /** The body, failing with an OutboundError once it passes the size limit. */
  body: Readable;
  /** Reads the whole body. */
  text(): Promise<string>;
  json<T = unknown>(): Promise<T>;
}

export type OutboundRefusal =
  'bad-url' | 'private-address' | 'timeout' | 'too-large' | 'too-many-redirects' | 'connection-failed';

/** A call the outbound service refused or could not complete; `reason` says which. */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** The one way a plugin calls a URL a tenant entered (`coreServices.outbound`). */
export interface Outbound {
  /** Why this URL may not be called (for checking a URL when it is saved), or undefined. */
  urlProblem(url: string): string | undefined;
  request(url: string, request?: OutboundRequest): Promise<OutboundResponse>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export function createOutbound(options: OutboundOptions): Outbound {
  const agents = {
    'http:': new http.Agent({ keepAlive: false }),
    'https:': new https.Agent({ keepAlive: false, ca: options.ca }),
  };
  const lookupGuard = guardedLookup(options);

  async function call(url: URL, request: OutboundRequest, redirectsLeft: number): Promise<OutboundResponse> {
    const problem = outboundUrlProblem(url.toString(), options);
    if (problem) throw new OutboundError('bad-url', problem);
    const timeoutMs = request.timeoutMs ?? options.timeoutMs;
    const maxBytes = request.maxResponseBytes ?? options.maxResponseBytes;
    const client = url.protocol === 'https:' ? https : http;
    let timedOut: OutboundError | undefined;
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const outgoing = client.request(
        url,
        {
          method: request.method ?? 'GET',
          agent: agents[url.protocol as 'http:' | 'https:'],
          // Every connection resolves its name here, so the address checked is the one connected to.
          lookup: lookupGuard,
          timeout: timeoutMs,
          headers: { 'user-agent': 'Outpost', ...request.headers },
        },
        resolve,
      );
      // The socket's idle timeout: no connection, no answer, or a body that stalls.
      outgoing.on('timeout', () => {
        timedOut = new OutboundError('timeout', `${url.host} sent nothing for ${timeoutMs / 1000} s`);
        outgoing.destroy(timedOut);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => reject(timedOut ?? asOutboundError(error, url)));
      outgoing.end(request.body);
    });
    const status = response.statusCode ?? 0;
    const method = request.method ?? 'GET';
    if (redirectStatuses.has(status) && response.headers.location && (method === 'GET' || method === 'HEAD')) {
      response.resume();
      if (redirectsLeft === 0) throw new OutboundError('too-many-redirects', `${url.host} redirected too often`);
      return call(new URL(response.headers.location, url), request, redirectsLeft - 1);
    }
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes) {
      response.destroy();
      throw new OutboundError('too-large', `${url.host} answered ${length} bytes, more than the ${maxBytes} allowed`);
    }
    const body = response.pipe(sizeLimit(maxBytes, url.host));
    response.on('error', (error) => body.destroy(timedOut ?? asOutboundError(error, url)));
    // A reader that stops (an over-size body, a client gone away) ends the connection.
    body.on('close', () => {
      if (!response.complete) response.destroy();
    });
    const text = async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    };
    return {
      status,
      headers: response.headers,
      url: url.toString(),
      body,
      text,
      json: async <T>() => JSON.parse(await text()) as T,
    };
  }

  return {
    urlProblem: (url) => outboundUrlProblem(url, options),
    request(url, request = {}) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return Promise.reject(new OutboundError('bad-url', `"${url}" is not a URL.`));
      }
      return call(parsed, request, request.maxRedirects ?? 5);
    },
  };
}

/** Passes the body through, failing once more than `maxBytes` came. */
function sizeLimit(maxBytes: number, host: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes)
        return done(new OutboundError('too-large', `${host} sent more than the ${maxBytes} bytes allowed`));
      done(null, chunk);
    },
  });
}

function asOutboundError(error: NodeJS.ErrnoException, url: URL): OutboundError {
  if (error instanceof OutboundError) return error;
  if (error.code === 'EPRIVATEADDRESS') return new OutboundError('private-address', error.message);
  return new OutboundError('connection-failed', `${url.host}: ${error.message}`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses a name when any address it resolves to is not public (unless allowed). */
function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((a) => !isCallableAddress(a.address, policy));
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
