const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Decides whether a browser's `Origin` is Outpost itself: the origin of `app.baseUrl`,
 * or, when that is a loopback address (a local instance), the loopback origin the
 * request was actually sent to: `http://127.0.0.1:7007` as well as
 * `http://localhost:7007`. Only loopback names qualify, so a rebound DNS name never does.
 */
export function createOriginCheck(baseUrl: string): (requestOrigin: string, hostHeader: string | undefined) => boolean {
  const base = new URL(baseUrl);
  const local = loopbackHosts.has(base.hostname);
  return (requestOrigin, hostHeader) => {
    if (requestOrigin === base.origin) return true;
    if (!local || !hostHeader) return false;
    try {
      const origin = new URL(requestOrigin);
      return loopbackHosts.has(origin.hostname) && origin.protocol === base.protocol && origin.host === hostHeader;
    } catch {
      return false;
    }
  };
}

/**
 * A website's origin as typed (`https://WWW.Example.com/`) in its one form
 * (`https://www.example.com`); undefined when it is not an http(s) origin (has a path,
 * a query, credentials). For widgets that list the websites allowed to embed them.
 */
export function normalizeOrigin(input: string): string | undefined {
  try {
    const url = new URL(input.trim());
    if (
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      url.pathname !== '/' ||
      url.search ||
      url.hash ||
      url.username
    )
      return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Whether a page of this origin may use an embeddable widget that lists `allowed` websites (none: any). */
export function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  return !origin || allowed.length === 0 || allowed.includes(origin);
}
