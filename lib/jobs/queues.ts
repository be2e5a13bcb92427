import type PgBoss from 'pg-boss';

/** Every queue Quorum uses; they are created by the database owner (lib/jobs/schema.ts). */
export const QUEUES = {
  /** Text extraction, OCR and page previews of one archive version. */
  ingest: 'archive-ingest',
  /** Re-enqueues versions whose job was lost (the version row is the source of truth). */
  ingestSweep: 'archive-ingest-sweep',
  /** Finished uploads never filed as a record (lib/uploads). */
  uploadsSweep: 'uploads-sweep',
  /** Stored files no row references any more (lib/storage). */
  orphansSweep: 'storage-orphans-sweep',
  /** Ballots whose closing time has passed (lib/votes). */
  ballotsClose: 'ballots-close',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const DAY = 24 * 3600;

/** Ingest gets a margin over its own timeout: the handler's deadline must fire before pg-boss expires it. */
export function queueOptions(ingestTimeoutSeconds: number): Record<QueueName, Omit<PgBoss.Queue, 'name'>> {
  const periodic = { policy: 'standard', retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60, retentionSeconds: DAY } as const;
  return {
    [QUEUES.ingest]: {
      // At most one waiting and one running job per version (the singleton key is the version id).
      policy: 'stately',
      retryLimit: 3,
      retryDelay: 20,
      retryBackoff: true,
      expireInSeconds: ingestTimeoutSeconds + 120,
      retentionSeconds: 7 * DAY,
    },
    [QUEUES.ingestSweep]: periodic,
    [QUEUES.uploadsSweep]: periodic,
    [QUEUES.orphansSweep]: periodic,
    [QUEUES.ballotsClose]: periodic,
  };
}
