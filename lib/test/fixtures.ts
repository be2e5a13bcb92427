import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
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
