'use server';

import { z } from 'zod';
import { attendanceStatus } from '@/db/schema';
import { defineAction } from '@/lib/server/action';
import * as room from '@/lib/meetings/room';
import * as votes from '@/lib/votes/ballots';
import { ballotIdSchema, openBallotSchema } from '@/lib/votes/schemas';

// The live meeting room. Every action needs `meeting.participate` (a role in some organisation);
// the decision for the meeting itself is made inside by the meeting access rule
// (lib/meetings/access.ts): participants check in and ask to speak, those who run the meeting
// (chair or approver) move the agenda and give the floor, preparers and runners mark attendance.
// The page follows the changes over SSE, so nothing needs revalidating.

const meetingId = z.uuid();

export const checkIn = defineAction({
  name: 'meeting.attendance.check_in',
  schema: z.object({ meetingId, mode: z.enum(room.SELF_CHECK_IN, { error: 'v:choose_one' }) }),
  permission: 'meeting.participate',
  success: 'room.checkIn.done',
  async run({ viewer, input, tx, audit }) {
    await room.checkIn({ tx, viewer, audit }, input.meetingId, input.mode);
  },
});

export const markAttendance = defineAction({
  name: 'meeting.attendance.mark',
  schema: z
    .object({
      meetingId,
      userId: z.uuid(),
      status: z.enum(attendanceStatus.enumValues, { error: 'v:choose_one' }),
      reason: z.string().trim().max(500).optional(),
    })
    .refine((v) => v.status !== 'excused_absent' || Boolean(v.reason), { path: ['reason'], error: 'v:required' }),
  permission: 'meeting.participate',
  success: 'room.mark.saved',
  async run({ viewer, input, tx, audit }) {
    await room.markAttendance({ tx, viewer, audit }, input.meetingId, input);
  },
});

export const moveAgenda = defineAction({
  name: 'meeting.live.agenda_move',
  schema: z.object({ meetingId, direction: z.enum(['next', 'previous']), from: z.string().max(36).optional() }),
  permission: 'meeting.participate',
  success: 'room.chair.moved',
  async run({ viewer, input, tx, audit }) {
    await room.moveAgenda({ tx, viewer, audit }, input.meetingId, input.direction, input.from);
  },
});

export const giveFloor = defineAction({
  name: 'meeting.speaker.give_floor',
  schema: z.object({ meetingId }),
  permission: 'meeting.participate',
  success: 'room.chair.floorGiven',
  async run({ viewer, input, tx, audit }) {
    await room.giveFloor({ tx, viewer, audit }, input.meetingId);
  },
});

export const endSpeech = defineAction({
  name: 'meeting.speaker.end',
  schema: z.object({ meetingId }),
  permission: 'meeting.participate',
  success: 'room.chair.speechEnded',
  async run({ viewer, input, tx, audit }) {
    await room.endSpeech({ tx, viewer, audit }, input.meetingId);
  },
});

export const requestToSpeak = defineAction({
  name: 'meeting.speaker.request',
  schema: z.object({ meetingId }),
  permission: 'meeting.participate',
  success: 'room.speakers.asked',
  async run({ viewer, input, tx, audit }) {
    await room.requestToSpeak({ tx, viewer, audit }, input.meetingId);
  },
});

export const withdrawRequest = defineAction({
  name: 'meeting.speaker.withdraw',
  schema: z.object({ meetingId }),
  permission: 'meeting.participate',
  success: 'room.speakers.withdrawn',
  async run({ viewer, input, tx, audit }) {
    await room.withdrawRequest({ tx, viewer, audit }, input.meetingId);
  },
});

// Votes (lib/votes). Opening and closing: whoever runs the meeting or holds `vote.manage` for its
// organisation. Decided inside. Members cast through the ballot API (app/api/v1/ballots), which
// the web server answers on its fast path.

export const openBallot = defineAction({
  name: 'vote.ballot.open',
  schema: openBallotSchema,
  permission: 'meeting.participate',
  success: 'votes.done.opened',
  async run({ viewer, input, tx, audit }) {
    return votes.openMeetingBallot({ tx, viewer, audit }, input);
  },
});

export const closeBallot = defineAction({
  name: 'vote.ballot.close',
  schema: ballotIdSchema,
  permission: 'meeting.participate',
  success: 'votes.done.closed',
  async run({ viewer, input, tx, audit }) {
    await votes.closeBallot({ tx, viewer, audit }, input.ballotId);
  },
});
