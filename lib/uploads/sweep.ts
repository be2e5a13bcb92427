import 'server-only';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { lt } from 'drizzle-orm';
import { archiveUploads } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { uploadTempDir } from './store';

export const UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Cleans what resumable uploads leave behind: unfinished uploads with no activity for `maxAgeMs`
 * (their temporary file and its `.json` description) and finished uploads never filed within
 * `maxAgeMs` (their staging rows; the stored files then belong to the orphan sweep,
 * lib/storage/sweep.ts, unless another row uses the same content). Run by the job queue.
 */
export async function sweepUploads(db: Db, options: { maxAgeMs?: number; now?: Date } = {}) {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.maxAgeMs ?? UPLOAD_MAX_AGE_MS));
  const expiredRows = await db.delete(archiveUploads).where(lt(archiveUploads.createdAt, cutoff)).returning({ id: archiveUploads.id });

  const dir = uploadTempDir();
  const lastActivity = new Map<string, number>();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    const id = name.replace(/\.json$/, '');
    lastActivity.set(id, Math.max(lastActivity.get(id) ?? 0, info.mtimeMs));
  }
  let expiredTemporaries = 0;
  for (const [id, at] of lastActivity) {
    if (at >= cutoff.getTime()) continue;
    await rm(path.join(dir, id), { force: true });
    await rm(path.join(dir, `${id}.json`), { force: true });
    expiredTemporaries++;
  }
  return { expiredRows: expiredRows.length, expiredTemporaries };
}
