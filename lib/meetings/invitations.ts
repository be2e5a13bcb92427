import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { bodies, bodySeats, invitations, users } from '@/db/schema';
import { type Notice, notify } from '@/lib/notifications/notify';
import { notificationTranslator } from '@/lib/notifications/translate';
import { AppError } from '@/lib/server/errors';
import { type ChangeContext, lockMeeting, requireStatus } from './context';
import { announceMeetingChange } from './events';
import { EDITABLE } from './lifecycle';
import type { ReplyInput } from './schemas';
import { formatMeetingWhen } from './time';

/**
 * An invitee answers "attending" or "excused" (with a reason) once invitations are out, until the
 * meeting closes. Answering again replaces the earlier answer.
 */
export async function replyToInvitation(ctx: ChangeContext, input: ReplyInput) {
  const { access, meeting } = await lockMeeting(ctx, input.meetingId, (a) => Boolean(a.invitation));
  if (['closed', 'minutes_approved', 'cancelled'].includes(meeting.status)) {
    throw new AppError('CONFLICT', { messageKey: meeting.status === 'cancelled' ? 'meetings.errors.replyCancelled' : 'meetings.errors.replyClosed' });
  }
  requireStatus(meeting, ['invited', 'in_progress'], 'meetings.errors.replyNotYet');
  const reason = input.response === 'excused' ? input.reason : null;
  await ctx.tx
    .update(invitations)
    .set({ response: input.response, reason, respondedAt: new Date() })
    .where(and(eq(invitations.meetingId, meeting.id), eq(invitations.userId, ctx.viewer.id)));
  // The reason may be personal (health, family): it stays on the invitation, not in the audit log.
  await ctx.audit({
    action: 'meeting.reply',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: { response: input.response, previous: access.invitation?.response, guest: access.invitation?.isGuest },
  });
  await announceMeetingChange(ctx.tx, meeting.id, 'invitations');
}

/**
 * A named guest (any organisation) found by e-mail, invited by a preparer while the meeting is a
 * draft or invited; once invitations are out the guest is notified at once. Guests never count
 * for quorum; members of the body are invited through their seat, not as guests.
 */
export async function addGuest(ctx: ChangeContext, input: { meetingId: string; email: string }) {
  const { meeting } = await lockMeeting(ctx, input.meetingId, (a) => a.canPrepare);
  requireStatus(meeting, EDITABLE, 'meetings.errors.guestsLocked');
  const [user] = await ctx.tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, input.email.toLowerCase()), isNull(users.disabledAt)));
  if (!user) throw new AppError('VALIDATION_FAILED', { field: 'email', messageKey: 'meetings.errors.guestNotFound' });
  const [seat] = await ctx.tx
    .select({ userId: bodySeats.userId })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, meeting.bodyId), eq(bodySeats.userId, user.id)));
  if (seat) throw new AppError('VALIDATION_FAILED', { field: 'email', messageKey: 'meetings.errors.guestIsSeatHolder' });
  const inserted = await ctx.tx
    .insert(invitations)
    .values({ meetingId: meeting.id, userId: user.id, isGuest: true })
    .onConflictDoNothing()
    .returning({ userId: invitations.userId });
  if (!inserted.length) throw new AppError('VALIDATION_FAILED', { field: 'email', messageKey: 'meetings.errors.guestAlreadyInvited' });

  if (meeting.status === 'invited') {
    const t = await notificationTranslator();
    const [body] = await ctx.tx.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, meeting.bodyId));
    const notice: Notice = {
      userId: user.id,
      kind: 'meeting.invited',
      title: t('meetingInvited.title', { title: meeting.title }),
      body: t('meetingInvited.body', {
        body: body?.name ?? '',
        title: meeting.title,
        when: formatMeetingWhen(meeting.startsAt, meeting.endsAt),
        place: [meeting.location, meeting.onlineUrl].filter(Boolean).join(' · '),
      }),
      link: `/meetings/${meeting.id}`,
    };
    ctx.afterCommit(await notify(ctx.tx, [notice]));
    await ctx.tx
      .update(invitations)
      .set({ notifiedAt: new Date() })
      .where(and(eq(invitations.meetingId, meeting.id), eq(invitations.userId, user.id)));
  }
  await ctx.audit({
    action: 'meeting.guest.add',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: { userId: user.id, notified: meeting.status === 'invited' },
  });
  await announceMeetingChange(ctx.tx, meeting.id, 'invitations');
  return { userId: user.id, name: user.name };
}

export async function removeGuest(ctx: ChangeContext, input: { meetingId: string; userId: string }) {
  const { meeting } = await lockMeeting(ctx, input.meetingId, (a) => a.canPrepare);
  requireStatus(meeting, EDITABLE, 'meetings.errors.guestsLocked');
  const removed = await ctx.tx
    .delete(invitations)
    .where(and(eq(invitations.meetingId, meeting.id), eq(invitations.userId, input.userId), eq(invitations.isGuest, true)))
    .returning({ userId: invitations.userId });
  if (!removed.length) throw new AppError('NOT_FOUND');
  await ctx.audit({
    action: 'meeting.guest.remove',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: { userId: input.userId },
  });
  await announceMeetingChange(ctx.tx, meeting.id, 'invitations');
}
