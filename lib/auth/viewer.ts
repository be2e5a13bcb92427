import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { decode } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { type MembershipRole, sessions, users } from '@/db/schema';
import { type Db, getDb } from '@/lib/db/client';
import { type RequestMeta, requestMeta } from '@/lib/server/request-meta';
import { authSecret, sessionCookieName } from './cookies';
import { type Action, type Scope, can } from './permissions';
import { resolveSession } from './sessions';
import { rolesOf } from './totp-policy';

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

// Within this, a live session needs no touch from `resolveSession` (which touches after a minute).
const FRESH_SESSION_SECONDS = 30;

/**
 * Loads the viewer of a session id; undefined when the session is not live. One query on every
 * request: the session, its user, the memberships and the roles that require a second factor.
 * Only a session that is not plainly live or is due for its last-seen touch goes through
 * `resolveSession` (the one place that decides expiry, idle revocation and touching).
 */
export async function loadViewer(db: Db, sessionId: string): Promise<Viewer | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      totpEnabledAt: users.totpEnabledAt,
      mustChangePassword: users.mustChangePassword,
      fresh: sql<boolean>`(${sessions.revokedAt} is null and ${users.disabledAt} is null and ${sessions.expiresAt} > now()
        and ${sessions.lastSeenAt} > now() - make_interval(secs => ${FRESH_SESSION_SECONDS}))`,
      // Qualified by hand: inside the correlated subqueries an unqualified column would be theirs.
      memberships: sql<[string, string, string, MembershipRole][]>`coalesce((
        select json_agg(json_build_array(m.organization_id, o.name, o.path, m.role) order by o.depth, o.name)
        from memberships m join organizations o on o.id = m.organization_id where m.user_id = "users"."id"), '[]'::json)`,
      totpRoles: sql<string[]>`array(select t.role from totp_requirements t)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row) return undefined;
  if (!row.fresh && (await resolveSession(db, sessionId)) !== row.id) return undefined;
  const memberships = row.memberships.map(([organizationId, organizationName, organizationPath, role]) => ({
    organizationId,
    organizationName,
    organizationPath,
    role,
  }));
  const required = new Set(row.totpRoles);
  const totpRequired = rolesOf({ isAdmin: row.isAdmin, memberships }).some((role) => required.has(role));
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isAdmin: row.isAdmin,
    sessionId,
    totpEnabled: Boolean(row.totpEnabledAt),
    mustEnrolTotp: totpRequired && !row.totpEnabledAt,
    mustChangePassword: row.mustChangePassword,
    memberships,
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
