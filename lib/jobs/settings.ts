import os from 'node:os';
import { z } from 'zod';

const schema = z.object({
  /** Ingest jobs run at once in one worker process; default: one per core, less one for the web server. */
  QUORUM_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Longest a single document may take (extraction, OCR, previews) before it fails as timed out. */
  QUORUM_INGEST_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(6 * 3600).default(600),
  /** `auto`: the native `tesseract` binary when it has Vietnamese and English, else tesseract.js. */
  QUORUM_OCR_ENGINE: z.enum(['auto', 'native', 'tesseract.js']).default('auto'),
});

export type JobSettings = { concurrency: number; ingestTimeoutSeconds: number; ocrEngine: 'auto' | 'native' | 'tesseract.js' };

/** The job worker's settings, read from the environment (all optional). */
export function jobSettings(environment: NodeJS.ProcessEnv = process.env): JobSettings {
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid job settings:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  return {
    concurrency: value.QUORUM_JOB_CONCURRENCY ?? Math.max(1, os.availableParallelism() - 1),
    ingestTimeoutSeconds: value.QUORUM_INGEST_TIMEOUT_SECONDS,
    ocrEngine: value.QUORUM_OCR_ENGINE,
  };
}
