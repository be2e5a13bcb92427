import { z } from 'zod';
import { resolutionAccess } from '@/lib/resolutions/access';
import { resolutionDetail, resolutionJson } from '@/lib/resolutions/queries';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';

/** One document the caller may see (lib/resolutions/access.ts); others answer 404. */
export const GET = defineRoute({
  name: 'api.resolutions.get',
  permission: 'resolution.view',
  schema: z.object({ resolutionId: z.string() }),
  authorize: async (viewer, input, db) => Boolean(await resolutionAccess(db, viewer, input.resolutionId)),
  async handler({ viewer, input, db }) {
    const access = await resolutionAccess(db, viewer, input.resolutionId);
    if (!access) throw new AppError('NOT_FOUND');
    const detail = await resolutionDetail(db, access);
    return {
      resolution: resolutionJson(access, detail),
      viewer: { canDraft: access.canDraft, canIssue: access.canIssue },
    };
  },
});
