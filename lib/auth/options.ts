import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { requestMeta } from '@/lib/server/request-meta';
import { authSecret, sessionCookieName, secureCookies } from './cookies';
import { authenticate } from './credentials';
import { revokeSession } from './sessions';

/**
 * next-auth with credentials needs JWT sessions; the JWT carries only our session id (`sid`),
 * and every request checks that row (lib/auth/viewer.ts), so sessions stay revocable.
 */
export function authOptions(): NextAuthOptions {
  const secure = secureCookies();
  const maxAge = env().SESSION_ABSOLUTE_HOURS * 3600;
  const cookie = (name: string, httpOnly = true) => ({
    name,
    options: { httpOnly, sameSite: 'lax' as const, path: '/', secure },
  });
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge },
    jwt: { maxAge },
    useSecureCookies: secure,
    cookies: {
      sessionToken: cookie(sessionCookieName()),
      csrfToken: cookie(secure ? '__Host-quorum.csrf' : 'quorum.csrf'),
      callbackUrl: cookie(secure ? '__Host-quorum.callback' : 'quorum.callback'),
    },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Quorum',
        credentials: { email: {}, password: {}, otp: {} },
        async authorize(credentials, req) {
          const meta = requestMeta(new Headers(req.headers as Record<string, string>));
          const result = await authenticate(getDb(), credentials, meta);
          if (!result.ok) {
            // next-auth passes the message to the client as `error`; the page translates the code.
            throw new Error(result.lockedUntil ? `${result.code}:${result.lockedUntil.toISOString()}` : result.code);
          }
          return { id: result.userId, name: result.name, email: result.email, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && 'sid' in user) return { sub: user.id, sid: user.sid as string };
        return token;
      },
      session({ session }) {
        return { expires: session.expires }; // the browser needs nothing else from the token
      },
    },
    events: {
      // The app signs out through its own action (lib/auth/actions.ts); this covers a direct
      // call to /api/auth/signout, so that path revokes the session too.
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await revokeSession(getDb(), token.sid);
      },
    },
  };
}
