import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { closeDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { TEMPLATE, withDatabase } from './global-setup';

// Each test file runs against its own fresh copy of the migrated, demo-seeded template.
const adminUrl = inject('adminDatabaseUrl');
const name = `quorum_test_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
await admin.end();

process.env.DATABASE_URL = withDatabase(adminUrl, name);
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123';
process.env.NEXTAUTH_URL ??= 'http://localhost:3000';
resetEnvCache();

afterAll(async () => {
  await closeDb();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});
