import { z } from 'zod';
import { meetingStatus } from '@/db/schema';
import { listMeetings } from '@/lib/meetings/queries';
import { defineRoute } from '@/lib/server/route';

/** Meetings the caller may see (lib/meetings/access.ts), `when=upcoming` (default) or `recent`. */
export const GET = defineRoute({
  name: 'api.meetings.list',
  permission: 'meeting.participate',
  schema: z.object({
    when: z.enum(['upcoming', 'recent']).default('upcoming'),
    bodyId: z.uuid().optional(),
    status: z.enum(meetingStatus.enumValues).optional(),
  }),
  async handler({ viewer, input, db }) {
    const rows = await listMeetings(db, viewer, { bodyId: input.bodyId, status: input.status }, input.when);
    return {
      meetings: rows.map((m) => ({
        id: m.id,
        bodyId: m.bodyId,
        bodyName: m.bodyName,
        organizationName: m.organizationName,
        kind: m.kind,
        title: m.title,
        status: m.status,
        startsAt: m.startsAt.toISOString(),
        endsAt: m.endsAt.toISOString(),
        location: m.location,
        myResponse: m.response,
      })),
    };
  },
});
