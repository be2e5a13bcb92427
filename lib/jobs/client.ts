import 'server-only';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { getPool } from '@/lib/db/client';
import { JOB_SCHEMA } from './schema';

const globalForJobs = globalThis as unknown as { quorumJobClient?: { pool: pg.Pool; boss: PgBoss } };

/**
 * A pg-boss handle for sending jobs from the web app or a CLI command: it runs its SQL on the
 * process's own pool and is never started, so it adds no connections, timers or polling.
 */
export function jobClient(): PgBoss {
  const pool = getPool();
  if (globalForJobs.quorumJobClient?.pool !== pool) {
    const db = { executeSql: (text: string, values: unknown[]) => pool.query(text, values) };
    globalForJobs.quorumJobClient = { pool, boss: new PgBoss({ db, schema: JOB_SCHEMA }) };
  }
  return globalForJobs.quorumJobClient.boss;
}
