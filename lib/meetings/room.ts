import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type AttendanceStatus, agendaItems, attendance, bodySeats, invitations, meetings, speakerRequests } from '@/db/schema';
import type { AuditEntry } from '@/lib/audit/record';
import type { Principal } from '@/lib/auth/permissions';
import type { Transaction } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import { type MeetingAccess, meetingAccess } from './access';
import { announceMeetingChange } from './events';

/**
 * The commands of the live meeting room: check-in and attendance marks, the chair's agenda and
 * floor controls, and members' requests to speak. Each runs in the caller's transaction, checks
 * the meeting access rule itself (404 for those who may not see the meeting), writes its audit
 * row and announces the change (delivered to listeners only when the transaction commits).
 */

export type RoomContext = {
  tx: Transaction;
  viewer: Principal & { id: string };
  audit: (entry: AuditEntry) => Promise<void>;
};

export const SELF_CHECK_IN = ['present', 'online'] as const;
export type SelfCheckIn = (typeof SELF_CHECK_IN)[number];

const conflict = (key: string) => new AppError('CONFLICT', { messageKey: `room.errors.${key}` });

async function access(ctx: RoomContext, meetingId: string, allowed?: (a: MeetingAccess) => boolean) {
  const found = await meetingAccess(ctx.tx, ctx.viewer, meetingId);
  if (!found || (allowed && !allowed(found))) throw new AppError('NOT_FOUND');
  return found;
}

/**
 * Locks the meeting row and returns its live fields. `update` serialises the chair's controls
 * (two quick taps on "next" move one item each, in turn); `share` lets check-ins run side by side
 * while still waiting for a close or a chair's move to finish.
 */
async function lockMeeting(ctx: RoomContext, meetingId: string, mode: 'update' | 'share') {
  const [row] = await ctx.tx
    .select({ status: meetings.status, currentAgendaItemId: meetings.currentAgendaItemId, organizationId: meetings.organizationId })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for(mode);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function requireInProgress(status: string) {
  if (status !== 'in_progress') throw conflict('notInProgress');
}

const isParticipant = (a: MeetingAccess) => Boolean(a.seat || a.invitation);
const canMark = (a: MeetingAccess) => a.canPrepare || a.canRun;

function auditEntry(meeting: { organizationId: string }, meetingId: string, action: string, details: Record<string, unknown>): AuditEntry {
  return { action, organizationId: meeting.organizationId, entityType: 'meeting', entityId: meetingId, details };
}

/** A member checks themself in, in the room or online. Only while the meeting is in progress. */
export async function checkIn(ctx: RoomContext, meetingId: string, mode: SelfCheckIn) {
  const found = await access(ctx, meetingId);
  if (!isParticipant(found)) throw conflict('notParticipant');
  const meeting = await lockMeeting(ctx, meetingId, 'share');
  requireInProgress(meeting.status);
  const [previous] = await ctx.tx
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, ctx.viewer.id)));
  if (previous?.status === mode) return { changed: false };
  await ctx.tx
    .insert(attendance)
    .values({ meetingId, userId: ctx.viewer.id, status: mode, checkedInAt: sql`now()`, markedBy: ctx.viewer.id })
    .onConflictDoUpdate({
      target: [attendance.meetingId, attendance.userId],
      set: {
        status: mode,
        checkedInAt: sql`coalesce(${attendance.checkedInAt}, now())`,
        markedBy: ctx.viewer.id,
        reason: null,
        updatedAt: sql`now()`,
      },
    });
  await ctx.audit(auditEntry(meeting, meetingId, 'meeting.attendance.check_in', { status: mode, previous: previous?.status ?? null }));
  await announceMeetingChange(ctx.tx, meetingId, 'attendance');
  return { changed: true };
}

/** Meetings whose attendance the clerk may record: before (excuses), during and after (corrections). */
const MARKABLE = new Set(['invited', 'in_progress', 'closed']);

/**
 * The clerk (or whoever prepares or runs the meeting) records anyone's attendance. An excused
 * absence needs its reason (the minutes list it). The person must hold a seat or an invitation.
 */
export async function markAttendance(
  ctx: RoomContext,
  meetingId: string,
  input: { userId: string; status: AttendanceStatus; reason?: string | null },
) {
  const found = await access(ctx, meetingId, canMark);
  const meeting = await lockMeeting(ctx, meetingId, 'share');
  if (!MARKABLE.has(meeting.status)) throw conflict('notMarkable');
  const reason = input.reason?.trim() || null;
  if (input.status === 'excused_absent' && !reason) {
    throw new AppError('VALIDATION_FAILED', { field: 'reason', messageKey: 'room.errors.reasonRequired' });
  }
  const [expected] = await ctx.tx
    .select({ one: sql<number>`1` })
    .from(invitations)
    .where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, input.userId)))
    .union(
      ctx.tx
        .select({ one: sql<number>`1` })
        .from(bodySeats)
        .where(and(eq(bodySeats.bodyId, found.meeting.bodyId), eq(bodySeats.userId, input.userId))),
    );
  if (!expected) throw new AppError('NOT_FOUND', { field: 'userId' });
  const present = input.status === 'present' || input.status === 'online' || input.status === 'late';
  await ctx.tx
    .insert(attendance)
    .values({
      meetingId,
      userId: input.userId,
      status: input.status,
      checkedInAt: present ? sql`now()` : null,
      markedBy: ctx.viewer.id,
      reason,
    })
    .onConflictDoUpdate({
      target: [attendance.meetingId, attendance.userId],
      set: {
        status: input.status,
        checkedInAt: present ? sql`coalesce(${attendance.checkedInAt}, now())` : null,
        markedBy: ctx.viewer.id,
        reason,
        updatedAt: sql`now()`,
      },
    });
  // The reason may be personal (health, family): the audit row says one was given, not what it is.
  await ctx.audit(
    auditEntry(meeting, meetingId, 'meeting.attendance.mark', { userId: input.userId, status: input.status, reasonGiven: Boolean(reason) }),
  );
  await announceMeetingChange(ctx.tx, meetingId, 'attendance');
}

export type Direction = 'next' | 'previous';

/**
 * The chair moves to the next or previous agenda item; its timer starts again. `from` is the item
 * the chair's screen showed ('' for none): when someone else moved first, the move is refused
 * instead of skipping an item.
 */
export async function moveAgenda(ctx: RoomContext, meetingId: string, direction: Direction, from?: string) {
  await access(ctx, meetingId, (a) => a.canRun);
  const meeting = await lockMeeting(ctx, meetingId, 'update');
  requireInProgress(meeting.status);
  if (from !== undefined && (from || null) !== meeting.currentAgendaItemId) throw conflict('agendaMoved');
  const items = await ctx.tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  if (items.length === 0) throw conflict('noAgenda');
  const index = items.findIndex((item) => item.id === meeting.currentAgendaItemId);
  const target = direction === 'next' ? items[index + 1] : index > 0 ? items[index - 1] : undefined;
  if (!target) throw conflict(direction === 'next' ? 'noNextItem' : 'noPreviousItem');
  await ctx.tx
    .update(meetings)
    .set({ currentAgendaItemId: target.id, currentItemStartedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(meetings.id, meetingId));
  await ctx.audit(
    auditEntry(meeting, meetingId, 'meeting.live.agenda_move', { direction, from: meeting.currentAgendaItemId, to: target.id }),
  );
  await announceMeetingChange(ctx.tx, meetingId, 'current_item');
  return { itemId: target.id };
}

/** A participant asks to speak; one open request (waiting or speaking) per member (unique index). */
export async function requestToSpeak(ctx: RoomContext, meetingId: string) {
  const found = await access(ctx, meetingId);
  if (!isParticipant(found)) throw conflict('notParticipant');
  const meeting = await lockMeeting(ctx, meetingId, 'share');
  requireInProgress(meeting.status);
  const [row] = await ctx.tx
    .insert(speakerRequests)
    .values({ meetingId, userId: ctx.viewer.id, agendaItemId: meeting.currentAgendaItemId, requestedAt: sql`clock_timestamp()` })
    .onConflictDoNothing()
    .returning({ id: speakerRequests.id });
  if (!row) throw conflict('alreadyRequested');
  await ctx.audit(auditEntry(meeting, meetingId, 'meeting.speaker.request', { requestId: row.id }));
  await announceMeetingChange(ctx.tx, meetingId, 'speakers');
  return { requestId: row.id };
}

/** A participant withdraws their waiting request (the chair ends a speech that has started). */
export async function withdrawRequest(ctx: RoomContext, meetingId: string) {
  await access(ctx, meetingId);
  const meeting = await lockMeeting(ctx, meetingId, 'share');
  const [row] = await ctx.tx
    .update(speakerRequests)
    .set({ status: 'withdrawn', endedAt: sql`now()` })
    .where(
      and(eq(speakerRequests.meetingId, meetingId), eq(speakerRequests.userId, ctx.viewer.id), eq(speakerRequests.status, 'waiting')),
    )
    .returning({ id: speakerRequests.id });
  if (!row) throw conflict('noOpenRequest');
  await ctx.audit(auditEntry(meeting, meetingId, 'meeting.speaker.withdraw', { requestId: row.id }));
  await announceMeetingChange(ctx.tx, meetingId, 'speakers');
}

async function endCurrentSpeech(ctx: RoomContext, meetingId: string) {
  const [ended] = await ctx.tx
    .update(speakerRequests)
    .set({ status: 'done', endedAt: sql`now()` })
    .where(and(eq(speakerRequests.meetingId, meetingId), eq(speakerRequests.status, 'speaking')))
    .returning({ id: speakerRequests.id });
  return ended?.id ?? null;
}

/**
 * The chair gives the floor to the first waiting speaker, in the order of asking. Whoever was
 * speaking is done first, so only one person ever holds the floor (the meeting row lock
 * serialises the chair's controls).
 */
export async function giveFloor(ctx: RoomContext, meetingId: string) {
  await access(ctx, meetingId, (a) => a.canRun);
  const meeting = await lockMeeting(ctx, meetingId, 'update');
  requireInProgress(meeting.status);
  const [next] = await ctx.tx
    .select({ id: speakerRequests.id, userId: speakerRequests.userId })
    .from(speakerRequests)
    .where(and(eq(speakerRequests.meetingId, meetingId), eq(speakerRequests.status, 'waiting')))
    .orderBy(asc(speakerRequests.requestedAt), asc(speakerRequests.id))
    .limit(1);
  if (!next) throw conflict('queueEmpty');
  const endedRequestId = await endCurrentSpeech(ctx, meetingId);
  await ctx.tx
    .update(speakerRequests)
    .set({ status: 'speaking', startedAt: sql`now()`, agendaItemId: meeting.currentAgendaItemId })
    .where(eq(speakerRequests.id, next.id));
  await ctx.audit(
    auditEntry(meeting, meetingId, 'meeting.speaker.give_floor', { requestId: next.id, userId: next.userId, endedRequestId }),
  );
  await announceMeetingChange(ctx.tx, meetingId, 'speakers');
  return { requestId: next.id };
}

/** The chair ends the current speech. */
export async function endSpeech(ctx: RoomContext, meetingId: string) {
  await access(ctx, meetingId, (a) => a.canRun);
  const meeting = await lockMeeting(ctx, meetingId, 'update');
  requireInProgress(meeting.status);
  const endedRequestId = await endCurrentSpeech(ctx, meetingId);
  if (!endedRequestId) throw conflict('nobodySpeaking');
  await ctx.audit(auditEntry(meeting, meetingId, 'meeting.speaker.end', { requestId: endedRequestId }));
  await announceMeetingChange(ctx.tx, meetingId, 'speakers');
}
