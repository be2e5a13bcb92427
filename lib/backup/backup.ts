import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ObjectStorage } from '@/lib/storage/types';
import { referencedStorageKeys } from '@/lib/storage/sweep';
import { TarWriter } from './tar';

export const BACKUP_FORMAT = 'quorum-backup';
export const BACKUP_VERSION = 1;

/** The first entry of a backup: what it holds and the schema it was taken at. */
export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** Applied migrations (drizzle's hashes, in order): a restore rebuilds exactly this schema first. */
  migrations: { hash: string; createdAt: string }[];
  tables: { name: string; columns: string[] }[];
};

/** The last entry: counts to check the restore against, and the sequences' positions. */
export type BackupSummary = {
  rows: Record<string, number>;
  sequences: { name: string; lastValue: string | null }[];
  files: number;
  fileBytes: number;
  /** Keys that rows refer to but storage did not have when the backup was taken. */
  missingFiles: string[];
};

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function schemaTables(client: pg.ClientBase): Promise<BackupHeader['tables']> {
  const { rows } = await client.query<{ table_name: string; columns: string[] }>(`
    select t.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
    from information_schema.tables t
    join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
    group by t.table_name order by t.table_name`);
  return rows.map((r) => ({ name: r.table_name, columns: r.columns }));
}

export async function appliedMigrations(client: pg.ClientBase): Promise<BackupHeader['migrations'] | undefined> {
  const exists = await client.query(`select to_regclass('drizzle.__drizzle_migrations') as t`);
  if (!exists.rows[0].t) return undefined;
  const { rows } = await client.query<{ hash: string; created_at: string }>(
    'select hash, created_at::text from drizzle.__drizzle_migrations order by created_at, id',
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: r.created_at }));
}

export type BackupResult = { file: string; tables: number; rows: number; files: number; fileBytes: number; missingFiles: string[] };

/**
 * Writes ONE archive (`.tar.gz`) of everything: the database, as one consistent snapshot (a
 * REPEATABLE READ, READ ONLY transaction; one COPY per table, in PostgreSQL's own text format,
 * so every type comes back exactly), and every stored file, each verified against its SHA-256
 * while it streams in. Files are listed after the snapshot is taken, and a file is always stored
 * before the row that names it, so every file the snapshot's rows refer to is included.
 * The archive is written to `<output>.partial` and renamed when complete.
 */
export async function createBackup(options: { databaseUrl: string; storage: ObjectStorage; output: string }): Promise<BackupResult> {
  // Table dumps wait beside the output (not in a possibly small /tmp) until they go into the archive.
  const spool = await mkdtemp(path.join(path.dirname(options.output), '.quorum-backup-'));
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const partial = `${options.output}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations: (await appliedMigrations(client)) ?? [],
      tables: await schemaTables(client),
    };
    const summary: BackupSummary = { rows: {}, sequences: [], files: 0, fileBytes: 0, missingFiles: [] };
    for (const table of header.tables) {
      const columns = table.columns.map(quoteIdentifier).join(', ');
      const copy = client.query(copyTo(`COPY ${quoteIdentifier(table.name)} (${columns}) TO STDOUT`));
      await pipeline(copy, createWriteStream(path.join(spool, `${table.name}.copy`)));
      summary.rows[table.name] = Number(copy.rowCount ?? 0);
    }
    const sequences = await client.query<{ name: string; last_value: string | null }>(
      `select sequencename as name, last_value::text from pg_sequences where schemaname = current_schema() order by sequencename`,
    );
    summary.sequences = sequences.rows.map((s) => ({ name: s.name, lastValue: s.last_value }));
    const referenced = await referencedStorageKeys((text) => client.query(text));
    await client.query('COMMIT');

    const gzip = createGzip({ level: 3 });
    const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
    written.catch(() => undefined); // awaited below; a failure before then is handled there
    const tar = new TarWriter(gzip);
    await tar.addJson('quorum-backup.json', header);
    const stored = new Set<string>();
    for await (const entry of options.storage.list()) {
      // open() checks the SHA-256 as the bytes stream: a damaged file fails the backup.
      await tar.add(`files/${entry.key.slice(0, 2)}/${entry.key}`, entry.size, await options.storage.open(entry.key));
      stored.add(entry.key);
      summary.files++;
      summary.fileBytes += entry.size;
    }
    summary.missingFiles = [...referenced].filter((key) => !stored.has(key)).sort();
    for (const table of header.tables) {
      const file = path.join(spool, `${table.name}.copy`);
      await tar.add(`db/${table.name}.copy`, (await stat(file)).size, createReadStream(file));
    }
    await tar.addJson('summary.json', summary);
    await tar.finish();
    await written;
    await rename(partial, options.output);
    return {
      file: options.output,
      tables: header.tables.length,
      rows: Object.values(summary.rows).reduce((a, b) => a + b, 0),
      files: summary.files,
      fileBytes: summary.fileBytes,
      missingFiles: summary.missingFiles,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
    await rm(spool, { recursive: true, force: true });
  }
}
