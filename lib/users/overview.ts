import 'server-only';
import { count, isNull } from 'drizzle-orm';
import { bodies, organizations, users } from '@/db/schema';
import type { Db } from '@/lib/db/client';

/** Counts for the administrator's home page. */
export async function systemOverview(db: Db) {
  const [[u], [active], [o], [b]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(users).where(isNull(users.disabledAt)),
    db.select({ n: count() }).from(organizations),
    db.select({ n: count() }).from(bodies),
  ]);
  return { users: u!.n, activeUsers: active!.n, organizations: o!.n, bodies: b!.n };
}
