import { randomBytes } from 'node:crypto';
import type Koa from 'koa';

/**
 * Answers with a server-rendered page (an invite page, a customer's portal page) under
 * a content policy that allows nothing but its own nonce'd style and data: images, plus
 * what `allow` adds (`"script-src 'nonce-…'; connect-src 'self'; "`; `{nonce}` is replaced).
 */
export function sendHtmlPage(ctx: Koa.Context, status: number, render: (nonce: string) => string, allow = ''): void {
  const nonce = randomBytes(16).toString('base64');
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; ${allow.replaceAll('{nonce}', nonce)}form-action 'none'; base-uri 'none'; frame-ancestors 'none'`,
  );
  ctx.body = render(nonce);
}

/** Text for HTML, in element content and quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
