'use server';

import { recordAccess } from '@/lib/archive/access';
import { isStateSecret } from '@/lib/archive/constants';
import { addVersion, lockRecord, requeueExtraction, setLegalHold, updateMetadata } from '@/lib/archive/records';
import { addVersionSchema, legalHoldSchema, retryExtractionSchema, updateRecordSchema } from '@/lib/archive/schemas';
import { claimUploadedFile } from '@/lib/archive/uploads';
import type { Viewer } from '@/lib/auth/viewer';
import type { Transaction } from '@/lib/db/client';
import { enqueueIngest } from '@/lib/ingest/queue';
import { defineAction } from '@/lib/server/action';
import { AppError } from '@/lib/server/errors';

/**
 * Changes to one record are made by those who manage the archive of its organisation
 * (archive.manage: secretary, deputy secretary, clerk; the district clerk for the units below).
 * Anyone else, including those who may read the record, is told "not found".
 */
const authorize = async (viewer: Viewer, input: { recordId: string }, tx: Transaction) =>
  Boolean((await recordAccess(tx, viewer, input.recordId))?.canManage);

const pages = (input: { recordId: string }) => [`/archive/${input.recordId}`, '/archive'];

export const updateArchiveRecord = defineAction({
  name: 'archive.record.update',
  schema: updateRecordSchema,
  permission: 'archive.manage',
  authorize,
  success: 'archive.edit.saved',
  revalidate: pages,
  async run({ viewer, input, tx, audit }) {
    const { recordId, updatedAt, ...metadata } = input;
    await updateMetadata(tx, { userId: viewer.id, audit }, recordId, updatedAt, metadata);
  },
});

export const addArchiveVersion = defineAction({
  name: 'archive.version.add',
  schema: addVersionSchema,
  permission: 'archive.manage',
  authorize,
  success: 'archive.versions.added',
  revalidate: pages,
  async run({ viewer, input, tx, audit, afterCommit }) {
    const record = await lockRecord(tx, input.recordId);
    const file = await claimUploadedFile(tx, viewer.id, input.uploadId, isStateSecret(record.classification));
    if (!file) throw new AppError('VALIDATION_FAILED', { field: 'uploadId', messageKey: 'archive.errors.fileRequired' });
    const { versionId } = await addVersion(tx, { userId: viewer.id, audit }, input, file);
    afterCommit(() => enqueueIngest(versionId));
  },
});

export const setArchiveHold = defineAction({
  name: 'archive.record.hold',
  schema: legalHoldSchema,
  permission: 'archive.manage',
  authorize,
  success: 'archive.hold.saved',
  revalidate: pages,
  async run({ viewer, input, tx, audit }) {
    await setLegalHold(tx, { userId: viewer.id, audit }, input.recordId, input.hold === 'on', input.reason);
  },
});

export const retryArchiveExtraction = defineAction({
  name: 'archive.version.retry',
  schema: retryExtractionSchema,
  permission: 'archive.manage',
  authorize,
  success: 'archive.versions.retried',
  revalidate: pages,
  async run({ viewer, input, tx, audit, afterCommit }) {
    await requeueExtraction(tx, { userId: viewer.id, audit }, input.recordId, input.versionId);
    afterCommit(() => enqueueIngest(input.versionId));
  },
});
