import 'server-only';
import { hkdfSync } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { jwtDecrypt } from 'jose';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { type MembershipRole, sessions, users } from '@/db/schema';
import { batchLoader, perDatabase } from '@/lib/db/batch-loader';
import { type Db, getDb } from '@/lib/db/client';
import { type RequestMeta, requestMeta } from '@/lib/server/request-meta';
import { authSecret, readCookie, sessionCookieName } from './cookies';
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
  const [viewer] = await loadViewers(db, [sessionId]);
  return viewer;
}

/** `loadViewer` for many sessions in one query (requests arriving together share it); in the given order. */
export async function loadViewers(db: Db, sessionIds: readonly string[]): Promise<(Viewer | undefined)[]> {
  let query = viewerQueries.get(db);
  if (!query) viewerQueries.set(db, (query = viewerQuery(db)));
  // Ids come from signed cookies; one that is not a uuid still must not fail the others' query.
  const ids = [...new Set(sessionIds)].filter((id) => UUID.test(id));
  const rows = new Map((ids.length ? await query.execute({ sessionIds: ids }) : []).map((row) => [row.sessionId, row]));
  return Promise.all(sessionIds.map((sessionId) => viewerOf(db, sessionId, rows.get(sessionId))));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ViewerRow = Awaited<ReturnType<ReturnType<typeof viewerQuery>['execute']>>[number];

async function viewerOf(db: Db, sessionId: string, row: ViewerRow | undefined): Promise<Viewer | undefined> {
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

// Built once per database handle and run as a named prepared statement (planned once per
// connection): it runs on every request.
const viewerQueries = new WeakMap<Db, ReturnType<typeof viewerQuery>>();

function viewerQuery(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
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
    .where(sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::uuid[])`)
    .prepare('load_viewers');
}

/**
 * The viewers of requests that arrive together (in one turn of the event loop) are loaded in one
 * query: under a burst, such as a whole committee voting at once, that is one round trip instead
 * of hundreds. Nothing is cached across turns (`cache: false`): every request reads its session anew.
 */
const viewerLoader = perDatabase((db) => batchLoader((ids: readonly string[]) => loadViewers(db, ids)));

/**
 * Cookies already decrypted, with their session id and expiry: decoding derives a key (HKDF) and
 * decrypts on every request, a cost worth sparing on the hot API paths. Only valid cookies are
 * kept (an attacker cannot fill it with junk), at most DECODED_CAP, oldest out first; whether the
 * session is still live is decided by `loadViewer` on every request regardless.
 */
// On globalThis: the web server (lib/cli/serve.ts) runs this module twice, in Next's bundle and
// on the fast path, and a cookie decrypted by one (opening the meeting room) serves the other (voting).
const globalForSessions = globalThis as unknown as { quorumDecodedSessions?: Map<string, { sessionId: string; expiresAt: number }> };
const decoded = (globalForSessions.quorumDecodedSessions ??= new Map());
const DECODED_CAP = 10_000;

/**
 * The key next-auth encrypts its session token with (`next-auth/jwt`: HKDF-SHA256 of the secret,
 * empty salt, this label). Its `decode` derives it again on every call; here once per secret.
 */
let encryptionKey: { secret: string; key: Uint8Array } | undefined;
function sessionEncryptionKey() {
  const secret = authSecret();
  if (encryptionKey?.secret !== secret) {
    encryptionKey = { secret, key: new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32)) };
  }
  return encryptionKey.key;
}

/** The session id inside the signed session cookie, if the cookie is present and valid. */
export async function sessionIdFromCookie(value: string | undefined): Promise<string | undefined> {
  if (!value) return undefined;
  const known = decoded.get(value);
  if (known && known.expiresAt > Date.now()) return known.sessionId;
  if (known) decoded.delete(value);
  try {
    // As next-auth's `decode` does it (a JWE, alg dir / A256GCM, 15 s clock tolerance).
    const { payload: token } = await jwtDecrypt(value, sessionEncryptionKey(), { clockTolerance: 15 });
    if (typeof token.sid !== 'string') return undefined;
    if (typeof token.exp === 'number') {
      if (decoded.size >= DECODED_CAP) decoded.delete(decoded.keys().next().value!);
      decoded.set(value, { sessionId: token.sid, expiresAt: token.exp * 1000 });
    }
    return token.sid;
  } catch {
    return undefined;
  }
}

/** The signed-in user of a request, from its `Cookie` header (routes, also outside Next's request scope). */
export async function viewerFromCookieHeader(header: string | null | undefined): Promise<Viewer | null> {
  const sessionId = await sessionIdFromCookie(readCookie(header, sessionCookieName()));
  if (!sessionId) return null;
  return (await viewerLoader(getDb()).load(sessionId)) ?? null;
}

/** The signed-in user of this request (once per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const sessionId = await sessionIdFromCookie((await cookies()).get(sessionCookieName())?.value);
  if (!sessionId) return null;
  return (await viewerLoader(getDb()).load(sessionId)) ?? null;
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
