import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TransactionRollbackError, sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Transaction, getDb, getPool } from '@/lib/db/client';
import { TEST_META } from '@/lib/test/fixtures';
import { recordAudit } from './record';
import { verifyAuditChain } from './verify';

const BATCH_SIZES = [10_000, 1, 2, 3];

async function appendEvents(n: number, prefix = 'test.event') {
  for (let i = 0; i < n; i++) {
    await getDb().transaction((tx) =>
      recordAudit(tx, { id: '00000000-0000-4000-8000-000000000001', name: `Người thử ${i}` }, TEST_META, {
        action: `${prefix}_${i}`,
        entityType: 'test',
        entityId: String(i),
        details: { i, note: 'dòng\r\nmới' },
      }),
    );
  }
}

async function ids(): Promise<number[]> {
  const { rows } = await getPool().query<{ id: string }>('SELECT id FROM audit_events ORDER BY id');
  return rows.map((r) => Number(r.id));
}

/**
 * Tampers as a superuser would by hand, checks, then rolls everything back so the next test starts
 * from a clean chain. `session_replication_role = replica` switches off the append-only trigger.
 */
async function whileTampered<T>(tamper: (tx: Transaction) => Promise<void>, check: (tx: Transaction) => Promise<T>) {
  let result: T | undefined;
  try {
    await getDb().transaction(async (tx) => {
      await tamper(tx);
      result = await check(tx);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return result as T;
}

async function verifyAtEveryBatchSize(tx: Transaction) {
  const results = [];
  for (const batchSize of BATCH_SIZES) results.push(await verifyAuditChain(tx, { batchSize }));
  return results;
}

const asReplica = (statement: ReturnType<typeof sql>) => async (tx: Transaction) => {
  await tx.execute(sql`SET LOCAL session_replication_role = replica`);
  await tx.execute(statement);
  await tx.execute(sql`SET LOCAL session_replication_role = origin`);
};

beforeAll(async () => {
  await appendEvents(6);
});

describe('verifyAuditChain on an untouched log', () => {
  it('accepts the chain and counts every row, whatever the batch size', async () => {
    const count = (await ids()).length;
    expect(count).toBeGreaterThanOrEqual(7); // the seed's row and ours
    for (const batchSize of BATCH_SIZES) {
      expect(await verifyAuditChain(getDb(), { batchSize })).toEqual({ ok: true, rows: count });
    }
  });

  it('accepts an empty log', async () => {
    const result = await whileTampered(
      asReplica(sql`DELETE FROM audit_events`),
      (tx) => verifyAuditChain(tx),
    );
    expect(result).toEqual({ ok: true, rows: 0 });
  });
});

describe('verifyAuditChain after tampering by hand', () => {
  it('names the row whose content was changed (replica mode)', async () => {
    const target = (await ids())[3]!;
    const results = await whileTampered(
      asReplica(sql`UPDATE audit_events SET actor_name = 'Người khác' WHERE id = ${target}`),
      verifyAtEveryBatchSize,
    );
    for (const r of results) expect(r).toEqual({ ok: false, firstBadId: target, reason: 'hash_mismatch' });
  });

  it('names the row whose details were changed (triggers disabled)', async () => {
    const target = (await ids())[2]!;
    const results = await whileTampered(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
      await tx.execute(sql`UPDATE audit_events SET details = details || '{"i": 99}'::jsonb WHERE id = ${target}`);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    }, verifyAtEveryBatchSize);
    for (const r of results) expect(r).toEqual({ ok: false, firstBadId: target, reason: 'hash_mismatch' });
  });

  it('notices a changed time or address', async () => {
    const [, , , , target] = await ids();
    const results = await whileTampered(
      asReplica(sql`UPDATE audit_events SET occurred_at = occurred_at - interval '1 microsecond', ip = '10.0.0.9' WHERE id = ${target!}`),
      verifyAtEveryBatchSize,
    );
    for (const r of results) expect(r).toEqual({ ok: false, firstBadId: target, reason: 'hash_mismatch' });
  });

  it('catches a row rewritten together with its hash at the next row', async () => {
    const all = await ids();
    const [target, next] = [all[3]!, all[4]!];
    const results = await whileTampered(async (tx) => {
      await asReplica(sql`UPDATE audit_events SET action = 'test.forged' WHERE id = ${target}`)(tx);
      // SET sees the old row, so the hash is recomputed in a second statement.
      await asReplica(sql`UPDATE audit_events e SET hash = audit_row_hash(e.prev_hash, e) WHERE e.id = ${target}`)(tx);
    }, verifyAtEveryBatchSize);
    // Recomputing one hash is not enough: the next row still points at the old one.
    for (const r of results) expect(r).toEqual({ ok: false, firstBadId: next, reason: 'missing_rows' });
  });

  it('reports missing rows after a row deleted in the middle', async () => {
    const all = await ids();
    const [deleted, next] = [all[3]!, all[4]!];
    const results = await whileTampered(asReplica(sql`DELETE FROM audit_events WHERE id = ${deleted}`), verifyAtEveryBatchSize);
    for (const r of results) expect(r).toEqual({ ok: false, firstBadId: next, reason: 'missing_rows' });
  });

  it('reports missing rows when the oldest row is deleted', async () => {
    const [first, second] = await ids();
    const result = await whileTampered(asReplica(sql`DELETE FROM audit_events WHERE id = ${first!}`), (tx) => verifyAuditChain(tx));
    expect(result).toEqual({ ok: false, firstBadId: second, reason: 'missing_rows' });
  });

  it('reports a broken link when a well-formed row is slipped in between two others', async () => {
    const all = await ids();
    // Ids leave gaps (see verify.ts), so there is room for a forged id between rows 3 and 4.
    const before = all[3]!;
    const after = all[4]!;
    expect(after - before).toBeGreaterThan(1);
    const results = await whileTampered(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`
        INSERT INTO audit_events (id, occurred_at, action, details, prev_hash, hash)
        SELECT ${before + 1}, occurred_at, 'test.forged', '{}'::jsonb, hash, '' FROM audit_events WHERE id = ${before}`);
      await tx.execute(sql`UPDATE audit_events e SET hash = audit_row_hash(e.prev_hash, e) WHERE e.id = ${before + 1}`);
      await tx.execute(sql`SET LOCAL session_replication_role = origin`);
    }, verifyAtEveryBatchSize);
    for (const r of results) expect(r).toEqual({ ok: false, firstBadId: after, reason: 'broken_link' });
  });

  it('cannot see the newest row deleted: a chain alone has no anchor for its end', async () => {
    const all = await ids();
    const result = await whileTampered(asReplica(sql`DELETE FROM audit_events WHERE id = ${all.at(-1)!}`), (tx) => verifyAuditChain(tx));
    expect(result).toEqual({ ok: true, rows: all.length - 1 });
  });
});

describe('the append-only trigger', () => {
  it.each([
    ['UPDATE', `UPDATE audit_events SET actor_name = 'x'`],
    ['DELETE', `DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)`],
    ['TRUNCATE', 'TRUNCATE audit_events'],
  ])('refuses %s from the application', async (_kind, statement) => {
    const before = await ids();
    await expect(getPool().query(statement)).rejects.toMatchObject({
      code: '42501',
      message: 'audit_events is append-only',
    });
    expect(await ids()).toEqual(before);
  });

  it('overrides ids and hashes supplied by the caller', async () => {
    const { rows } = await getPool().query<{ id: string; prev_hash: string; hash: string }>(
      `INSERT INTO audit_events (id, action, prev_hash, hash) VALUES (1, 'test.forged_insert', 'x', 'y') RETURNING id, prev_hash, hash`,
    );
    expect(rows[0]!.id).not.toBe('1');
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });
});

describe('concurrent writers', () => {
  it('still form one valid chain in id order after 50 separate transactions', async () => {
    const before = (await ids()).length;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 25 });
    try {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query(`INSERT INTO audit_events (action, details) VALUES ($1, $2)`, [
              'test.concurrent',
              JSON.stringify({ i }),
            ]);
            // Hold the transaction open a little, so others queue on the chain lock.
            await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10)));
            await client.query(i % 7 === 0 ? 'ROLLBACK' : 'COMMIT');
          } finally {
            client.release();
          }
        }),
      );
    } finally {
      await pool.end();
    }
    const committed = 50 - Math.ceil(50 / 7);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: before + committed });
    const { rows } = await getPool().query<{ ordered: boolean }>(
      `SELECT bool_and(occurred_at >= prev_at) AS ordered
       FROM (SELECT occurred_at, lag(occurred_at) OVER (ORDER BY id) AS prev_at FROM audit_events) t
       WHERE prev_at IS NOT NULL`,
    );
    expect(rows[0]!.ordered).toBe(true);
  });
});

// Last: it leaves the log tampered with for good.
describe('npm run audit:verify', () => {
  const run = () =>
    spawnSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'lib/cli/audit-verify.ts'], {
      env: { ...process.env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('prints the row count and exits 0 on a clean chain, or names the first bad row and exits 1', async () => {
    const count = (await ids()).length;
    const ok = run();
    expect(ok.stdout.trim()).toBe(`audit chain OK: ${count} rows`);
    expect(ok.status).toBe(0);

    const target = (await ids())[5]!;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query('SET session_replication_role = replica');
    await client.query(`UPDATE audit_events SET actor_name = E'Người\\nkhác' WHERE id = $1`, [target]);
    await client.end();

    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`first bad row id ${target} (hash_mismatch`);
  }, 60_000);
});
