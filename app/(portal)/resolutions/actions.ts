'use server';

import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { createDraft } from '@/lib/resolutions/lifecycle';
import { createResolutionSchema } from '@/lib/resolutions/schemas';
import { defineAction } from '@/lib/server/action';

/**
 * A new draft (no number yet) of a document of an organisation, by those who draft there
 * (secretary, deputy secretary, clerk). The result names the draft so the form can open it.
 */
export const createResolution = defineAction({
  name: 'resolution.draft.create',
  schema: createResolutionSchema,
  permission: 'resolution.draft',
  async authorize(viewer, input, tx) {
    const [org] = await tx.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, input.organizationId));
    return Boolean(org && can(viewer, 'resolution.draft', { organizationPath: org.path }));
  },
  success: 'resolutions.form.created',
  revalidate: ['/resolutions'],
  async run({ viewer, input, tx, audit }) {
    const row = await createDraft(tx, input, viewer.id);
    await audit({
      action: 'resolution.draft.create',
      organizationId: input.organizationId,
      entityType: 'resolution',
      entityId: row.id,
      details: { type: input.type, congress: input.congress, title: input.title, meetingId: input.meetingId, agendaItemId: input.agendaItemId, ballotId: input.ballotId },
    });
    return { resolutionId: row.id };
  },
});
