import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/** Postgres channel that carries "meeting X changed" between app instances (LISTEN/NOTIFY). */
export const MEETING_CHANNEL = 'meeting_events';

export type MeetingEventKind =
  | 'status'
  | 'agenda'
  | 'current_item'
  | 'attendance'
  | 'speakers'
  | 'invitations'
  | 'minutes'
  | 'ballot'
  /** A vote was cast: only the "31 of 35 have voted" counter moved; listeners throttle it. */
  | 'ballot_progress';

/**
 * Announces a change to a meeting. Call it with the transaction that makes the change: Postgres
 * delivers the notification only when that transaction commits, so listeners never see a state
 * that was rolled back. Listeners reload the meeting's state; the payload only says what changed.
 */
export async function announceMeetingChange(db: Db, meetingId: string, kind: MeetingEventKind) {
  await db.execute(sql`select ${meetingChangeNotice(meetingId, kind)}`);
}

/**
 * The announcement as an SQL expression, to fold it into the statement that makes the change
 * (the meeting may be an SQL expression of that statement).
 */
export function meetingChangeNotice(meetingId: string | SQL, kind: MeetingEventKind): SQL {
  return sql`pg_notify(${MEETING_CHANNEL}, json_build_object('meetingId', (${meetingId})::text, 'kind', ${kind}::text)::text)`;
}
