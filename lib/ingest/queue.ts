import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { archiveVersions } from '@/db/schema';
import { type Db, getDb } from '@/lib/db/client';
import { jobClient } from '@/lib/jobs/client';
import { QUEUES } from '@/lib/jobs/queues';

export type IngestJobData = { versionId: string };

/**
 * Asks the worker to extract a version's text and previews. Call it after the transaction that
 * wrote the version committed. Idempotent: the version id is the job's singleton key, so a
 * version has at most one waiting job; and should this call be lost, the periodic sweep
 * (lib/ingest/sweep.ts) enqueues every `queued` version that has no job.
 */
export async function enqueueIngest(versionId: string): Promise<void> {
  await jobClient().send(QUEUES.ingest, { versionId } satisfies IngestJobData, { singletonKey: versionId });
}

/** Puts a failed version back in the queue's hands (`queued`, reason cleared); false when it was not failed. */
export async function markForRetry(db: Db, versionId: string): Promise<boolean> {
  const rows = await db
    .update(archiveVersions)
    .set({ extraction: 'queued', extractionError: null, processedAt: null })
    .where(and(eq(archiveVersions.id, versionId), inArray(archiveVersions.extraction, ['failed', 'queued'])))
    .returning({ id: archiveVersions.id });
  return rows.length > 0;
}

/** Retries a failed version: marks it `queued` and enqueues it. Returns false when it was not failed (or queued). */
export async function retryIngest(versionId: string): Promise<boolean> {
  if (!(await markForRetry(getDb(), versionId))) return false;
  await enqueueIngest(versionId);
  return true;
}
