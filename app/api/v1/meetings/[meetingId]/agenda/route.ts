import { z } from 'zod';
import { meetingAccess } from '@/lib/meetings/access';
import { meetingAgenda } from '@/lib/meetings/queries';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';

/** The agenda of a meeting the caller may see; items hidden from guests are left out for guests. */
export const GET = defineRoute({
  name: 'api.meetings.agenda',
  permission: 'meeting.participate',
  schema: z.object({ meetingId: z.string() }),
  authorize: async (viewer, input, db) => Boolean(await meetingAccess(db, viewer, input.meetingId)),
  async handler({ viewer, input, db }) {
    const access = await meetingAccess(db, viewer, input.meetingId);
    if (!access) throw new AppError('NOT_FOUND');
    return { meetingId: access.meeting.id, agendaVersion: access.meeting.agendaVersion, items: await meetingAgenda(db, access) };
  },
});
