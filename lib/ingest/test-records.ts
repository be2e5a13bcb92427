import { eq } from 'drizzle-orm';
import { archiveRecords, archiveVersions, organizations } from '@/db/schema';
import type { Database } from '@/lib/db/client';
import { getStorage } from '@/lib/storage';

/** An archive record with one stored version (extraction `queued`), as the records pages file it. */
export async function createStoredVersion(
  db: Database,
  file: Uint8Array,
  options: { title?: string; fileName?: string; contentType?: string } = {},
) {
  const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'HU')).limit(1);
  const [fallback] = organization ? [organization] : await db.select({ id: organizations.id }).from(organizations).limit(1);
  const stored = await getStorage().put(file);
  const [record] = await db
    .insert(archiveRecords)
    .values({ organizationId: fallback!.id, type: 'NQ', title: options.title ?? 'Nghị quyết thử nghiệm', numberSymbol: '09-NQ/HU' })
    .returning({ id: archiveRecords.id });
  const [version] = await db
    .insert(archiveVersions)
    .values({
      recordId: record!.id,
      version: 1,
      fileName: options.fileName ?? 'nghi-quyet.pdf',
      contentType: options.contentType ?? 'application/pdf',
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
    })
    .returning({ id: archiveVersions.id });
  await db.update(archiveRecords).set({ currentVersionId: version!.id }).where(eq(archiveRecords.id, record!.id));
  return { recordId: record!.id, versionId: version!.id, storageKey: stored.key };
}

export async function versionRow(db: Database, versionId: string) {
  const [row] = await db
    .select({
      extraction: archiveVersions.extraction,
      extractionError: archiveVersions.extractionError,
      textSource: archiveVersions.textSource,
      extractedText: archiveVersions.extractedText,
      pageCount: archiveVersions.pageCount,
      processedAt: archiveVersions.processedAt,
    })
    .from(archiveVersions)
    .where(eq(archiveVersions.id, versionId));
  return row!;
}
