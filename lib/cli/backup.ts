import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createBackup } from '@/lib/backup/backup';
import { storageFor } from '@/lib/storage';
import { fail, loadEnvironment, openDatabase } from './runtime';

/**
 * `npm run backup [-- <file.tar.gz>]`: writes ONE archive with the whole database (one consistent
 * snapshot) and every stored file. Default file: `<QUORUM_DATA_DIR>/backups/quorum-<UTC time>.tar.gz`
 * — copy it somewhere else: a backup kept beside the data it protects is lost with it.
 * Safe while Quorum runs.
 */

const config = loadEnvironment();
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-');
const output = path.resolve(process.argv[2] ?? path.join(config.QUORUM_DATA_DIR, 'backups', `quorum-${stamp}.tar.gz`));
mkdirSync(path.dirname(output), { recursive: true });

const database = await openDatabase();
let exitCode = 0;
try {
  const { storage, description } = storageFor(config);
  console.log(`quorum: backing up the database and the files in ${description} …`);
  const result = await createBackup({ databaseUrl: database.url, storage, output });
  const megabytes = (result.fileBytes / 1024 / 1024).toFixed(1);
  console.log(`quorum: backup written to ${result.file}: ${result.tables} tables, ${result.rows} rows, ${result.files} files (${megabytes} MB)`);
  if (result.missingFiles.length) {
    console.warn(`quorum: WARNING: ${result.missingFiles.length} file(s) named by rows were already missing from storage: ${result.missingFiles.slice(0, 5).join(', ')}`);
  }
} catch (error) {
  exitCode = 1;
  console.error(`quorum: backup failed: ${(error as Error).message}`);
} finally {
  await database.embedded?.stop();
}
if (exitCode) fail('no backup was written');
