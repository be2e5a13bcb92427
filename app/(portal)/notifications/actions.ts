'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/action';
import { markAllRead as markAll } from '@/lib/notifications/queries';

/** Every signed-in user, on their own notifications only. Not audited: it changes nothing but a read mark. */
export const markAllRead = defineAction({
  name: 'notifications.mark_all_read',
  schema: z.object({}),
  permission: 'account.manage',
  success: 'notifications.markedRead',
  revalidate: ['/notifications'],
  async run({ viewer, tx }) {
    await markAll(tx, viewer.id);
  },
});
