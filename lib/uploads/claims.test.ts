import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveUploads } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { samplePdf } from '@/lib/meetings/agenda-fixtures';
import { viewerFor } from '@/lib/test/fixtures';
import { claimUpload } from './claims';
import { stageFile } from './stage';
import { uploadTempDir } from './store';
import { sweepUploads } from './sweep';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-claims-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

let clerkId: string;
let secretaryId: string;

beforeAll(async () => {
  clerkId = (await viewerFor('clerk@quorum.local')).id;
  secretaryId = (await viewerFor('secretary@quorum.local')).id;
});

async function stage(userId: string, text: string) {
  const file = path.join(dataDir, `${text}.pdf`);
  await writeFile(file, await samplePdf(1, text));
  return stageFile(getDb(), { userId, filePath: file, originalName: `${text}.pdf`, maxBytes: 10 * 1024 * 1024 });
}

const old = new Date(Date.now() - 3 * 24 * 3600_000);

describe('claiming a staged upload', () => {
  it("gives the owner's upload once, inside the caller's transaction", async () => {
    const staged = await stage(clerkId, 'Quyet dinh');
    expect(await getDb().transaction((tx) => claimUpload(tx, secretaryId, staged.id))).toBeUndefined();
    expect(await getDb().transaction((tx) => claimUpload(tx, clerkId, 'not-a-uuid'))).toBeUndefined();

    // Rolled back with the caller's work: still there to file.
    await expect(
      getDb().transaction(async (tx) => {
        expect(await claimUpload(tx, clerkId, staged.id)).toBeDefined();
        throw new Error('filing failed');
      }),
    ).rejects.toThrow('filing failed');

    const claimed = await getDb().transaction((tx) => claimUpload(tx, clerkId, staged.id));
    expect(claimed).toEqual({
      id: staged.id,
      fileName: 'Quyet dinh.pdf',
      contentType: 'application/pdf',
      sizeBytes: staged.sizeBytes,
      sha256: staged.sha256,
      storageKey: staged.sha256,
    });
    expect(await getDb().transaction((tx) => claimUpload(tx, clerkId, staged.id))).toBeUndefined();
  });
});

describe('the upload sweep', () => {
  it('drops staged uploads never filed and abandoned unfinished uploads after 24 hours', async () => {
    const stale = await stage(clerkId, 'Cu');
    const fresh = await stage(clerkId, 'Moi');
    await getDb().update(archiveUploads).set({ createdAt: old }).where(eq(archiveUploads.id, stale.id));
    const dir = uploadTempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'abandoned'), 'half');
    await writeFile(path.join(dir, 'abandoned.json'), '{}');
    await writeFile(path.join(dir, 'active'), 'half');
    await writeFile(path.join(dir, 'active.json'), '{}');
    for (const name of ['abandoned', 'abandoned.json', 'active.json']) await utimes(path.join(dir, name), old, old);

    expect(await sweepUploads(getDb())).toEqual({ expiredRows: 1, expiredTemporaries: 1 });
    const left = await getDb().select({ id: archiveUploads.id }).from(archiveUploads);
    expect(left.map((r) => r.id)).toContain(fresh.id);
    expect(left.map((r) => r.id)).not.toContain(stale.id);
  });
});
