import { env } from '@/lib/env';

/**
 * Secure cookies (and the `__Host-` prefix, which requires them) on https and on localhost,
 * which browsers treat as a secure context; plain http on a LAN address would lose them.
 */
export function secureCookies(): boolean {
  const { COOKIE_SECURE, NEXTAUTH_URL } = env();
  if (COOKIE_SECURE !== 'auto') return COOKIE_SECURE === 'true';
  if (!NEXTAUTH_URL) return false;
  const url = new URL(NEXTAUTH_URL);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function sessionCookieName(): string {
  return secureCookies() ? '__Host-quorum.session' : 'quorum.session';
}

export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: start Quorum with `npm start` or set it.');
  return secret;
}

/** One cookie's value from a `Cookie` request header (RFC 6265 pairs; values may be percent-encoded). */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
