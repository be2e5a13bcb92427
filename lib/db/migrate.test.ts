import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, inject } from 'vitest';
import { withDatabase } from '@/lib/test/global-setup';
import { checkConnection } from './connection-check';
import { freePort } from './embedded';
import { migrateDatabase } from './migrate';

describe('migrations', () => {
  it('run once when two instances start together, and the second start finds nothing to do', async () => {
    const adminUrl = inject('adminDatabaseUrl');
    const name = `quorum_migrate_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = withDatabase(adminUrl, name);
    try {
      await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
      await migrateDatabase(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const applied = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      const extensions = await client.query(`select extname from pg_extension where extname in ('unaccent','pg_trgm') order by 1`);
      await client.end();
      expect(applied.rows[0].n).toBeGreaterThanOrEqual(2);
      expect(extensions.rows.map((r) => r.extname)).toEqual(['pg_trgm', 'unaccent']);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('an unreachable database', () => {
  it('is reported in one readable line', async () => {
    const port = await freePort();
    const problem = await checkConnection(`postgres://quorum:secret@127.0.0.1:${port}/quorum`);
    expect(problem).toBe(
      `Cannot reach PostgreSQL at 127.0.0.1:${port}/quorum (ECONNREFUSED). Check DATABASE_URL and that the server is running.`,
    );
    expect(problem).not.toContain('\n');
  });
});
