import 'server-only';
import PgBoss from 'pg-boss';
import { getDb } from '@/lib/db/client';
import { type IngestJobData } from '@/lib/ingest/queue';
import { runIngest } from '@/lib/ingest/job';
import { closeOcrEngine, configureOcrEngine } from '@/lib/ingest/ocr';
import { sweepIngest } from '@/lib/ingest/sweep';
import { logger } from '@/lib/log/logger';
import { PERIODIC_JOBS, type PeriodicJob } from './periodic';
import { QUEUES } from './queues';
import { JOB_SCHEMA } from './schema';
import { type JobSettings, jobSettings } from './settings';

export type JobWorker = { boss: PgBoss; stop: () => Promise<void> };

export type WorkerOptions = {
  /** The queue's database (default DATABASE_URL); the jobs' data goes through getDb(). */
  connectionString?: string;
  settings?: JobSettings;
  periodic?: PeriodicJob[];
  /** How often an idle worker looks for jobs (new ones are seen within this time). */
  pollingIntervalSeconds?: number;
};

/**
 * Runs Quorum's jobs: `concurrency` ingest workers (one document each at a time) and the periodic
 * jobs. pg-boss retries a failed job with exponential backoff and hands an expired one (its
 * worker died) to another worker; at start every version whose job was lost is enqueued again.
 */
export async function startJobWorker(options: WorkerOptions = {}): Promise<JobWorker> {
  const settings = options.settings ?? jobSettings();
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    migrate: false, // the owner installs and upgrades the queue (lib/jobs/schema.ts)
    max: settings.concurrency + 3,
    application_name: 'quorum-worker',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  configureOcrEngine(settings.ocrEngine, settings.concurrency);

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  for (let n = 0; n < settings.concurrency; n++) {
    await boss.work<IngestJobData>(QUEUES.ingest, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      const outcome = await runIngest(getDb(), job.data.versionId, {
        timeoutSeconds: settings.ingestTimeoutSeconds,
        finalAttempt: job.retryCount >= job.retryLimit,
      });
      return { outcome };
    });
  }
  for (const periodic of options.periodic ?? PERIODIC_JOBS) {
    await boss.work(periodic.queue, { batchSize: 1, pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 5) }, async () => ({
      result: await periodic.run(getDb()),
    }));
    await boss.schedule(periodic.queue, periodic.cron, undefined, { tz: 'Asia/Ho_Chi_Minh' });
  }
  // Restart safety: versions whose jobs were lost while no worker ran are enqueued now.
  await sweepIngest(getDb()).catch((error) => logger.error({ err: error }, 'ingest sweep failed'));
  logger.info({ concurrency: settings.concurrency }, 'job worker started');

  let stopped: Promise<void> | undefined;
  return {
    boss,
    stop: () =>
      (stopped ??= (async () => {
        // Running documents get time to finish; those that do not are expired and retried later.
        await boss.stop({ graceful: true, wait: true, timeout: 20_000 }).catch(() => undefined);
        await closeOcrEngine();
      })()),
  };
}
