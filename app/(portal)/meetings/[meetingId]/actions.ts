'use server';

import { z } from 'zod';
import type { Principal } from '@/lib/auth/permissions';
import type { Transaction } from '@/lib/db/client';
import { type MeetingAccess, meetingAccess } from '@/lib/meetings/access';
import { addGuest as add, removeGuest as remove, replyToInvitation } from '@/lib/meetings/invitations';
import * as lifecycle from '@/lib/meetings/lifecycle';
import {
  addGuestSchema,
  cancelSchema,
  meetingId,
  removeGuestSchema,
  replySchema,
  rescheduleSchema,
  updateMeetingSchema,
} from '@/lib/meetings/schemas';
import { defineAction } from '@/lib/server/action';

// Record-level rule for every action here: the viewer's access to this meeting (lib/meetings/access.ts).
// A meeting the viewer cannot see, or a change their role there does not allow, answers "not found".
const allowed =
  (rule: (access: MeetingAccess) => boolean) =>
  async (viewer: Principal & { id: string }, input: { meetingId: string }, tx: Transaction) => {
    const access = await meetingAccess(tx, viewer, input.meetingId);
    return Boolean(access && rule(access));
  };

const paths = (input: { meetingId: string }) => ['/meetings', `/meetings/${input.meetingId}`, '/notifications'];
const byId = z.object({ meetingId });

/** Preparers: title, kind, place, chair and minute-taker (draft or invited). */
export const updateMeeting = defineAction({
  name: 'meeting.update',
  schema: updateMeetingSchema,
  permission: 'meeting.prepare',
  authorize: allowed((a) => a.canPrepare),
  success: 'meetings.lifecycle.updated',
  revalidate: paths,
  run: (ctx) => lifecycle.updateMeeting(ctx, ctx.input),
});

/** Preparers: a new date and time (draft or invited); invitees are told and reply again. */
export const rescheduleMeeting = defineAction({
  name: 'meeting.reschedule',
  schema: rescheduleSchema,
  permission: 'meeting.prepare',
  authorize: allowed((a) => a.canPrepare),
  success: 'meetings.lifecycle.rescheduled',
  revalidate: paths,
  run: (ctx) => lifecycle.rescheduleMeeting(ctx, ctx.input),
});

/** Approvers (secretary, deputy secretary): draft → invited, invitations to the seats and guests. */
export const sendInvitations = defineAction({
  name: 'meeting.invite',
  schema: byId,
  permission: 'meeting.approve',
  authorize: allowed((a) => a.canApprove),
  success: 'meetings.lifecycle.invited',
  revalidate: paths,
  async run(ctx) {
    const { invited } = await lifecycle.sendInvitations(ctx, ctx.input.meetingId);
    return { invited: String(invited) };
  },
});

/** The chair or an approver: invited → in progress. */
export const openMeeting = defineAction({
  name: 'meeting.open',
  schema: byId,
  permission: 'meeting.participate',
  authorize: allowed((a) => a.canRun),
  success: 'meetings.lifecycle.opened',
  revalidate: paths,
  run: (ctx) => lifecycle.openMeeting(ctx, ctx.input.meetingId),
});

/** The chair or an approver: in progress → closed. */
export const closeMeeting = defineAction({
  name: 'meeting.close',
  schema: byId,
  permission: 'meeting.participate',
  authorize: allowed((a) => a.canRun),
  success: 'meetings.lifecycle.closed',
  revalidate: paths,
  run: (ctx) => lifecycle.closeMeeting(ctx, ctx.input.meetingId),
});

/** Approvers: draft or invited → cancelled, with a reason sent to the invitees. */
export const cancelMeeting = defineAction({
  name: 'meeting.cancel',
  schema: cancelSchema,
  permission: 'meeting.approve',
  authorize: allowed((a) => a.canApprove),
  success: 'meetings.lifecycle.cancelled',
  revalidate: paths,
  run: (ctx) => lifecycle.cancelMeeting(ctx, ctx.input),
});

/** Invitees (members and guests): attending, or excused with a reason. */
export const replyToMeeting = defineAction({
  name: 'meeting.reply',
  schema: replySchema,
  permission: 'meeting.participate',
  authorize: allowed((a) => Boolean(a.invitation)),
  success: 'meetings.reply.saved',
  revalidate: paths,
  run: (ctx) => replyToInvitation(ctx, ctx.input),
});

/** Preparers: a named guest from any organisation, found by e-mail (draft or invited). */
export const addGuest = defineAction({
  name: 'meeting.guest.add',
  schema: addGuestSchema,
  permission: 'meeting.prepare',
  authorize: allowed((a) => a.canPrepare),
  success: 'meetings.guests.added',
  revalidate: paths,
  async run(ctx) {
    await add(ctx, ctx.input);
  },
});

export const removeGuest = defineAction({
  name: 'meeting.guest.remove',
  schema: removeGuestSchema,
  permission: 'meeting.prepare',
  authorize: allowed((a) => a.canPrepare),
  success: 'meetings.guests.removed',
  revalidate: paths,
  run: (ctx) => remove(ctx, ctx.input),
});
