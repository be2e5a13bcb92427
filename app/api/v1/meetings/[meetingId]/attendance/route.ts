import { z } from 'zod';
import { meetingAccess } from '@/lib/meetings/access';
import { canSeeInvitees, meetingAttendance } from '@/lib/meetings/queries';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';

/**
 * Attendance and quorum (Regulation 24-QĐ/TW §9.3 counting; guests never count). Only for those
 * who prepare, approve, oversee or run the meeting; everyone else gets 404.
 */
export const GET = defineRoute({
  name: 'api.meetings.attendance',
  permission: 'meeting.participate',
  schema: z.object({ meetingId: z.string() }),
  authorize: async (viewer, input, db) => {
    const access = await meetingAccess(db, viewer, input.meetingId);
    return Boolean(access && canSeeInvitees(access));
  },
  async handler({ viewer, input, db }) {
    const access = await meetingAccess(db, viewer, input.meetingId);
    if (!access) throw new AppError('NOT_FOUND');
    const { seats, marks, quorum } = await meetingAttendance(db, access);
    const markOf = new Map(marks.map((m) => [m.userId, m]));
    return {
      meetingId: access.meeting.id,
      status: access.meeting.status,
      quorum,
      members: seats.map((s) => ({
        userId: s.userId,
        name: s.name,
        title: s.title,
        seatStatus: s.status,
        attendance: markOf.get(s.userId)?.status ?? null,
        checkedInAt: markOf.get(s.userId)?.checkedInAt?.toISOString() ?? null,
        reason: markOf.get(s.userId)?.reason ?? null,
      })),
      guests: marks
        .filter((m) => m.isGuest)
        .map((m) => ({ userId: m.userId, name: m.name, attendance: m.status, checkedInAt: m.checkedInAt?.toISOString() ?? null })),
    };
  },
});
