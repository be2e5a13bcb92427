import { type AuditChainFailure, verifyAuditChain } from '@/lib/audit/verify';
import { closeDb, getDb } from '@/lib/db/client';
import { loadEnvironment, openDatabase } from './runtime';

/**
 * `npm run audit:verify`: recomputes the audit hash chain. Prints `audit chain OK: N rows` and
 * exits 0, or names the first bad row and why, and exits 1. Read-only: it applies no migrations.
 */

const EXPLANATIONS: Record<AuditChainFailure, string> = {
  hash_mismatch: 'the row was changed after it was written',
  broken_link: 'the row is not chained to the row before it (rows inserted or reordered)',
  missing_rows: 'the row(s) this one was chained to are gone (deleted, or rewritten with their hash)',
};

loadEnvironment();
const database = await openDatabase();
process.env.DATABASE_URL = database.url;

let exitCode = 0;
try {
  const result = await verifyAuditChain(getDb());
  if (result.ok) {
    console.log(`audit chain OK: ${result.rows} rows`);
  } else {
    console.error(`audit chain BROKEN: first bad row id ${result.firstBadId} (${result.reason}: ${EXPLANATIONS[result.reason]})`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`quorum: could not verify the audit chain: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await closeDb();
  await database.embedded?.stop();
}
process.exit(exitCode);
