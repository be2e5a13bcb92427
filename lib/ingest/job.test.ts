import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { archivePreviews, archiveRecords, archiveVersions } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { getStorage } from '@/lib/storage';
import { failureReason } from './failure';
import { runIngest } from './job';
import { closeOcrEngine } from './ocr';
import { markForRetry } from './queue';
import { encryptedPdf, textPdf } from './test-fixtures';
import { createStoredVersion, versionRow } from './test-records';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-ingest-job-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(async () => {
  await closeOcrEngine();
  await rm(dataDir, { recursive: true, force: true });
});

const options = { timeoutSeconds: 60 };

describe('ingest job', () => {
  it('extracts a version, stores its previews and makes the record searchable', async () => {
    const db = getDb();
    const pdf = await textPdf([['Nghị quyết về chuyển đổi số trong công tác Đảng'], ['Phụ lục kèm theo']]);
    const { versionId, recordId } = await createStoredVersion(db, pdf);
    expect(await runIngest(db, versionId, options)).toBe('done');

    const row = await versionRow(db, versionId);
    expect(row).toMatchObject({ extraction: 'done', extractionError: null, textSource: 'text_layer', pageCount: 2 });
    expect(row.extractedText).toContain('chuyển đổi số');
    expect(row.processedAt).toBeInstanceOf(Date);

    const previews = await db.select().from(archivePreviews).where(eq(archivePreviews.versionId, versionId)).orderBy(archivePreviews.page);
    expect(previews.map((p) => p.page)).toEqual([1, 2]);
    expect(await getStorage().exists(previews[0]!.storageKey)).toBe(true);

    // The search vector now holds the body text, folded without diacritics.
    const [match] = await db
      .select({ id: archiveRecords.id })
      .from(archiveRecords)
      .where(sql`${archiveRecords.id} = ${recordId} and ${archiveRecords.search} @@ to_tsquery('simple', 'chuyen & doi & so')`);
    expect(match?.id).toBe(recordId);

    // A duplicate job for a finished version changes nothing.
    expect(await runIngest(db, versionId, options)).toBe('not-pending');
  });

  it('redoes a version left `processing` by a crashed worker, replacing half-written previews', async () => {
    const db = getDb();
    const { versionId } = await createStoredVersion(db, await textPdf([['Biên bản hội nghị Ban Thường vụ']]));
    // The crash: claimed, one stale preview written, never finished.
    await db.update(archiveVersions).set({ extraction: 'processing' }).where(eq(archiveVersions.id, versionId));
    const stale = await getStorage().put(Buffer.from('stale preview'));
    await db.insert(archivePreviews).values({ versionId, page: 7, storageKey: stale.key, width: 1, height: 1 });

    expect(await runIngest(db, versionId, options)).toBe('done');
    expect(await versionRow(db, versionId)).toMatchObject({ extraction: 'done', pageCount: 1 });
    const pages = await db.select({ page: archivePreviews.page }).from(archivePreviews).where(eq(archivePreviews.versionId, versionId));
    expect(pages).toEqual([{ page: 1 }]);
  });

  it('marks an encrypted PDF failed with a Vietnamese reason, and a retry puts it back in the queue', async () => {
    const db = getDb();
    const { versionId } = await createStoredVersion(db, encryptedPdf());
    expect(await runIngest(db, versionId, options)).toBe('failed');
    const row = await versionRow(db, versionId);
    expect(row).toMatchObject({ extraction: 'failed', extractedText: null });
    expect(row.extractionError).toBe(failureReason('encrypted'));
    expect(row.extractionError).toMatch(/mật khẩu/);

    expect(await markForRetry(db, versionId)).toBe(true);
    expect(await versionRow(db, versionId)).toMatchObject({ extraction: 'queued', extractionError: null, processedAt: null });
    expect(await markForRetry(db, (await createStoredVersion(db, await textPdf([['x']]))).versionId)).toBe(true); // queued stays queued
  });

  it('refuses a stored file whose content no longer matches its SHA-256, and skips a destroyed version', async () => {
    const db = getDb();
    const tampered = await createStoredVersion(db, await textPdf([['Quyết định số 15-QĐ/HU']]));
    const key = tampered.storageKey;
    await writeFile(path.join(dataDir, 'files', key.slice(0, 2), key), 'changed on disk');
    expect(await runIngest(db, tampered.versionId, options)).toBe('failed');
    expect((await versionRow(db, tampered.versionId)).extractionError).toBe(failureReason('integrity'));

    const destroyed = await createStoredVersion(db, await textPdf([['Thông báo']]));
    await db.update(archiveVersions).set({ storageKey: null }).where(eq(archiveVersions.id, destroyed.versionId));
    expect(await runIngest(db, destroyed.versionId, options)).toBe('skipped');
    expect((await versionRow(db, destroyed.versionId)).extraction).toBe('skipped');
  });
});
