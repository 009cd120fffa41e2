import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A company website on its own origin that pastes the widget's snippet, under a strict content
 * policy that names the Outpost instance for scripts and requests and allows no inline styles.
 */
export async function startWebsite(
  instance: string,
): Promise<{ origin: string; snippet: string; close: () => Promise<void> }> {
  const site = { origin: '', snippet: '', close: async () => {} };
  const http = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' ${instance}; connect-src ${instance}; style-src 'nonce-site'`,
    });
    response.end(
      `<!doctype html><html><head><title>Acme</title><style nonce="site">h1 { color: red } button { background: yellow }</style></head><body><h1>Acme website</h1><p>Welcome.</p>${site.snippet}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  site.close = () => new Promise((resolve) => http.close(() => resolve()));
  return site;
}
