import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveVersions } from '@/db/schema';
import { APP_ROLE, appRoleUrl } from '@/lib/db/app-role';
import { closeDb, getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { enqueueIngest } from '@/lib/ingest/queue';
import { sweepIngest } from '@/lib/ingest/sweep';
import { textPdf } from '@/lib/ingest/test-fixtures';
import { createStoredVersion, versionRow } from '@/lib/ingest/test-records';
import { TEST_APP_PASSWORD } from '@/lib/test/global-setup';
import { PERIODIC_JOBS } from './periodic';
import { QUEUES } from './queues';
import { JOB_SCHEMA, prepareJobQueue } from './schema';
import { type JobWorker, startJobWorker } from './worker';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-jobs-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
const ownerUrl = process.env.DATABASE_URL!;
const settings = { concurrency: 2, ingestTimeoutSeconds: 60, ocrEngine: 'tesseract.js' as const };

let worker: JobWorker;
beforeAll(async () => {
  await prepareJobQueue(ownerUrl, APP_ROLE);
  await prepareJobQueue(ownerUrl, APP_ROLE); // idempotent: every start runs it
  // From here on everything runs as the app role, which owns nothing: as `npm start` runs it.
  await closeDb();
  process.env.DATABASE_URL = appRoleUrl(ownerUrl, TEST_APP_PASSWORD);
  worker = await startJobWorker({ settings, pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await worker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const extraction = (versionId: string) => until(() => versionRow(getDb(), versionId), (row) => row.extraction === 'done' || row.extraction === 'failed');

describe('job queue (pg-boss, as the app role)', () => {
  it('runs an enqueued ingest job; enqueueing twice gives one waiting job', async () => {
    const db = getDb();
    expect((await db.execute<{ user: string }>(`select current_user as "user"`)).rows[0]!.user).toBe(APP_ROLE);
    const { versionId } = await createStoredVersion(db, await textPdf([['Nghị quyết Đại hội Đảng bộ huyện lần thứ XXI']]));
    await enqueueIngest(versionId);
    await enqueueIngest(versionId);
    const row = await extraction(versionId);
    expect(row).toMatchObject({ extraction: 'done', textSource: 'text_layer' });
    expect(row.extractedText).toContain('Đại hội Đảng bộ huyện');
    const jobs = await db.execute<{ n: number }>(`select count(*)::int as n from ${JOB_SCHEMA}.job where name = '${QUEUES.ingest}' and singleton_key = '${versionId}'`);
    expect(jobs.rows[0]!.n).toBe(1);
  });

  it('the sweep enqueues versions whose job was lost, and fails those that crashed every time', async () => {
    const db = getDb();
    const lost = await createStoredVersion(db, await textPdf([['Kết luận của Ban Thường vụ']])); // committed, never enqueued
    const crashed = await createStoredVersion(db, await textPdf([['Chỉ thị số 05-CT/HU']]));
    await db.update(archiveVersions).set({ extraction: 'processing' }).where(eq(archiveVersions.id, crashed.versionId));
    await db.execute(
      `insert into ${JOB_SCHEMA}.job (name, data, state, singleton_key, policy) values ('${QUEUES.ingest}', '{}', 'failed', '${crashed.versionId}', 'stately')`,
    );

    const result = await sweepIngest(db);
    expect(result.failed).toBe(1);
    expect(result.enqueued).toBeGreaterThanOrEqual(1);
    expect(await extraction(lost.versionId)).toMatchObject({ extraction: 'done' });
    expect((await versionRow(db, crashed.versionId)).extractionError).toMatch(/gián đoạn/);
  });

  it('a job whose worker died mid-way expires, is retried and redone', async () => {
    const db = getDb();
    const { versionId } = await createStoredVersion(db, await textPdf([['Quy chế làm việc của Ban Chấp hành']]));
    await worker.stop(); // the crash is staged while no worker polls
    // Another worker takes the job, claims the version and dies without finishing.
    const dying = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
    await dying.start();
    await dying.send(QUEUES.ingest, { versionId }, { singletonKey: versionId, expireInSeconds: 1, retryDelay: 0, retryBackoff: false });
    const [job] = await dying.fetch<{ versionId: string }>(QUEUES.ingest);
    expect(job?.data).toEqual({ versionId });
    await db.update(archiveVersions).set({ extraction: 'processing' }).where(eq(archiveVersions.id, versionId));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await dying.maintain(); // the supervisor's expiry pass, run now rather than on its timer
    expect((await dying.getJobById(QUEUES.ingest, job!.id))?.state).toBe('retry');
    await dying.stop({ graceful: false });

    worker = await startJobWorker({ settings, pollingIntervalSeconds: 0.5, periodic: [] });
    expect(await extraction(versionId)).toMatchObject({ extraction: 'done', pageCount: 1 });
  });

  it('schedules the periodic jobs', async () => {
    const schedules = await worker.boss.getSchedules();
    expect(PERIODIC_JOBS.map((job) => job.queue).every((queue) => schedules.some((s) => s.name === queue))).toBe(true);
  });
});
