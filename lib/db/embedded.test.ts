import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runningCluster, sharedBuffers, startEmbeddedDatabase } from './embedded';

const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(condition: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** Exited, or a zombie waiting to be reaped. */
function gone(pid: number) {
  try {
    return /\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function query(url: string, text = 'select current_database() as db') {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(text);
  await client.end();
  return Object.values(rows[0])[0] as string;
}

describe('embedded PostgreSQL', () => {
  it('starts after a crash that left an orphaned server and a stale lock file', { timeout: 120_000 }, async () => {
    // A Quorum process starts the server and is killed with SIGKILL: its PostgreSQL lives on.
    const crashed = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'lib/test/start-embedded.ts', dir]);
    await new Promise<void>((resolve, reject) => {
      crashed.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      crashed.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const orphan = runningCluster(dir);
    expect(orphan).toBeDefined();
    // tsx runs the script in a child node process: kill the one that owns the folder, and tsx.
    const owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    process.kill(owner, 'SIGKILL');
    crashed.kill('SIGKILL');
    await new Promise((r) => crashed.on('exit', r));
    await until(() => gone(owner));

    const next = await startEmbeddedDatabase({ dataDir: dir, fast: true });
    expect(await query(next.url)).toBe('quorum');
    const buffers = "select (setting::bigint * 8 / 1024)::text || 'MB' from pg_settings where name = 'shared_buffers'";
    expect(await query(next.url, buffers)).toBe(sharedBuffers()); // 8 kB pages
    expect(runningCluster(dir)?.pid).not.toBe(orphan!.pid);
    await next.stop();
    expect(runningCluster(dir)).toBeUndefined();

    // A lock file naming a process that no longer exists is removed, not obeyed.
    writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), `${crashed.pid}\n${path.join(dir, 'pg')}\n0\n5432\n`);
    const again = await startEmbeddedDatabase({ dataDir: dir, fast: true });
    expect(await query(again.url)).toBe('quorum');
    await again.stop();
  });

  it('refuses a data folder that a live Quorum process is using', { timeout: 60_000 }, async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'quorum-embedded-busy-'));
    try {
      const running = await startEmbeddedDatabase({ dataDir: other, fast: true });
      const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
      writeFileSync(path.join(other, 'owner.pid'), String(owner.pid));
      await expect(startEmbeddedDatabase({ dataDir: other, fast: true })).rejects.toThrow(/in use by another Quorum process/);
      owner.kill();
      await running.stop();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('sizes the buffer cache from the machine, or from QUORUM_DB_SHARED_BUFFERS', () => {
    const gib = 1024 ** 3;
    expect(sharedBuffers(undefined, 24 * gib)).toBe('3072MB');
    expect(sharedBuffers(undefined, 0.5 * gib)).toBe('128MB');
    expect(sharedBuffers(undefined, 256 * gib)).toBe('4096MB');
    expect(sharedBuffers('2GB', 24 * gib)).toBe('2GB');
    expect(() => sharedBuffers('lots', 24 * gib)).toThrow(/QUORUM_DB_SHARED_BUFFERS/);
  });
});
