// What the server benchmarks share: options, percentiles, the production build, a throw-away
// embedded PostgreSQL seeded with the demo, and the real production web server on a free port.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { seedDemo } from '@/db/seed/demo';
import { closeDb, getDb } from '@/lib/db/client';
import { appRoleUrl, ensureAppRole } from '@/lib/db/app-role';
import { freePort, startEmbeddedDatabase } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { serverCommand } from '@/lib/cli/server-command';

export const root = process.cwd();
export const nextBinPath = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export const args = process.argv.slice(2);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `--name N` as a positive integer, or the fallback. */
export function option(name: string, fallback: number) {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} needs a positive number`);
  return Math.floor(value);
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resident memory of a process and its descendants, from /proc (kB). */
export function rssKb(pid: number): { rss: number; hwm: number } {
  let rss = 0;
  let hwm = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process is gone
    }
  };
  visit(pid);
  return { rss, hwm };
}

/** CPU time (user + system, ms) used so far by a process and its descendants, from /proc. */
export function cpuMs(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process is gone
    }
  };
  visit(pid);
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Kilobytes as megabytes with one decimal. */
export const mb = (kb: number) => Math.round(kb / 102.4) / 10;

export const logger = (bench: string) => (message: string) => console.log(`${bench}: ${message}`);

/** Runs `next build` when asked to, or when there is no production build yet. */
export function ensureBuild(log: (m: string) => void, { always }: { always: boolean }) {
  if (!always && existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  log('running `next build`…');
  const built = spawnSync(process.execPath, [nextBinPath, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (built.status !== 0) throw new Error('next build failed');
}

/**
 * An embedded PostgreSQL in a temporary folder, migrated, with the app role and the demo seed;
 * `DATABASE_URL` points this process at it as the app role. `cleanup()` stops the server, closes
 * the benchmark's sockets and removes everything (also on Ctrl-C).
 */
export async function startBenchStack(name: string, log: (m: string) => void) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `quorum-bench-${name}-`));
  const database = await startEmbeddedDatabase({ dataDir, fast: true });
  const sockets: http.ClientRequest[] = [];
  let server: ChildProcess | undefined;

  async function cleanup() {
    for (const req of sockets) req.destroy();
    if (server && server.exitCode === null) {
      const running = server;
      running.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          running.kill('SIGKILL');
          resolve(undefined);
        }, 5_000);
        running.once('exit', () => (clearTimeout(timer), resolve(undefined)));
      });
    }
    await closeDb().catch(() => undefined);
    await database.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  log('embedded PostgreSQL ready; migrating and seeding…');
  await migrateDatabase(database.url);
  const appPassword = randomBytes(18).toString('base64url');
  await ensureAppRole(database.url, appPassword);
  const appUrl = appRoleUrl(database.url, appPassword);
  process.env.DATABASE_URL = appUrl;
  await seedDemo(getDb());
  const authSecret = randomBytes(32).toString('base64url');

  /** The production web server (as `npm start` runs it) on a free port against this database; resolves once /api/health answers. */
  async function startServer() {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // BENCH_CPU_PROF=<dir> writes a CPU profile of the server (for finding where the time goes).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    const started = spawn(process.execPath, [...profile, ...serverCommand({ port, hostname: '127.0.0.1' })], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: appUrl,
        AUTH_SECRET: authSecret,
        NEXTAUTH_URL: baseUrl,
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'warn',
        PORT: String(port),
      },
    });
    server = started;
    for (let i = 0; ; i++) {
      if (started.exitCode !== null) throw new Error('the web server exited');
      if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('the web server did not become healthy in 60 s');
      await sleep(100);
    }
    return { baseUrl, pid: started.pid! };
  }

  return { appUrl, authSecret, sockets, startServer, cleanup, databasePid: database.pid };
}
