import { desc, eq, sql } from 'drizzle-orm';
import { auditEvents, users } from '@/db/schema';
import { loadViewer } from '@/lib/auth/viewer';
import { createSession } from '@/lib/auth/sessions';
import { getDb } from '@/lib/db/client';

export const TEST_META = { ip: '127.0.0.1', userAgent: 'vitest' } as const;

/** A signed-in viewer for a demo account (e.g. 'secretary@quorum.local'), with a real session row. */
export async function viewerFor(email: string) {
  const db = getDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (!user) throw new Error(`no demo user ${email}`);
  const sessionId = await createSession(db, user.id, TEST_META);
  const viewer = await loadViewer(db, sessionId);
  if (!viewer) throw new Error(`could not load viewer for ${email}`);
  return viewer;
}

/** A new user with the demo password (its hash copied from a demo account) and no roles. */
export async function createTestUser(email: string, name = 'Người Dùng Thử') {
  const db = getDb();
  const [demo] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'member@quorum.local'));
  const [row] = await db.insert(users).values({ email, name, passwordHash: demo!.hash }).returning({ id: users.id });
  return row!.id;
}

/** A FormData from plain values, as a browser form would post it. */
export function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

/** The newest audit row of an action (the columns tests look at). */
export async function lastAudit(action: string) {
  const [row] = await getDb()
    .select({
      actorId: auditEvents.actorId,
      actorName: auditEvents.actorName,
      organizationId: auditEvents.organizationId,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}
