import { parseArgs } from 'node:util';
import { createTranslator } from 'use-intl/core'; // no React: this runs from the command line
import { type ImportSummary, importFolder } from '@/lib/archive/import';
import { closeDb, getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { loadMessages } from '@/lib/i18n/messages';
import { enqueueIngest } from '@/lib/ingest/queue';
import { fail, loadEnvironment, openDatabase } from './runtime';

/**
 * `npm run import -- <folder> --metadata file.csv [--organization <id or name>] [--locale en]`:
 * files every CSV row as an archive record (README: "Bulk import"). Prints a progress line, then a
 * summary with the reason for every failed row; exits 1 when a row failed. Safe to re-run.
 */

const USAGE = 'usage: npm run import -- <folder> --metadata <file.csv> [--organization <id or name>] [--locale vi|en]';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { metadata: { type: 'string', short: 'm' }, organization: { type: 'string', short: 'o' }, locale: { type: 'string', default: 'vi' } },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const folder = parsed.positionals[0];
const csvPath = parsed.values.metadata;
if (!folder || !csvPath || parsed.positionals.length > 1) fail(USAGE);
const locale = parsed.values.locale === 'en' ? 'en' : 'vi';

loadEnvironment();
const database = await openDatabase();
process.env.DATABASE_URL = database.url;
const t = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as (key: string, values?: Record<string, string | number>) => string;

/** One line redrawn in place on a terminal; nothing per row when the output is a file or a pipe. */
function progress(done: number, total: number, label: string) {
  if (!process.stdout.isTTY) return;
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  const name = label.length > 40 ? `…${label.slice(-39)}` : label;
  process.stdout.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${name}`);
  if (done === total) process.stdout.write('\n');
}

let summary: ImportSummary | undefined;
try {
  console.log(t('archive.import.start', { csv: csvPath }));
  summary = await importFolder(getDb(), {
    folder,
    csvPath,
    organization: parsed.values.organization,
    maxBytes: env().UPLOAD_MAX_BYTES,
    t,
    onProgress: progress,
    enqueue: enqueueIngest,
  });
} catch (error) {
  console.error(`quorum: import failed: ${(error as Error).message}`);
} finally {
  await closeDb();
  await database.embedded?.stop();
}

if (summary) {
  console.log(t('archive.import.done', { imported: summary.imported, skipped: summary.skipped, failed: summary.failures.length }));
  if (summary.failures.length) {
    console.error(t('archive.import.failures'));
    for (const failure of summary.failures) console.error(t('archive.import.failure', { row: failure.row, file: failure.file, reason: failure.reason }));
  }
}
process.exit(summary && summary.failures.length === 0 ? 0 : 1);
