import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveUploads } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { viewerFor } from '@/lib/test/fixtures';
import { getStorage } from './index';
import { drizzleQuery, storageKeyColumns, sweepOrphans } from './sweep';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-sweep-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const old = new Date(Date.now() - 3 * 24 * 3600_000);
const age = (key: string) => utimes(path.join(dataDir, 'files', key.slice(0, 2), key), old, old);

describe('orphan sweep', () => {
  it('finds every column that holds storage keys', async () => {
    const columns = (await storageKeyColumns(drizzleQuery(getDb()))).map((c) => `${c.table}.${c.column}`);
    expect(columns).toEqual(
      expect.arrayContaining([
        'archive_previews.storage_key',
        'archive_uploads.storage_key',
        'archive_versions.storage_key',
        'meeting_documents.storage_key',
        'minutes.pdf_storage_key',
      ]),
    );
  });

  it('deletes stored objects no row references once past the grace period, and nothing else', async () => {
    const clerk = await viewerFor('clerk@quorum.local');
    const kept = await getStorage().put(Buffer.from('Còn dòng trỏ tới'));
    await getDb().insert(archiveUploads).values({
      userId: clerk.id,
      fileName: 'Còn dùng.pdf',
      contentType: 'application/pdf',
      sizeBytes: kept.size,
      sha256: kept.sha256,
      storageKey: kept.key,
    });
    const orphan = await getStorage().put(Buffer.from('Không còn ai dùng'));
    const recent = await getStorage().put(Buffer.from('Vừa lưu, chưa kịp ghi dòng'));
    await age(kept.key);
    await age(orphan.key);

    expect(await sweepOrphans(getDb(), { graceMs: 3600_000 })).toMatchObject({ checked: 2, deleted: 1 });
    expect(await getStorage().exists(orphan.key)).toBe(false);
    expect(await getStorage().exists(kept.key)).toBe(true);
    expect(await getStorage().exists(recent.key)).toBe(true);
    // No row points at a missing file.
    const rows = await getDb().execute<{ key: string }>(sql`select storage_key as key from archive_uploads`);
    for (const row of rows.rows) expect(await getStorage().exists(row.key)).toBe(true);
  });
});
