import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { loginThrottle } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';

/** When the key is locked, the time the lock ends. */
export async function lockedUntil(db: Db, key: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(eq(loginThrottle.key, key));
  return row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : undefined;
}

/**
 * Counts one failure atomically (safe across instances). Reaching the limit locks the key and
 * resets the counter, so after the lock the user gets the full number of tries again.
 */
export async function registerFailure(db: Db, key: string): Promise<Date | undefined> {
  const { LOGIN_MAX_FAILURES: max, LOGIN_LOCK_MINUTES: minutes } = env();
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: sql`now()` },
    })
    .returning({ failures: loginThrottle.failures });
  if (row && row.failures >= max) {
    const until = new Date(Date.now() + minutes * 60_000);
    await db.update(loginThrottle).set({ failures: 0, lockedUntil: until }).where(eq(loginThrottle.key, key));
    return until;
  }
  return undefined;
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
