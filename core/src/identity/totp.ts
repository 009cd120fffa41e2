import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const period = 30;

export interface TotpSetup {
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  uri: string;
  /** The otpauth URI as a QR code, a PNG data URL. */
  qr: string;
}

function totp(secret: string, label = 'Outpost'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Outpost',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** A fresh 160-bit secret (RFC 4226's recommended length) with its URI and QR code. */
export async function newTotpSetup(accountLabel: string): Promise<TotpSetup> {
  const secret = new OTPAuth.Secret({ buffer: new Uint8Array(randomBytes(20)).buffer }).base32;
  const uri = totp(secret, accountLabel).toString();
  return { secret, uri, qr: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
}

/**
 * The time step a code belongs to, when it is right for now (one step of clock drift
 * either way) and newer than `lastStep`, the step of the last accepted code, so that a
 * code cannot be used twice. Undefined otherwise.
 */
export function acceptTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / period) + delta;
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

/** The current code, for tests and tools that stand in for an authenticator app. */
export function currentTotp(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}
