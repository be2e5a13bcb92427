import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '@/db/seed/demo';
import { closeDb, getDb } from '@/lib/db/client';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '@/lib/db/embedded';
import { ensureAppRole } from '@/lib/db/app-role';
import { migrateDatabase } from '@/lib/db/migrate';

/**
 * One real PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL's server), with a
 * migrated and demo-seeded template database; each test file gets its own copy of it.
 */
export const TEMPLATE = 'quorum_template';
/** Password of the app role (lib/db/app-role.ts) in the test cluster. */
export const TEST_APP_PASSWORD = 'quorum-app-test';

let embedded: EmbeddedDatabase | undefined;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // One folder per run, so parallel runs (several terminals, CI) never share a cluster.
    const dataDir = path.resolve('.data-test', String(process.pid));
    rmSync(dataDir, { recursive: true, force: true });
    embedded = await startEmbeddedDatabase({ dataDir, fast: true });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  await migrateDatabase(templateUrl);
  await ensureAppRole(templateUrl, TEST_APP_PASSWORD);
  process.env.DATABASE_URL = templateUrl;
  await seedDemo(getDb(), { meetings: false }); // tests create the meetings they need
  await closeDb();

  project.provide('adminDatabaseUrl', adminUrl);
  return async () => {
    await embedded?.stop();
    if (embedded) rmSync(path.resolve('.data-test', String(process.pid)), { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
