import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SQL, count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import * as schema from '@/db/schema';
import { migrateDatabase } from '@/lib/db/migrate';
import { resetEnvCache } from '@/lib/env';
import { withDatabase } from '@/lib/test/global-setup';
import { seedDemo } from './demo';

describe('the demo seed', () => {
  it('builds the whole demo on an empty database, meetings, minutes and programme included, once', { timeout: 60_000 }, async () => {
    const adminUrl = inject('adminDatabaseUrl');
    const name = `quorum_seed_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const files = await mkdtemp(path.join(tmpdir(), 'quorum-seed-'));
    process.env.QUORUM_DATA_DIR = files;
    resetEnvCache();
    const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, name) });
    try {
      await migrateDatabase(withDatabase(adminUrl, name));
      const db = drizzle(pool, { schema, casing: 'snake_case' });
      expect(await seedDemo(db)).toBe(true);
      expect(await seedDemo(db)).toBe(false);
      const n = async (table: PgTable, where?: SQL) => (await db.select({ n: count() }).from(table).where(where))[0]!.n;
      expect(await n(schema.organizations)).toBe(12);
      expect(await n(schema.meetings)).toBe(6);
      expect(await n(schema.meetings, eq(schema.meetings.status, 'minutes_approved'))).toBe(1);
      expect(await n(schema.minutes, eq(schema.minutes.status, 'approved'))).toBe(1);
      expect(await n(schema.workProgrammes)).toBe(1);
      expect(await n(schema.meetingDocuments)).toBe(1);
      expect(await n(schema.users)).toBeGreaterThan(180);
    } finally {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await rm(files, { recursive: true, force: true });
    }
  });
});
