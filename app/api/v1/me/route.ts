import { z } from 'zod';
import { defineRoute } from '@/lib/server/route';

/** The signed-in user: identity and roles (never hashes or secrets). */
export const GET = defineRoute({
  name: 'api.me',
  permission: 'account.manage',
  schema: z.object({}),
  async handler({ viewer }) {
    return {
      id: viewer.id,
      name: viewer.name,
      email: viewer.email,
      isAdmin: viewer.isAdmin,
      totpEnabled: viewer.totpEnabled,
      memberships: viewer.memberships.map((m) => ({
        organizationId: m.organizationId,
        organizationName: m.organizationName,
        role: m.role,
      })),
    };
  },
});
