import 'server-only';
import type { Database } from '@/lib/db/client';
import { sweepIngest } from '@/lib/ingest/sweep';
import { sweepOrphans } from '@/lib/storage/sweep';
import { sweepUploads } from '@/lib/uploads/sweep';
import { closeExpiredBallots } from '@/lib/votes/ballots';
import { QUEUES, type QueueName } from './queues';

export type PeriodicJob = { queue: QueueName; cron: string; run: (db: Database) => Promise<unknown> };

/** Jobs pg-boss starts on a schedule (cron, Vietnam time); one instance runs each occurrence. */
export const PERIODIC_JOBS: PeriodicJob[] = [
  { queue: QUEUES.ingestSweep, cron: '* * * * *', run: (db) => sweepIngest(db) },
  { queue: QUEUES.ballotsClose, cron: '* * * * *', run: (db) => closeExpiredBallots(db) },
  { queue: QUEUES.uploadsSweep, cron: '*/30 * * * *', run: (db) => sweepUploads(db) },
  { queue: QUEUES.orphansSweep, cron: '40 2 * * *', run: (db) => sweepOrphans(db) },
];
