import 'server-only';
import { and, eq } from 'drizzle-orm';
import { archiveUploads } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import type { StagedUpload } from './stage';

/**
 * Takes a finished upload of `userId` for filing: returns it (file name, media type, size, SHA-256,
 * storage key) and deletes its staging row in the caller's transaction, so it is filed once; if
 * the transaction rolls back the upload is still there to file. Undefined when there is no such
 * upload for this user (another user's id, already claimed, or swept after 24 hours).
 */
export async function claimUpload(tx: Db, userId: string, uploadId: string): Promise<StagedUpload | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uploadId)) return undefined;
  const [row] = await tx
    .delete(archiveUploads)
    .where(and(eq(archiveUploads.id, uploadId), eq(archiveUploads.userId, userId)))
    .returning({
      id: archiveUploads.id,
      fileName: archiveUploads.fileName,
      contentType: archiveUploads.contentType,
      sizeBytes: archiveUploads.sizeBytes,
      sha256: archiveUploads.sha256,
      storageKey: archiveUploads.storageKey,
    });
  return row;
}
