import 'server-only';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { type Meeting, type SeatStatus, bodies, bodySeats, invitations, meetings, organizations } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { notificationTranslator } from '@/lib/notifications/translate';
import { type Notice, notify } from '@/lib/notifications/notify';
import { AppError } from '@/lib/server/errors';
import { type ChangeContext, lockMeeting, refuseOverlap, requireStatus } from './context';
import { announceMeetingChange } from './events';
import type { CreateMeetingInput, RescheduleInput, UpdateMeetingInput } from './schemas';
import { formatMeetingWhen } from './time';

/**
 * The meeting status machine:
 *   draft ──invite──▶ invited ──open──▶ in_progress ──close──▶ closed (──▶ minutes_approved, minutes module)
 *   draft | invited ──cancel (reason)──▶ cancelled
 * Who: preparers create, edit, reschedule (draft/invited); approvers send invitations and cancel;
 * the chair or an approver opens and closes. Every change is audited and announced.
 */

/** Seats that are not invited: members on temporary transfer, suspended or detained (Regulation 24-QĐ/TW §9.3). */
export const NOT_INVITED_SEATS: readonly SeatStatus[] = ['temporarily_transferred', 'suspended', 'detained'];
/** Seats whose holders may chair or take the minutes. */
const SERVING_SEATS: readonly SeatStatus[] = ['active', 'exempted'];

export const EDITABLE: readonly Meeting['status'][] = ['draft', 'invited'];

const linkTo = (meetingId: string) => `/meetings/${meetingId}`;

function placeOf(meeting: Pick<Meeting, 'location' | 'onlineUrl'>) {
  return [meeting.location, meeting.onlineUrl].filter(Boolean).join(' · ');
}

/** Chair and minute-taker must hold a serving seat on the body. */
async function checkOfficers(ctx: ChangeContext, bodyId: string, input: { chairId: string; minuteTakerId: string }) {
  const seats = await ctx.tx
    .select({ userId: bodySeats.userId })
    .from(bodySeats)
    .where(
      and(
        eq(bodySeats.bodyId, bodyId),
        inArray(bodySeats.userId, [input.chairId, input.minuteTakerId]),
        inArray(bodySeats.status, [...SERVING_SEATS]),
      ),
    );
  const seated = new Set(seats.map((s) => s.userId));
  for (const field of ['chairId', 'minuteTakerId'] as const) {
    if (!seated.has(input[field])) throw new AppError('VALIDATION_FAILED', { field, messageKey: 'meetings.errors.notSeatHolder' });
  }
}

/** Notifies every invitee of the meeting (optionally only those already notified) and stamps notifiedAt. */
async function notifyInvitees(
  ctx: ChangeContext,
  meeting: Meeting,
  kind: string,
  text: (t: Awaited<ReturnType<typeof notificationTranslator>>) => { title: string; body: string },
) {
  const rows = await ctx.tx
    .select({ userId: invitations.userId })
    .from(invitations)
    .where(eq(invitations.meetingId, meeting.id));
  if (!rows.length) return 0;
  const t = await notificationTranslator();
  const { title, body } = text(t);
  const notices: Notice[] = rows.map((r) => ({ userId: r.userId, kind, title, body, link: linkTo(meeting.id) }));
  ctx.afterCommit(await notify(ctx.tx, notices));
  await ctx.tx.update(invitations).set({ notifiedAt: new Date() }).where(eq(invitations.meetingId, meeting.id));
  return rows.length;
}

async function bodyName(ctx: ChangeContext, bodyId: string) {
  const [row] = await ctx.tx.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, bodyId));
  return row?.name ?? '';
}

export async function createMeeting(ctx: ChangeContext, input: CreateMeetingInput): Promise<{ meetingId: string }> {
  const [body] = await ctx.tx
    .select({ id: bodies.id, organizationId: bodies.organizationId, path: organizations.path })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(bodies.id, input.bodyId));
  if (!body || !can(ctx.viewer, 'meeting.prepare', { organizationPath: body.path })) {
    throw new AppError('VALIDATION_FAILED', { field: 'bodyId', messageKey: 'meetings.errors.bodyNotAllowed' });
  }
  await checkOfficers(ctx, body.id, input);
  const [row] = await refuseOverlap(() =>
    ctx.tx
      .insert(meetings)
      .values({
        organizationId: body.organizationId,
        bodyId: body.id,
        kind: input.kind,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location: input.location,
        onlineUrl: input.onlineUrl,
        chairId: input.chairId,
        minuteTakerId: input.minuteTakerId,
        createdBy: ctx.viewer.id,
      })
      .returning({ id: meetings.id }),
  );
  const meetingId = row!.id;
  await ctx.audit({
    action: 'meeting.create',
    organizationId: body.organizationId,
    entityType: 'meeting',
    entityId: meetingId,
    details: { bodyId: body.id, kind: input.kind, startsAt: input.startsAt.toISOString() },
  });
  await announceMeetingChange(ctx.tx, meetingId, 'status');
  return { meetingId };
}

/** Title, kind, place, chair and minute-taker (draft or invited). Invitees hear of a new place. */
export async function updateMeeting(ctx: ChangeContext, input: UpdateMeetingInput) {
  const { meeting } = await lockMeeting(ctx, input.meetingId, (a) => a.canPrepare);
  requireStatus(meeting, EDITABLE, 'meetings.errors.notEditable');
  await checkOfficers(ctx, meeting.bodyId, input);
  const next = {
    kind: input.kind,
    title: input.title,
    location: input.location,
    onlineUrl: input.onlineUrl,
    chairId: input.chairId,
    minuteTakerId: input.minuteTakerId,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== meeting[k]);
  if (!changed.length) return;
  await ctx.tx.update(meetings).set({ ...next, updatedAt: new Date() }).where(eq(meetings.id, meeting.id));
  await ctx.audit({ action: 'meeting.update', organizationId: meeting.organizationId, entityType: 'meeting', entityId: meeting.id, details: { changed } });
  if (meeting.status === 'invited' && (changed.includes('location') || changed.includes('onlineUrl'))) {
    const updated = { ...meeting, ...next };
    await notifyInvitees(ctx, updated, 'meeting.updated', (t) => ({
      title: t('meetingUpdated.title', { title: updated.title }),
      body: t('meetingUpdated.body', { title: updated.title, when: formatMeetingWhen(updated.startsAt, updated.endsAt), place: placeOf(updated) }),
    }));
  }
  await announceMeetingChange(ctx.tx, meeting.id, 'status');
}

/**
 * New date and time (draft or invited). Once invitations are out, every invitee is told and the
 * replies start again: an answer given for the old time says nothing about the new one.
 */
export async function rescheduleMeeting(ctx: ChangeContext, input: RescheduleInput) {
  const { meeting } = await lockMeeting(ctx, input.meetingId, (a) => a.canPrepare);
  requireStatus(meeting, EDITABLE, 'meetings.errors.notReschedulable');
  await refuseOverlap(() =>
    ctx.tx
      .update(meetings)
      .set({ startsAt: input.startsAt, endsAt: input.endsAt, updatedAt: new Date() })
      .where(eq(meetings.id, meeting.id)),
  );
  let notified = 0;
  if (meeting.status === 'invited') {
    await ctx.tx
      .update(invitations)
      .set({ response: 'pending', reason: null, respondedAt: null })
      .where(eq(invitations.meetingId, meeting.id));
    const from = formatMeetingWhen(meeting.startsAt, meeting.endsAt);
    const to = formatMeetingWhen(input.startsAt, input.endsAt);
    notified = await notifyInvitees(ctx, meeting, 'meeting.rescheduled', (t) => ({
      title: t('meetingRescheduled.title', { title: meeting.title }),
      body: [t('meetingRescheduled.body', { title: meeting.title, from, to }), input.reason ? t('reason', { reason: input.reason }) : '']
        .filter(Boolean)
        .join('\n'),
    }));
  }
  await ctx.audit({
    action: 'meeting.reschedule',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: {
      from: meeting.startsAt.toISOString(),
      to: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
      notified,
    },
  });
  await announceMeetingChange(ctx.tx, meeting.id, 'status');
  if (notified) await announceMeetingChange(ctx.tx, meeting.id, 'invitations');
}

/**
 * Approve and send the invitations (draft → invited): one invitation per seat of the body except
 * members on temporary transfer, suspended or detained; guests added earlier are kept; everyone
 * invited is notified.
 */
export async function sendInvitations(ctx: ChangeContext, meetingId: string) {
  const { meeting } = await lockMeeting(ctx, meetingId, (a) => a.canApprove);
  requireStatus(meeting, ['draft'], 'meetings.errors.notDraft');
  const seats = await ctx.tx
    .select({ userId: bodySeats.userId })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, meeting.bodyId), notInArray(bodySeats.status, [...NOT_INVITED_SEATS])));
  if (seats.length) {
    await ctx.tx
      .insert(invitations)
      .values(seats.map((s) => ({ meetingId: meeting.id, userId: s.userId, isGuest: false })))
      .onConflictDoNothing();
  }
  const now = new Date();
  await ctx.tx.update(meetings).set({ status: 'invited', invitedAt: now, updatedAt: now }).where(eq(meetings.id, meeting.id));
  const body = await bodyName(ctx, meeting.bodyId);
  const invited = await notifyInvitees(ctx, meeting, 'meeting.invited', (t) => ({
    title: t('meetingInvited.title', { title: meeting.title }),
    body: t('meetingInvited.body', { body, title: meeting.title, when: formatMeetingWhen(meeting.startsAt, meeting.endsAt), place: placeOf(meeting) }),
  }));
  const [guests] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.meetingId, meeting.id), eq(invitations.isGuest, true)));
  await ctx.audit({
    action: 'meeting.invite',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: { invited, seats: seats.length, guests: guests?.n ?? 0 },
  });
  await announceMeetingChange(ctx.tx, meeting.id, 'status');
  await announceMeetingChange(ctx.tx, meeting.id, 'invitations');
  return { invited };
}

/** invited → in_progress, by the chair or an approver. */
export async function openMeeting(ctx: ChangeContext, meetingId: string) {
  const { meeting } = await lockMeeting(ctx, meetingId, (a) => a.canRun);
  requireStatus(meeting, ['invited'], 'meetings.errors.notOpenable');
  const now = new Date();
  await ctx.tx.update(meetings).set({ status: 'in_progress', startedAt: now, updatedAt: now }).where(eq(meetings.id, meeting.id));
  await ctx.audit({ action: 'meeting.open', organizationId: meeting.organizationId, entityType: 'meeting', entityId: meeting.id });
  await announceMeetingChange(ctx.tx, meeting.id, 'status');
}

/** in_progress → closed, by the chair or an approver. */
export async function closeMeeting(ctx: ChangeContext, meetingId: string) {
  const { meeting } = await lockMeeting(ctx, meetingId, (a) => a.canRun);
  requireStatus(meeting, ['in_progress'], 'meetings.errors.notClosable');
  const now = new Date();
  await ctx.tx.update(meetings).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(meetings.id, meeting.id));
  await ctx.audit({ action: 'meeting.close', organizationId: meeting.organizationId, entityType: 'meeting', entityId: meeting.id });
  await announceMeetingChange(ctx.tx, meeting.id, 'status');
}

/** draft | invited → cancelled with a reason, by an approver; invitees are told why. */
export async function cancelMeeting(ctx: ChangeContext, input: { meetingId: string; reason: string }) {
  const { meeting } = await lockMeeting(ctx, input.meetingId, (a) => a.canApprove);
  requireStatus(meeting, EDITABLE, 'meetings.errors.notCancellable');
  await ctx.tx
    .update(meetings)
    .set({ status: 'cancelled', cancelReason: input.reason, updatedAt: new Date() })
    .where(eq(meetings.id, meeting.id));
  // Guests added to a draft have not been invited yet, so only a sent meeting is announced.
  const notified =
    meeting.status === 'invited'
      ? await notifyInvitees(ctx, meeting, 'meeting.cancelled', (t) => ({
          title: t('meetingCancelled.title', { title: meeting.title }),
          body: [t('meetingCancelled.body', { title: meeting.title, when: formatMeetingWhen(meeting.startsAt, meeting.endsAt) }), t('reason', { reason: input.reason })].join('\n'),
        }))
      : 0;
  await ctx.audit({
    action: 'meeting.cancel',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: { from: meeting.status, reason: input.reason, notified },
  });
  await announceMeetingChange(ctx.tx, meeting.id, 'status');
}
