'use server';

import { can } from '@/lib/auth/permissions';
import { setTotpRequirement as setRequirement, setTotpRequirementSchema } from '@/lib/auth/totp-policy-admin';
import { defineAction } from '@/lib/server/action';

/**
 * Requires (or stops requiring) a second factor for every holder of a role. Holders who have not
 * enrolled are sent to their account page on their next request (see loadViewer → mustEnrolTotp).
 */
export const setTotpRequirement = defineAction({
  name: 'admin.security.totp_required',
  schema: setTotpRequirementSchema,
  permission: 'admin.security.manage',
  authorize: (viewer) => can(viewer, 'admin.security.manage'),
  success: 'adminSecurity.totp.saved',
  revalidate: ['/admin/security'],
  async run({ input, tx, audit }) {
    const changed = await setRequirement(tx, input.role, input.required);
    if (changed) {
      await audit({
        action: 'admin.security.totp_required',
        entityType: 'totp_requirement',
        entityId: input.role,
        details: { role: input.role, required: input.required },
      });
    }
  },
});
