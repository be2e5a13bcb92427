import 'server-only';
import { eq } from 'drizzle-orm';
import { decode } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { type MembershipRole, memberships, organizations, users } from '@/db/schema';
import { type Db, getDb } from '@/lib/db/client';
import { type RequestMeta, requestMeta } from '@/lib/server/request-meta';
import { authSecret, sessionCookieName } from './cookies';
import { type Action, type Scope, can } from './permissions';
import { resolveSession } from './sessions';
import { isTotpRequired } from './totp-policy';

export type Viewer = {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  sessionId: string;
  totpEnabled: boolean;
  /** An admin requires a second factor for one of the viewer's roles, and it is not set up yet. */
  mustEnrolTotp: boolean;
  mustChangePassword: boolean;
  memberships: {
    organizationId: string;
    organizationName: string;
    organizationPath: string;
    role: MembershipRole;
  }[];
};

/** Loads the viewer of a session id; undefined when the session is not live. */
export async function loadViewer(db: Db, sessionId: string): Promise<Viewer | undefined> {
  const userId = await resolveSession(db, sessionId);
  if (!userId) return undefined;
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      totpEnabledAt: users.totpEnabledAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return undefined;
  const rows = await db
    .select({
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      organizationPath: organizations.path,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.depth, organizations.name);
  const totpRequired = await isTotpRequired(db, { isAdmin: user.isAdmin, memberships: rows });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    isAdmin: user.isAdmin,
    sessionId,
    totpEnabled: Boolean(user.totpEnabledAt),
    mustEnrolTotp: totpRequired && !user.totpEnabledAt,
    mustChangePassword: user.mustChangePassword,
    memberships: rows,
  };
}

/** The session id inside the signed session cookie, if the cookie is present and valid. */
export async function sessionIdFromCookie(value: string | undefined): Promise<string | undefined> {
  if (!value) return undefined;
  try {
    const token = await decode({ token: value, secret: authSecret() });
    return typeof token?.sid === 'string' ? token.sid : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in user of this request (once per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const sessionId = await sessionIdFromCookie((await cookies()).get(sessionCookieName())?.value);
  if (!sessionId) return null;
  return (await loadViewer(getDb(), sessionId)) ?? null;
});

export async function getRequestMeta(): Promise<RequestMeta> {
  return requestMeta(await headers());
}

/**
 * For pages: the viewer, or a redirect to sign-in. Users who must first set a second factor or
 * replace a reset password are sent to their account page.
 */
export async function requireViewer(options: { allowPending?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  if (!options.allowPending && (viewer.mustEnrolTotp || viewer.mustChangePassword)) redirect('/account');
  return viewer;
}

/** For pages: the viewer if allowed, otherwise 404, so a hidden resource is not revealed. */
export async function requirePermission(action: Action, scope?: Scope): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!can(viewer, action, scope)) notFound();
  return viewer;
}
