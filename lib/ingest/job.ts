import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { archivePreviews, archiveVersions } from '@/db/schema';
import type { Database } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { reindexRecord } from '@/lib/search/index';
import { IntegrityError, StorageNotFoundError, getStorage, readAll } from '@/lib/storage';
import { extractDocument } from './extract';
import { IngestFailure, failureReason } from './failure';
import { Deadline } from './limits';
import { ocrEngine } from './ocr';
import type { PagePreview } from './types';

export type IngestOutcome = 'done' | 'failed' | 'skipped' | 'not-pending';

type StoredPreview = { page: number; storageKey: string; width: number; height: number };

async function markFailed(db: Database, versionId: string, failure: IngestFailure) {
  await db
    .update(archiveVersions)
    .set({ extraction: 'failed', extractionError: failureReason(failure.code, failure.values), processedAt: new Date() })
    .where(and(eq(archiveVersions.id, versionId), eq(archiveVersions.extraction, 'processing')));
}

async function readStored(key: string): Promise<Buffer> {
  try {
    return await readAll(getStorage(), key);
  } catch (error) {
    if (error instanceof StorageNotFoundError) throw new IngestFailure('missingFile');
    if (error instanceof IntegrityError) throw new IngestFailure('integrity');
    throw error;
  }
}

/**
 * Extracts one version: claims it (`queued` → `processing`; a version left `processing` by a
 * crash is claimed again and redone), reads the file (its SHA-256 verified), extracts the text
 * (OCR for scans), stores page previews, then records the result and reindexes the record.
 * A reason that retrying will not change marks the version failed; any other error is thrown
 * for the queue to retry, and marks it failed with a general reason on the `finalAttempt`.
 */
export async function runIngest(
  db: Database,
  versionId: string,
  options: { timeoutSeconds: number; finalAttempt?: boolean },
): Promise<IngestOutcome> {
  const [version] = await db
    .update(archiveVersions)
    .set({ extraction: 'processing', extractionError: null })
    .where(and(eq(archiveVersions.id, versionId), inArray(archiveVersions.extraction, ['queued', 'processing'])))
    .returning({ recordId: archiveVersions.recordId, storageKey: archiveVersions.storageKey });
  if (!version) return 'not-pending';
  if (!version.storageKey) {
    // A destroyed record keeps its versions as a tombstone, without files.
    await db
      .update(archiveVersions)
      .set({ extraction: 'skipped', processedAt: new Date() })
      .where(and(eq(archiveVersions.id, versionId), eq(archiveVersions.extraction, 'processing')));
    return 'skipped';
  }

  const deadline = new Deadline(options.timeoutSeconds);
  const previews: StoredPreview[] = [];
  const storePreview = async (preview: PagePreview) => {
    const { key } = await getStorage().put(preview.data);
    previews.push({ page: preview.page, storageKey: key, width: preview.width, height: preview.height });
  };
  try {
    const bytes = await readStored(version.storageKey);
    const result = await extractDocument(bytes, { deadline, ocr: ocrEngine, onPreview: storePreview });
    await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(archiveVersions)
        .set({
          extraction: 'done',
          extractionError: null,
          textSource: result.source,
          extractedText: result.text,
          pageCount: result.pageCount,
          processedAt: new Date(),
        })
        .where(and(eq(archiveVersions.id, versionId), eq(archiveVersions.extraction, 'processing')))
        .returning({ id: archiveVersions.id });
      if (!updated) return; // retried or destroyed meanwhile: that change wins
      await tx.delete(archivePreviews).where(eq(archivePreviews.versionId, versionId));
      if (previews.length) await tx.insert(archivePreviews).values(previews.map((p) => ({ versionId, ...p })));
      await reindexRecord(tx, version.recordId);
    });
    return 'done';
  } catch (error) {
    const failure =
      error instanceof IngestFailure ? error : deadline.signal.aborted ? deadline.failure() : options.finalAttempt ? new IngestFailure('internal') : undefined;
    if (!failure) throw error;
    if (failure.code === 'internal') logger.error({ versionId, err: error }, 'text extraction failed');
    else logger.info({ versionId, reason: failure.code }, 'text extraction refused the file');
    await markFailed(db, versionId, failure);
    if (failure.code === 'internal') throw error;
    return 'failed';
  }
}
