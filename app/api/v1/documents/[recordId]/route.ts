import { z } from 'zod';
import { recordAccess } from '@/lib/archive/access';
import { recordJson, recordVersions } from '@/lib/archive/queries';
import { AppError } from '@/lib/server/errors';
import { defineRoute } from '@/lib/server/route';

/**
 * One archived record's metadata and versions (with extraction status), for a caller who may see
 * it; others get 404. Never the extracted text, and no document content: the file and page images
 * are served (and audited as views and downloads) by the routes below this one.
 */
export const GET = defineRoute({
  name: 'api.documents.get',
  permission: 'archive.view',
  schema: z.object({ recordId: z.string() }),
  authorize: async (viewer, input, db) => Boolean(await recordAccess(db, viewer, input.recordId)),
  async handler({ viewer, input, db }) {
    const access = await recordAccess(db, viewer, input.recordId);
    if (!access) throw new AppError('NOT_FOUND');
    return { record: recordJson(access, await recordVersions(db, access.record.id)) };
  },
});
