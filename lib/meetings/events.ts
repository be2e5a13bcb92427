import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/** Postgres channel that carries "meeting X changed" between app instances (LISTEN/NOTIFY). */
export const MEETING_CHANNEL = 'meeting_events';

export type MeetingEventKind = 'status' | 'agenda' | 'current_item' | 'attendance' | 'speakers' | 'invitations' | 'minutes';

/**
 * Announces a change to a meeting. Call it with the transaction that makes the change: Postgres
 * delivers the notification only when that transaction commits, so listeners never see a state
 * that was rolled back. Listeners reload the meeting's state; the payload only says what changed.
 */
export async function announceMeetingChange(db: Db, meetingId: string, kind: MeetingEventKind) {
  await db.execute(sql`select pg_notify(${MEETING_CHANNEL}, ${JSON.stringify({ meetingId, kind })})`);
}
