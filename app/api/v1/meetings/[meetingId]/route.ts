import { z } from 'zod';
import { meetingAccess } from '@/lib/meetings/access';
import { meetingJson } from '@/lib/meetings/api';
import { meetingDetail, ownInvitation } from '@/lib/meetings/queries';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';

/** One meeting the caller may see; others answer 404. */
export const GET = defineRoute({
  name: 'api.meetings.get',
  permission: 'meeting.participate',
  schema: z.object({ meetingId: z.string() }),
  authorize: async (viewer, input, db) => Boolean(await meetingAccess(db, viewer, input.meetingId)),
  async handler({ viewer, input, db }) {
    const access = await meetingAccess(db, viewer, input.meetingId);
    if (!access) throw new AppError('NOT_FOUND');
    const detail = await meetingDetail(db, access);
    const own = await ownInvitation(db, access.meeting.id, viewer.id);
    return {
      meeting: {
        ...meetingJson(access.meeting),
        bodyName: detail.bodyName,
        organizationName: detail.organizationName,
        chairName: detail.chairName,
        minuteTakerName: detail.minuteTakerName,
        cancelReason: access.meeting.cancelReason,
      },
      viewer: {
        invitation: own ? { response: own.response, reason: own.reason, isGuest: own.isGuest } : null,
        canPrepare: access.canPrepare,
        canApprove: access.canApprove,
        canRun: access.canRun,
      },
    };
  },
});
