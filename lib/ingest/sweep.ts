import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { QUEUES } from '@/lib/jobs/queues';
import { JOB_SCHEMA } from '@/lib/jobs/schema';
import { failureReason } from './failure';
import { enqueueIngest } from './queue';

const BATCH = 500;

/**
 * The version rows are the source of truth, the queue only a means: every minute this enqueues
 * the versions still `queued` or `processing` that have no waiting or running job (a send lost
 * to a crash between commit and enqueue, a job lost with its worker). A `processing` version
 * whose job has failed for good was killed mid-way every time: it is marked failed instead, so
 * a file that crashes the worker is not retried forever.
 */
export async function sweepIngest(db: Db, send: (versionId: string) => Promise<void> = enqueueIngest) {
  const jobs = sql.raw(`${JOB_SCHEMA}.job`);
  const { rows } = await db.execute<{ id: string; extraction: 'queued' | 'processing'; jobState: string | null }>(sql`
    select v.id, v.extraction,
      (select j.state::text from ${jobs} j
        where j.name = ${QUEUES.ingest} and j.singleton_key = v.id::text
        order by j.created_on desc limit 1) as "jobState"
    from archive_versions v
    where v.extraction in ('queued', 'processing')
    order by v.created_at
    limit ${BATCH}`);
  let enqueued = 0;
  let failed = 0;
  for (const row of rows) {
    if (row.jobState === 'created' || row.jobState === 'retry' || row.jobState === 'active') continue;
    if (row.extraction === 'processing' && row.jobState === 'failed') {
      await db.execute(sql`
        update archive_versions set extraction = 'failed', extraction_error = ${failureReason('interrupted')}, processed_at = now()
        where id = ${row.id} and extraction = 'processing'`);
      failed += 1;
    } else {
      await send(row.id);
      enqueued += 1;
    }
  }
  return { enqueued, failed };
}
