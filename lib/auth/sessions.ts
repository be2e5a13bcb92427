import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import type { RequestMeta } from '@/lib/server/request-meta';

export async function createSession(db: Db, userId: string, meta: RequestMeta) {
  const absoluteMs = env().SESSION_ABSOLUTE_HOURS * 3_600_000;
  const [row] = await db
    .insert(sessions)
    .values({ userId, expiresAt: new Date(Date.now() + absoluteMs), ip: meta.ip, userAgent: meta.userAgent })
    .returning({ id: sessions.id });
  return row!.id;
}

// Touching last_seen_at on every request would write on every page view; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

/**
 * The user behind a live session, or undefined when the session is unknown, revoked, idle too
 * long, past its absolute lifetime, or its user is disabled. Idle sessions are revoked here.
 */
export async function resolveSession(db: Db, sessionId: string) {
  const idleMs = env().SESSION_IDLE_MINUTES * 60_000;
  const [row] = await db
    .select({
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row || row.revokedAt || row.disabledAt) return undefined;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) return undefined;
  if (now - row.lastSeenAt.getTime() > idleMs) {
    await revokeSession(db, sessionId);
    return undefined;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
  }
  return row.userId;
}

export async function revokeSession(db: Db, sessionId: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user (password change, disabling, admin reset). */
export async function revokeUserSessions(db: Db, userId: string, exceptSessionId?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}
