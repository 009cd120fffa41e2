import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PortalClaim {
  tenantId: string;
  ticketId: string;
  /** Unix seconds. */
  expires: number;
}

/**
 * Links that let a customer read and answer one ticket without an account:
 * `<claim>.<HMAC-SHA256 of the claim>`, the claim naming the tenant, the ticket and
 * when the link stops working. Signed with a key derived from the instance's secrets
 * key, so every instance sharing that key accepts them and nothing is stored per link.
 */
export class PortalLinks {
  constructor(
    private readonly key: Buffer,
    private readonly lifetimeMs: number,
    private readonly baseUrl: string,
  ) {}

  /** The customer's link to a ticket, and when it stops working. */
  url(tenantId: string, ticketId: string, now = Date.now()): { url: string; expiresAt: string } {
    return {
      url: new URL(`/portal/t/${this.sign(tenantId, ticketId, now)}`, this.baseUrl).toString(),
      expiresAt: new Date(Math.floor((now + this.lifetimeMs) / 1000) * 1000).toISOString(),
    };
  }

  sign(tenantId: string, ticketId: string, now = Date.now()): string {
    const claim = Buffer.from(
      JSON.stringify([tenantId, ticketId, Math.floor((now + this.lifetimeMs) / 1000)]),
    ).toString('base64url');
    return `${claim}.${this.mac(claim)}`;
  }

  /** The claim, `expired`, or undefined when the token is not one of ours. */
  verify(token: string, now = Date.now()): PortalClaim | 'expired' | undefined {
    const [claim, mac, extra] = token.split('.');
    if (!claim || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(claim));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [tenantId, ticketId, expires] = JSON.parse(Buffer.from(claim, 'base64url').toString('utf8')) as [
      string,
      string,
      number,
    ];
    if (expires * 1000 <= now) return 'expired';
    return { tenantId, ticketId, expires };
  }

  private mac(claim: string): string {
    return createHmac('sha256', this.key).update(claim).digest('base64url');
  }
}
