import { eq } from 'drizzle-orm';
import { archiveUploads, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { getStorage } from '@/lib/storage';
import { TEST_META } from '@/lib/test/fixtures';
import { type ArchiveActor, createRecord } from './records';
import type { MetadataInput } from './schemas';

// Test data for the archive tests (not used by the app).

export async function organizationId(name: string) {
  const [org] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return org!.id;
}

export async function userId(email: string) {
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  return user!.id;
}

/** A finished upload of `email`, stored and waiting to be filed (what the tus endpoint leaves). */
export async function stageUpload(email: string, bytes: Uint8Array, fileName: string, contentType = 'application/pdf') {
  const stored = await getStorage().put(bytes);
  const [row] = await getDb()
    .insert(archiveUploads)
    .values({ userId: await userId(email), fileName, contentType, sizeBytes: stored.size, sha256: stored.sha256, storageKey: stored.key })
    .returning({ id: archiveUploads.id });
  return { uploadId: row!.id, ...stored };
}

export const sampleMetadata = (values: Partial<MetadataInput> = {}): MetadataInput => ({
  type: 'NQ',
  numberSymbol: null,
  title: 'Nghị quyết về xây dựng nông thôn mới',
  abstract: 'Lãnh đạo xây dựng nông thôn mới kiểu mẫu',
  issuerName: 'Chi bộ thôn Đồng Tâm',
  issuedOn: '2026-05-10',
  signer: 'Bí thư Chi bộ',
  recipients: null,
  classification: 'normal',
  audience: 'organization',
  retention: undefined,
  ...values,
});

/** A record filed by the demo clerk straight through the domain function, with an optional stored file. */
export async function fileRecord(organizationName: string, values: Partial<MetadataInput> = {}, file?: { bytes: Uint8Array; fileName: string; contentType: string }) {
  const clerk = await userId('clerk@quorum.local');
  const stored = file ? await getStorage().put(file.bytes) : undefined;
  return getDb().transaction(async (tx) => {
    const actor: ArchiveActor = { userId: clerk, audit: (entry) => recordAudit(tx, { id: clerk, name: 'Phạm Minh Tuấn' }, TEST_META, entry) };
    return createRecord(
      tx,
      actor,
      { ...sampleMetadata(values), organizationId: await organizationId(organizationName) },
      file && stored ? { fileName: file.fileName, contentType: file.contentType, sizeBytes: stored.size, sha256: stored.sha256, storageKey: stored.key } : undefined,
    );
  });
}
