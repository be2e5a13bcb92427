import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
const MIGRATION_LOCK = 7_214_001; // any constant shared by every Quorum instance

/**
 * Applies the committed migrations. A session-level advisory lock makes instances that start
 * together wait for each other instead of racing; the second one then finds nothing to do.
 */
export async function migrateDatabase(url: string, migrationsFolder = MIGRATIONS_FOLDER) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
