import 'server-only';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { archiveUploads } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { getStorage } from '@/lib/storage';
import { ARCHIVE_FILE_LIMITS, fileByteSource, inspectArchiveFile } from '@/lib/storage/inspect';

export type StagedUpload = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/** What a checked file becomes: its kind, media type and safe display name, before it is stored. */
export async function inspectFileOnDisk(filePath: string, originalName: string, maxBytes: number) {
  const { size } = await stat(filePath);
  const handle = await open(filePath, 'r');
  try {
    return await inspectArchiveFile(fileByteSource(handle, size), originalName, { ...ARCHIVE_FILE_LIMITS, maxBytes });
  } finally {
    await handle.close();
  }
}

/**
 * Turns a complete file on disk into a staged archive upload of `userId`: checked (throws
 * `UploadRefused` with the reason), streamed into storage (hashed on the way; content already
 * stored is kept once), then recorded. The file goes into storage BEFORE its row, so a crash leaves
 * at worst an unreferenced object for the orphan sweep, never a row without its file. The same
 * content staged twice by the same user gives the existing staged upload back.
 */
export async function stageFile(
  db: Db,
  input: { userId: string; filePath: string; originalName: string; maxBytes: number; id?: string },
): Promise<StagedUpload & { alreadyStaged: boolean }> {
  const checked = await inspectFileOnDisk(input.filePath, input.originalName, input.maxBytes);
  const stored = await getStorage().put(createReadStream(input.filePath, { highWaterMark: 1024 * 1024 }), {
    maxBytes: input.maxBytes,
  });
  const columns = {
    id: archiveUploads.id,
    fileName: archiveUploads.fileName,
    contentType: archiveUploads.contentType,
    sizeBytes: archiveUploads.sizeBytes,
    sha256: archiveUploads.sha256,
    storageKey: archiveUploads.storageKey,
  };
  const [existing] = await db
    .select(columns)
    .from(archiveUploads)
    .where(and(eq(archiveUploads.userId, input.userId), eq(archiveUploads.sha256, stored.sha256)))
    .limit(1);
  if (existing) return { ...existing, alreadyStaged: true };
  const [row] = await db
    .insert(archiveUploads)
    .values({
      ...(input.id ? { id: input.id } : {}),
      userId: input.userId,
      fileName: checked.fileName,
      contentType: checked.contentType,
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
    })
    .returning(columns);
  return { ...row!, alreadyStaged: false };
}
