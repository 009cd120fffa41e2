import type Koa from 'koa';

/**
 * The identity cookies. Behind https they carry the `__Host-` prefix, which browsers
 * only accept Secure, on path `/` and without a domain: no subdomain can set or read them.
 */
export class IdentityCookies {
  readonly secure: boolean;
  readonly session: string;
  readonly trustedBrowser: string;

  constructor(baseUrl: string) {
    this.secure = baseUrl.startsWith('https:');
    const prefix = this.secure ? '__Host-' : '';
    this.session = `${prefix}outpost_session`;
    this.trustedBrowser = `${prefix}outpost_trusted`;
  }

  read(ctx: Koa.Context, name: string): string | undefined {
    return ctx.cookies.get(name) || undefined;
  }

  write(ctx: Koa.Context, name: string, value: string, maxAgeMs: number): void {
    // koa refuses Secure cookies on a plain-http hop; behind an https proxy that hop is expected.
    if (this.secure) ctx.cookies.secure = true;
    ctx.cookies.set(name, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      maxAge: maxAgeMs,
      overwrite: true,
    });
  }

  clear(ctx: Koa.Context, name: string): void {
    if (this.secure) ctx.cookies.secure = true;
    ctx.cookies.set(name, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      maxAge: 0,
      overwrite: true,
    });
  }
}
