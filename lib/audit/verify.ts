import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/**
 * Why the chain is broken at `firstBadId`:
 * - `hash_mismatch`: the row's stored hash is not the hash of its content and stored prev_hash,
 *   so the row was changed after it was written (or its hash was);
 * - `broken_link`: the row is intact, but its prev_hash is the hash of some other stored row than
 *   the one just before it (rows inserted, reordered or renumbered by hand);
 * - `missing_rows`: the row is intact, but its prev_hash is the hash of no stored row: the row(s)
 *   it was chained to were deleted (or the row before it was rewritten together with its hash).
 */
export type AuditChainFailure = 'hash_mismatch' | 'broken_link' | 'missing_rows';

export type AuditChainResult =
  | { ok: true; rows: number }
  | { ok: false; firstBadId: number; reason: AuditChainFailure };

/** The prev_hash of the first row ever written (see the trigger in migration 0001). */
export const GENESIS_HASH = '0'.repeat(64);

const DEFAULT_BATCH = 10_000;

type BatchRow = { id: string; hash: string; prev_hash: string; hash_ok: boolean; link_ok: boolean };

/**
 * Recomputes the whole audit chain in id order with the database's own `audit_row_hash`, the
 * function the insert trigger used, so verification and writing cannot drift apart.
 *
 * One ordered pass in keyset batches (`id > last` on the primary key), so a log of millions of
 * rows never sits in memory; `lag()` links each row to the one before it inside a batch, and the
 * last hash of a batch is carried into the next. Rows are committed in id order (the trigger
 * holds a transaction lock until commit), so rows appended while this runs are simply included
 * or not.
 *
 * What a chain alone cannot show: removing the newest rows (the tail) leaves a shorter chain
 * that is still valid, and so does rewriting every row from some point on with recomputed hashes
 * (the hash function is public). Both need an anchor kept outside the database, e.g. writing down
 * the latest id and hash from time to time and checking the row is still there unchanged.
 * Id gaps are normal (ids come from a sequence: rolled-back inserts, and the column default also
 * draws a value before the trigger draws the real one), so gaps are not checked; links are.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<AuditChainResult> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
  let afterId = '0';
  let expectedPrev = GENESIS_HASH;
  let rows = 0;

  for (;;) {
    const result = await db.execute<BatchRow>(sql`
      SELECT b.id::text AS id, b.hash, b.prev_hash, b.hash_ok,
             b.prev_hash = coalesce(lag(b.hash) OVER (ORDER BY b.id), ${expectedPrev}) AS link_ok
      FROM (
        SELECT e.id, e.hash, e.prev_hash,
               coalesce(e.hash = audit_row_hash(e.prev_hash, e), false) AS hash_ok
        FROM audit_events e
        WHERE e.id > ${afterId}::bigint
        ORDER BY e.id
        LIMIT ${batchSize}
      ) b
      ORDER BY b.id`);
    const batch = result.rows;
    if (batch.length === 0) return { ok: true, rows };

    for (const row of batch) {
      if (!row.hash_ok) return { ok: false, firstBadId: Number(row.id), reason: 'hash_mismatch' };
      if (!row.link_ok) {
        return { ok: false, firstBadId: Number(row.id), reason: (await hashExists(db, row.prev_hash)) ? 'broken_link' : 'missing_rows' };
      }
    }
    rows += batch.length;
    const last = batch.at(-1)!;
    afterId = last.id;
    expectedPrev = last.hash;
    if (batch.length < batchSize) return { ok: true, rows };
  }
}

/** Whether some stored row has this hash (one scan, only once a link is already broken). */
async function hashExists(db: Db, hash: string) {
  const result = await db.execute<{ found: boolean }>(
    sql`SELECT exists (SELECT 1 FROM audit_events WHERE hash = ${hash}) AS found`,
  );
  return Boolean(result.rows[0]?.found);
}
