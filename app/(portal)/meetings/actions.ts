'use server';

import { eq } from 'drizzle-orm';
import { bodies, organizations } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { createMeeting as create } from '@/lib/meetings/lifecycle';
import { createMeetingSchema } from '@/lib/meetings/schemas';
import { defineAction } from '@/lib/server/action';

/**
 * A new draft meeting of a body, by those who prepare meetings of the body's organisation
 * (secretary, deputy secretary, clerk). The result names the new meeting for the form's link.
 */
export const createMeeting = defineAction({
  name: 'meeting.create',
  schema: createMeetingSchema,
  permission: 'meeting.prepare',
  async authorize(viewer, input, tx) {
    const [body] = await tx
      .select({ path: organizations.path })
      .from(bodies)
      .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
      .where(eq(bodies.id, input.bodyId));
    return Boolean(body && can(viewer, 'meeting.prepare', { organizationPath: body.path }));
  },
  success: 'meetings.new.created',
  revalidate: ['/meetings'],
  async run(ctx) {
    return create(ctx, ctx.input);
  },
});
