import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '@/db/schema';
import { env } from '@/lib/env';
import { logger } from '@/lib/log/logger';

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle; data-access functions take `Db` so they run inside or outside one. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Db = Database | Transaction;

type Cached = { pool: pg.Pool; db: Database; url: string };
const globalForDb = globalThis as unknown as { quorumDb?: Cached };

function create(url: string): Cached {
  const e = env();
  const pool = new pg.Pool({
    connectionString: url,
    max: e.DB_POOL_MAX,
    // Waiting longer than this for a free connection fails fast (mapped to 503).
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: e.DB_STATEMENT_TIMEOUT_MS,
    application_name: 'quorum',
  });
  // Only the essentials: the error object also carries the client (connection parameters).
  pool.on('error', (error: Error & { code?: string }) =>
    logger.error({ code: error.code, message: error.message }, 'idle database client error'),
  );
  return { pool, db: drizzle(pool, { schema, casing: 'snake_case' }), url };
}

/** One pool per process, cached on globalThis so dev reloads and tests reuse it. */
function cached(): Cached {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start Quorum with `npm start` or set it.');
  if (globalForDb.quorumDb?.url !== url) {
    void globalForDb.quorumDb?.pool.end();
    globalForDb.quorumDb = create(url);
  }
  return globalForDb.quorumDb;
}

export function getDb(): Database {
  return cached().db;
}

export function getPool(): pg.Pool {
  return cached().pool;
}

export async function closeDb() {
  const current = globalForDb.quorumDb;
  globalForDb.quorumDb = undefined;
  await current?.pool.end();
}
