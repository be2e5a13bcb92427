import { listResolutions } from '@/lib/resolutions/queries';
import { listFiltersSchema } from '@/lib/resolutions/schemas';
import { defineRoute } from '@/lib/server/route';

/**
 * Documents the caller may see, newest first: issued ones for every role of the organisation and
 * oversight above it; drafts, held and void numbers only for those who draft or issue there.
 * Filters: `organizationId`, `type`, `termId`, `status`, `meetingId`, `limit` (≤ 200).
 */
export const GET = defineRoute({
  name: 'api.resolutions.list',
  permission: 'resolution.view',
  schema: listFiltersSchema,
  async handler({ viewer, input, db }) {
    const { items, total } = await listResolutions(db, viewer, input);
    return {
      total,
      resolutions: items.map((r) => ({
        id: r.id,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        type: r.type,
        congress: r.congress,
        status: r.status,
        numberSymbol: r.numberSymbol,
        number: r.number,
        termId: r.termId,
        termName: r.termName,
        title: r.title,
        issuedOn: r.issuedOn,
        meetingId: r.meetingId,
        agendaItemId: r.agendaItemId,
        ballotId: r.ballotId,
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
  },
});
