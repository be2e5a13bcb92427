import { eq, sql } from 'drizzle-orm';
import { type AttendanceStatus, type SeatStatus, attendance, bodySeats, users } from '@/db/schema';
import { auditor } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { TEST_META } from '@/lib/test/fixtures';
import type { VoteActor, VoteContext } from './ballots';

// Test data for the voting tests (imported by tests only).

/** Runs a voting command as `viewer` in its own transaction, as an action or route would. */
export async function asVoter<T>(viewer: VoteActor, command: (ctx: VoteContext) => Promise<T>): Promise<T> {
  return getDb().transaction((tx) =>
    command({ tx, viewer, audit: auditor(tx, { id: viewer.id, name: viewer.name ?? 'test' }, TEST_META) }),
  );
}

/** A bare principal for a user id: enough to cast (eligibility comes from the ballot's snapshot). */
export const principalOf = (id: string): VoteActor => ({ id, name: 'Đảng viên', isAdmin: false, memberships: [] });

let serial = 0;

/** Adds `n` new users with active seats on a body; returns their ids. */
export async function addSeatedUsers(bodyId: string, n: number, status: SeatStatus = 'active') {
  const db = getDb();
  const [demo] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'member@quorum.local'));
  const run = ++serial;
  const rows = await db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `voter-${run}-${i}@test.local`, name: `Cử tri ${run}-${i}`, passwordHash: demo!.hash })))
    .returning({ id: users.id });
  await db.insert(bodySeats).values(rows.map((r) => ({ bodyId, userId: r.id, status })));
  return rows.map((r) => r.id);
}

export async function setSeatStatus(bodyId: string, userId: string, status: SeatStatus) {
  await getDb().update(bodySeats).set({ status }).where(sql`${bodySeats.bodyId} = ${bodyId} and ${bodySeats.userId} = ${userId}`);
}

export async function mark(meetingId: string, userId: string, status: AttendanceStatus) {
  await getDb()
    .insert(attendance)
    .values({ meetingId, userId, status })
    .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { status } });
}
