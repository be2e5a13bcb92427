'use server';

import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { isStateSecret } from '@/lib/archive/constants';
import { createRecord } from '@/lib/archive/records';
import { claimUploadedFile } from '@/lib/archive/uploads';
import { createRecordSchema } from '@/lib/archive/schemas';
import { can } from '@/lib/auth/permissions';
import { enqueueIngest } from '@/lib/ingest/queue';
import { defineAction } from '@/lib/server/action';

/**
 * Files one document as a record: its metadata and (unless it is a state secret) one finished
 * upload as version 1. Allowed to those who manage the archive of the chosen organisation.
 */
export const createArchiveRecord = defineAction({
  name: 'archive.record.create',
  schema: createRecordSchema,
  permission: 'archive.manage',
  async authorize(viewer, input, tx) {
    const [org] = await tx.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, input.organizationId));
    return Boolean(org && can(viewer, 'archive.manage', { organizationPath: org.path }));
  },
  success: 'archive.new.created',
  revalidate: ['/archive', '/archive/new'],
  async run({ viewer, input, tx, audit, afterCommit }) {
    const file = await claimUploadedFile(tx, viewer.id, input.uploadId, isStateSecret(input.classification));
    const { recordId, versionId } = await createRecord(tx, { userId: viewer.id, audit }, input, file);
    if (versionId) afterCommit(() => enqueueIngest(versionId));
    return { recordId };
  },
});
