'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { defineAction } from '@/lib/server/action';
import { sessionCookieName, secureCookies } from './cookies';
import { revokeSession } from './sessions';

/** Ends this session on the server (not just the cookie) and audits it. */
export const signOut = defineAction({
  name: 'auth.sign_out',
  permission: 'account.manage',
  schema: z.object({}),
  allowPending: true,
  redirectTo: '/login',
  async run({ viewer, tx, audit }) {
    await revokeSession(tx, viewer.sessionId);
    await audit({ action: 'auth.sign_out', entityType: 'session', entityId: viewer.sessionId });
    // A `__Host-` cookie is only replaced by a Secure one with path=/, so expire it explicitly.
    (await cookies()).set(sessionCookieName(), '', { path: '/', maxAge: 0, httpOnly: true, secure: secureCookies() });
  },
});
