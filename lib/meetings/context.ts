import 'server-only';
import { eq } from 'drizzle-orm';
import { type Meeting, type MeetingStatus, meetings } from '@/db/schema';
import type { AuditEntry } from '@/lib/audit/record';
import type { Principal } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db/client';
import { AppError, rootCause } from '@/lib/server/errors';
import { type MeetingAccess, meetingAccess } from './access';

export type MeetingActor = Principal & { id: string; name: string };

/**
 * What a meeting change needs from its caller: the transaction, the viewer, the audit writer and
 * a place for work to do after commit (e-mail). An action's `ActionContext` fits as it is.
 */
export type ChangeContext = {
  tx: Db;
  viewer: MeetingActor;
  audit: (entry: AuditEntry) => Promise<void>;
  afterCommit: (task: () => Promise<void> | void) => void;
};

/**
 * The viewer's access to the meeting (404 unless `allowed`), and the meeting row locked for this
 * transaction, so two concurrent transitions are applied one after the other, each seeing the
 * status the other left.
 */
export async function lockMeeting(
  ctx: ChangeContext,
  meetingId: string,
  allowed: (access: MeetingAccess) => boolean,
): Promise<{ access: MeetingAccess; meeting: Meeting }> {
  const access = await meetingAccess(ctx.tx, ctx.viewer, meetingId);
  if (!access || !allowed(access)) throw new AppError('NOT_FOUND');
  const [meeting] = await ctx.tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!meeting) throw new AppError('NOT_FOUND');
  return { access, meeting };
}

/** A clear message when the meeting is not in a status that allows the change. */
export function requireStatus(meeting: Meeting, allowed: readonly MeetingStatus[], messageKey: string) {
  if (!allowed.includes(meeting.status)) throw new AppError('CONFLICT', { messageKey });
}

/** Runs a write that may hit the no-overlap exclusion constraint, answering it on the start time. */
export async function refuseOverlap<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (rootCause(error).code === '23P01') {
      throw new AppError('CONFLICT', { field: 'startsAt', messageKey: 'meetings.errors.overlap' });
    }
    throw error;
  }
}
