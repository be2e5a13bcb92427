import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { getStorage } from './index';
import type { ObjectStorage } from './types';

export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** A query function over a Drizzle handle (for code that also runs on a plain `pg` client). */
export const drizzleQuery =
  (db: Db): Query =>
  async (text) =>
    (await db.execute(sql.raw(text))) as { rows: Record<string, unknown>[] };

/**
 * Every column that holds storage keys: `storage_key` or `…_storage_key` in any table of the
 * schema, found in the catalogue so that a table added later is covered without touching this.
 */
export async function storageKeyColumns(query: Query): Promise<{ table: string; column: string }[]> {
  const result = await query(`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'text'
      and (column_name = 'storage_key' or column_name like '%\\_storage\\_key')
    order by table_name, column_name`);
  return result.rows.map((r) => ({ table: String(r.table_name), column: String(r.column_name) }));
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every storage key some row refers to. */
export async function referencedStorageKeys(query: Query): Promise<Set<string>> {
  const columns = await storageKeyColumns(query);
  if (!columns.length) return new Set();
  const union = columns
    .map((c) => `select ${quoteIdentifier(c.column)} as key from ${quoteIdentifier(c.table)} where ${quoteIdentifier(c.column)} is not null`)
    .join(' union ');
  return new Set((await query(union)).rows.map((r) => String(r.key)));
}

/**
 * Deletes stored objects that no row references (archive versions and previews, staged uploads,
 * meeting documents, minutes PDFs… every storage-key column) and that were last written more than
 * `graceMs` ago: a file is always stored before the row that points at it, and storing content
 * again refreshes its time, so a write whose row is not committed yet is left alone. Also removes
 * the temporary files of writes interrupted by a crash. Run by the job queue.
 */
export async function sweepOrphans(db: Db, options: { graceMs?: number; storage?: ObjectStorage; now?: Date } = {}) {
  const storage = options.storage ?? getStorage();
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? ORPHAN_GRACE_MS));
  // Listed first, references read after: a row committed meanwhile is seen, so its file is kept.
  const candidates: string[] = [];
  for await (const entry of storage.list()) if (entry.modifiedAt < cutoff) candidates.push(entry.key);
  const referenced = await referencedStorageKeys(drizzleQuery(db));
  let deleted = 0;
  for (const key of candidates) {
    if (referenced.has(key)) continue;
    await storage.delete(key);
    deleted++;
  }
  const temporaries = await storage.removeStaleTemporaries(cutoff);
  return { checked: candidates.length, deleted, temporaries };
}
