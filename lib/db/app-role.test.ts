import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { TEST_APP_PASSWORD } from '@/lib/test/global-setup';
import { appRoleUrl } from './app-role';

// The per-file test database, as the app role sees it.
const pool = new pg.Pool({ connectionString: appRoleUrl(process.env.DATABASE_URL!, TEST_APP_PASSWORD), max: 1 });
const db = drizzle(pool, { schema, casing: 'snake_case' });
afterAll(() => pool.end());

const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code);

describe('the app role', () => {
  it('reads and writes ordinary data and appends audit rows', async () => {
    const users = await db.execute(sql`select count(*)::int as n from users`);
    expect(users.rows[0]!.n).toBeGreaterThan(100);
    await recordAudit(db, null, { ip: null, userAgent: 'app-role test' }, { action: 'test.append' });
    const row = await db.execute(sql`select hash from audit_events where action = 'test.append'`);
    expect(row.rows).toHaveLength(1);
  });

  it('cannot change or remove audit rows, nor switch the audit triggers off', async () => {
    expect(await code(db.execute(sql`update audit_events set action = 'x'`))).toBe('42501');
    expect(await code(db.execute(sql`delete from audit_events`))).toBe('42501');
    expect(await code(db.execute(sql`truncate audit_events`))).toBe('42501');
    expect(await code(db.execute(sql`alter table audit_events disable trigger user`))).toBe('42501');
    expect(await code(db.execute(sql`set session_replication_role = replica`))).toBe('42501');
  });
});
