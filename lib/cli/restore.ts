import { existsSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { verifyAuditChain } from '@/lib/audit/verify';
import { RestoreRefused, restoreBackup } from '@/lib/backup/restore';
import { storageFor } from '@/lib/storage';
import { fail, loadEnvironment, openDatabase } from './runtime';

/**
 * `npm run restore -- <file.tar.gz>`: brings a backup written by `npm run backup` back into an
 * EMPTY instance (a new QUORUM_DATA_DIR, or a new database in DATABASE_URL with an empty storage),
 * then checks the audit chain. A non-empty instance is refused and left untouched.
 */

const config = loadEnvironment();
const file = process.argv[2];
if (!file) fail('usage: npm run restore -- <backup.tar.gz>');
if (!existsSync(file)) fail(`no such file: ${file}`);

const database = await openDatabase();
let problem: string | undefined;
try {
  const { storage, description } = storageFor(config);
  console.log(`quorum: restoring ${file} (files into ${description}) …`);
  const result = await restoreBackup({ databaseUrl: database.url, storage, file, onProgress: (m) => console.log(`  ${m}`) });
  console.log(`quorum: restored ${result.tables} tables, ${result.rows} rows, ${result.files} files`);
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  pool.on('error', () => undefined); // an idle connection closed by the server shutting down below
  try {
    const chain = await verifyAuditChain(drizzle(pool));
    if (chain.ok) console.log(`quorum: audit chain OK: ${chain.rows} rows`);
    else problem = `the restored audit chain is broken at row ${chain.firstBadId} (${chain.reason})`;
  } finally {
    await pool.end();
  }
} catch (error) {
  problem = error instanceof RestoreRefused ? error.message : `restore failed: ${(error as Error).message}`;
} finally {
  await database.embedded?.stop();
}
if (problem) fail(problem);
