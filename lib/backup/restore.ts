import { createReadStream } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { MIGRATIONS_FOLDER, migrateDatabase } from '@/lib/db/migrate';
import type { ObjectStorage } from '@/lib/storage/types';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupSummary,
  appliedMigrations,
  quoteIdentifier,
  schemaTables,
} from './backup';
import { readTar } from './tar';

/** Why a restore was refused before anything was written; the message says what to do. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

type Journal = { entries: { idx: number; when: number; tag: string }[] };

/** Tables that migrations themselves fill (e.g. default retention rules): found in the SQL. */
async function tablesFilledByMigrations(folder: string): Promise<Set<string>> {
  const tables = new Set<string>();
  for (const name of (await readdir(folder)).filter((n) => n.endsWith('.sql'))) {
    for (const match of (await readFile(path.join(folder, name), 'utf8')).matchAll(/insert\s+into\s+"?([\w]+)"?/gi)) tables.add(match[1]!);
  }
  return tables;
}

/**
 * A copy of the migrations folder holding only the first `count` migrations, after checking that
 * they are the very migrations the backup was taken with (drizzle's hash is the SHA-256 of the SQL).
 */
async function migrationsUpTo(backup: BackupHeader['migrations'], folder: string): Promise<string> {
  const journal = JSON.parse(await readFile(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  if (backup.length > journal.entries.length) {
    throw new RestoreRefused(
      `The backup was taken with ${backup.length} migrations; this version of Quorum has only ${journal.entries.length}. Restore it with the same or a newer version of Quorum.`,
    );
  }
  const subset = journal.entries.slice(0, backup.length);
  for (const [i, entry] of subset.entries()) {
    const sqlText = await readFile(path.join(folder, `${entry.tag}.sql`), 'utf8');
    if (createHash('sha256').update(sqlText).digest('hex') !== backup[i]!.hash) {
      throw new RestoreRefused(`Migration ${entry.tag} differs from the one the backup was taken with: this backup belongs to another version of Quorum.`);
    }
  }
  const target = await mkdtemp(path.join(tmpdir(), 'quorum-migrations-'));
  await cp(path.join(folder, 'meta'), path.join(target, 'meta'), { recursive: true });
  await writeFile(path.join(target, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: subset }));
  for (const entry of subset) await cp(path.join(folder, `${entry.tag}.sql`), path.join(target, `${entry.tag}.sql`));
  return target;
}

async function readJson<T>(entry: AsyncIterable<unknown>): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

export type RestoreResult = { tables: number; rows: number; files: number };

/**
 * Restores a backup written by `createBackup` into an EMPTY database and storage:
 * 1. the schema is rebuilt at the backup's migration level (the database must have no migrations
 *    yet, or exactly the backup's) and must hold no data (rows that migrations insert aside);
 * 2. every file is stored again and must hash to its name;
 * 3. all tables are loaded in ONE transaction with `session_replication_role = replica`, so
 *    foreign keys in cycles load in any order and the audit triggers keep the original ids,
 *    times and hashes (the chain verifies as before); row counts are checked and sequences
 *    set before it commits (this needs a superuser, as the embedded server's owner is);
 * 4. newer migrations of this version of Quorum are applied afterwards.
 * Files come before rows, so an interrupted restore leaves only unreferenced files (swept later)
 * and an empty database: it can simply be run again.
 */
export async function restoreBackup(options: {
  databaseUrl: string;
  storage: ObjectStorage;
  file: string;
  migrationsFolder?: string;
  onProgress?: (message: string) => void;
}): Promise<RestoreResult> {
  const folder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  const progress = options.onProgress ?? (() => undefined);
  const entries = readTar(createReadStream(options.file));
  const first = await entries.next().catch(() => undefined);
  if (!first || first.done || first.value.path !== 'quorum-backup.json') throw new RestoreRefused(`${options.file} is not a Quorum backup.`);
  const header = await readJson<BackupHeader>(first.value);
  if (header.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION) {
    throw new RestoreRefused(`${options.file} is a backup format this version of Quorum does not read (${header.format} ${header.version}).`);
  }

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let inTransaction = false;
  try {
    const current = await appliedMigrations(client);
    if (!current || current.length === 0) {
      const { rows } = await client.query(`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`);
      if (rows[0].n > 0) throw new RestoreRefused('The database already has tables but no Quorum schema. Restore into a new, empty database.');
      const subset = await migrationsUpTo(header.migrations, folder);
      try {
        await migrateDatabase(options.databaseUrl, subset);
      } finally {
        await rm(subset, { recursive: true, force: true });
      }
    } else if (current.map((m) => m.hash).join() !== header.migrations.map((m) => m.hash).join()) {
      throw new RestoreRefused(
        `This database already has a schema (${current.length} migrations) that differs from the backup's (${header.migrations.length}). Restore into a new, empty database or data folder.`,
      );
    }

    const prefilled = await tablesFilledByMigrations(folder);
    const tables = await schemaTables(client);
    const nonEmpty: string[] = [];
    for (const table of tables) {
      if (prefilled.has(table.name)) continue;
      const { rows } = await client.query(`select exists (select 1 from ${quoteIdentifier(table.name)}) as has`);
      if (rows[0].has) nonEmpty.push(table.name);
    }
    if (nonEmpty.length) {
      throw new RestoreRefused(
        `The database is not empty (data in: ${nonEmpty.slice(0, 8).join(', ')}${nonEmpty.length > 8 ? ', …' : ''}). A backup is only restored into an empty instance: use a new data folder (QUORUM_DATA_DIR) or a new database (DATABASE_URL).`,
      );
    }
    const known = new Map(tables.map((t) => [t.name, new Set(t.columns)]));
    for (const table of header.tables) {
      const columns = known.get(table.name);
      if (!columns || table.columns.some((c) => !columns.has(c))) throw new RestoreRefused(`Table ${table.name} of the backup does not match this schema.`);
    }

    let files = 0;
    let loaded = 0;
    let summary: BackupSummary | undefined;
    for await (const entry of { [Symbol.asyncIterator]: () => entries }) {
      const name = entry.path;
      const file = /^files\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(name);
      if (file) {
        const stored = await options.storage.put(Readable.from(entry));
        if (stored.key !== file[1]) throw new Error(`file ${file[1]} in the backup is damaged (its content hashes to ${stored.key})`);
        if (++files % 100 === 0) progress(`${files} files restored`);
        continue;
      }
      const table = /^db\/(.+)\.copy$/.exec(name)?.[1];
      if (table) {
        const definition = header.tables.find((t) => t.name === table);
        if (!definition) throw new Error(`unexpected table ${table} in the backup`);
        if (!inTransaction) {
          await client.query('BEGIN');
          inTransaction = true;
          await client.query('SET LOCAL session_replication_role = replica').catch(() => {
            throw new RestoreRefused('Restoring needs a PostgreSQL superuser (to load the audit log unchanged). Use the database owner of the embedded server, or a superuser URL.');
          });
          // Rows that migrations inserted (defaults) are replaced by the backup's.
          for (const prefilledTable of header.tables.filter((t) => prefilled.has(t.name))) {
            await client.query(`DELETE FROM ${quoteIdentifier(prefilledTable.name)}`);
          }
        }
        const columns = definition.columns.map(quoteIdentifier).join(', ');
        await pipeline(Readable.from(entry), client.query(copyFrom(`COPY ${quoteIdentifier(table)} (${columns}) FROM STDIN`)));
        loaded++;
        progress(`table ${table} restored`);
        continue;
      }
      if (name === 'summary.json') summary = await readJson<BackupSummary>(entry);
    }
    if (!summary || !inTransaction || loaded !== header.tables.length) throw new Error('the backup is incomplete (it ends early)');

    for (const table of header.tables) {
      const { rows } = await client.query(`select count(*)::int as n from ${quoteIdentifier(table.name)}`);
      if (rows[0].n !== summary.rows[table.name]) {
        throw new Error(`table ${table.name}: ${rows[0].n} rows restored, ${summary.rows[table.name]} in the backup`);
      }
    }
    for (const sequence of summary.sequences) {
      await client.query(
        sequence.lastValue === null ? 'select setval($1::regclass, 1, false)' : 'select setval($1::regclass, $2::bigint, true)',
        sequence.lastValue === null ? [quoteIdentifier(sequence.name)] : [quoteIdentifier(sequence.name), sequence.lastValue],
      );
    }
    await client.query('COMMIT');
    inTransaction = false;
    await migrateDatabase(options.databaseUrl, folder);
    return { tables: loaded, rows: Object.values(summary.rows).reduce((a, b) => a + b, 0), files };
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    await entries.return(undefined);
  }
}
