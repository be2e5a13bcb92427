import 'server-only';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totp(secret: string, label = '') {
  return new TOTP({ issuer: 'Quorum', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/**
 * The time step of a valid code (±1 step for clock drift), or undefined. A step at or before
 * `lastStep` is refused, so a code seen once cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, lastStep: number | null, now = Date.now()) {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secret).validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

export function totpCodeAt(secret: string, timestamp: number) {
  return totp(secret).generate({ timestamp });
}
