import PgBoss from 'pg-boss';
import pg from 'pg';
import { queueOptions } from './queues';
import { jobSettings } from './settings';

/** The PostgreSQL schema that holds pg-boss's tables (created next to `public`). */
export const JOB_SCHEMA = 'pgboss';

/**
 * Installs or upgrades pg-boss's tables and creates Quorum's queues, as the database owner: each
 * queue is a table partition, which the app role (lib/db/app-role.ts) may not create. Then lets
 * that role use the queue (read and write jobs, call pg-boss's functions) without owning anything.
 * Idempotent: run after the migrations on every start.
 */
export async function prepareJobQueue(ownerUrl: string, appRole?: string) {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, max: 2, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => undefined); // start() and the queue calls below reject with the same error
  await boss.start();
  try {
    const options = queueOptions(jobSettings().ingestTimeoutSeconds);
    for (const [name, queue] of Object.entries(options)) {
      if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...queue });
      else await boss.createQueue(name, { name, ...queue });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (appRole) await grantJobQueue(ownerUrl, appRole);
}

async function grantJobQueue(ownerUrl: string, appRole: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(appRole);
    const schema = client.escapeIdentifier(JOB_SCHEMA);
    await client.query(`
      GRANT USAGE ON SCHEMA ${schema} TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${role};`);
  } finally {
    await client.end();
  }
}
