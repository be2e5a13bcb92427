import { z } from 'zod';
import { visibleOrganizations } from '@/lib/organizations/queries';
import { defineRoute } from '@/lib/server/route';

/** Organisations the caller may view, parents before children. */
export const GET = defineRoute({
  name: 'api.organizations.list',
  permission: 'organization.view',
  schema: z.object({ kind: z.enum(['provincial_committee', 'district_committee', 'grassroots_committee', 'cell']).optional() }),
  async handler({ viewer, input, db }) {
    const rows = await visibleOrganizations(db, viewer);
    return {
      organizations: rows
        .filter((o) => !input.kind || o.kind === input.kind)
        .map(({ id, parentId, kind, name, code, currentTerm }) => ({ id, parentId, kind, name, code, currentTerm })),
    };
  },
});
