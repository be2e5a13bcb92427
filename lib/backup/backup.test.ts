import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import * as schema from '@/db/schema';
import { archiveUploads } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { verifyAuditChain } from '@/lib/audit/verify';
import { getDb } from '@/lib/db/client';
import { samplePdf } from '@/lib/meetings/agenda-fixtures';
import { readAll } from '@/lib/storage';
import { LocalStorage } from '@/lib/storage/local';
import { TEST_META, viewerFor } from '@/lib/test/fixtures';
import { withDatabase } from '@/lib/test/global-setup';
import { sampleTiff } from '@/lib/uploads/test-fixtures';
import { createBackup } from './backup';
import { RestoreRefused, restoreBackup } from './restore';

const work = await mkdtemp(path.join(tmpdir(), 'quorum-backup-test-'));
const source = new LocalStorage(path.join(work, 'source-files'));
const target = new LocalStorage(path.join(work, 'restored-files'));
const adminUrl = inject('adminDatabaseUrl');
const restoredName = `quorum_restored_${process.pid}_${Date.now()}`;
const restoredUrl = withDatabase(adminUrl, restoredName);

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
  await rm(work, { recursive: true, force: true });
});

/** Row count and a digest of every row's text, per table, in a stable order. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const { name } of tables.rows) {
      const { rows } = await client.query(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from "${name}" t`,
      );
      result[name] = rows[0];
    }
    const migrations = await client.query('select hash from drizzle.__drizzle_migrations order by created_at');
    return { tables: result, migrations: migrations.rows.map((r) => r.hash) };
  } finally {
    await client.end();
  }
}

async function allFiles(storage: LocalStorage) {
  const files = new Map<string, Buffer>();
  for await (const entry of storage.list()) files.set(entry.key, await readAll(storage, entry.key));
  return files;
}

describe('backup and restore', () => {
  it('round-trips the whole database and every file, and the audit chain still verifies', async () => {
    const clerk = await viewerFor('clerk@quorum.local');
    for (const [i, bytes] of [await samplePdf(2, 'Nghi quyet'), sampleTiff(640, 480), Buffer.from('Tệp mồ côi, không dòng nào trỏ tới')].entries()) {
      const stored = await source.put(bytes);
      if (i < 2) {
        await getDb().insert(archiveUploads).values({
          userId: clerk.id,
          fileName: `Tài liệu ${i}.pdf`,
          contentType: 'application/pdf',
          sizeBytes: stored.size,
          sha256: stored.sha256,
          storageKey: stored.key,
        });
      }
    }
    for (let i = 0; i < 5; i++) {
      await recordAudit(getDb(), { id: clerk.id, name: clerk.name }, TEST_META, {
        action: 'archive.test',
        entityType: 'record',
        details: { n: i, note: 'Dòng nhật ký\r\nthứ hai' },
      });
    }
    const before = await fingerprint(process.env.DATABASE_URL!);
    expect(before.tables.users!.rows).toBeGreaterThan(0);
    expect(before.tables.audit_events!.rows).toBeGreaterThanOrEqual(5);

    const output = path.join(work, 'quorum.tar.gz');
    const backup = await createBackup({ databaseUrl: process.env.DATABASE_URL!, storage: source, output });
    expect(backup).toMatchObject({ file: output, files: 3, missingFiles: [] });

    await admin(`CREATE DATABASE ${restoredName}`);
    const restored = await restoreBackup({ databaseUrl: restoredUrl, storage: target, file: output });
    expect(restored).toMatchObject({ files: 3, tables: Object.keys(before.tables).length, rows: backup.rows });

    expect(await fingerprint(restoredUrl)).toEqual(before);
    const sourceFiles = await allFiles(source);
    const restoredFiles = await allFiles(target);
    expect([...restoredFiles.keys()].sort()).toEqual([...sourceFiles.keys()].sort());
    for (const [key, bytes] of sourceFiles) expect(restoredFiles.get(key)!.equals(bytes)).toBe(true);

    const pool = new pg.Pool({ connectionString: restoredUrl, max: 2 });
    try {
      const db = drizzle(pool, { schema, casing: 'snake_case' });
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before.tables.audit_events!.rows });
      // Sequences continue where they were: a new audit row chains on.
      await recordAudit(db, { id: clerk.id, name: clerk.name }, TEST_META, { action: 'archive.after-restore' });
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before.tables.audit_events!.rows + 1 });
    } finally {
      await pool.end();
    }

    // Restoring over data is refused, and changes nothing.
    await expect(restoreBackup({ databaseUrl: restoredUrl, storage: target, file: output })).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup({ databaseUrl: restoredUrl, storage: target, file: output })).rejects.toThrow(/not empty/);
  });

  it('refuses a file that is not a backup', async () => {
    const notBackup = path.join(work, 'not-a-backup.tar');
    await writeFile(notBackup, Buffer.alloc(1024));
    await expect(restoreBackup({ databaseUrl: restoredUrl, storage: target, file: notBackup })).rejects.toThrow(/not a Quorum backup/);
  });
});
