import { closeDb } from '@/lib/db/client';
import { prepareJobQueue } from '@/lib/jobs/schema';
import { startJobWorker } from '@/lib/jobs/worker';
import { type Database, fail, loadEnvironment, openDatabase } from './runtime';

/**
 * `npm run worker`: the job worker (text extraction, OCR, previews, periodic sweeps) as its own
 * process. `npm start` runs one as a child, with the queue already prepared; started by hand it
 * uses DATABASE_URL or the embedded server of a running Quorum, and prepares the queue itself.
 */
loadEnvironment();
let database: Database | undefined;
if (process.env.QUORUM_JOB_QUEUE_READY !== '1') {
  database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  await prepareJobQueue(database.url).catch((error: Error) => fail(`the job queue could not be prepared: ${error.message}`));
}

const worker = await startJobWorker();

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await closeDb();
  await database?.embedded?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
