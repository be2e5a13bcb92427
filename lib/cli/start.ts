import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemo } from '@/db/seed/demo';
import { closeDb, getDb } from '@/lib/db/client';
import { appRoleUrl, ensureAppRole } from '@/lib/db/app-role';
import { dataSecrets } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { APP_ROLE } from '@/lib/db/app-role';
import { prepareJobQueue } from '@/lib/jobs/schema';
import { authSecretFor, fail, loadEnvironment, openDatabase } from './runtime';
import { serverCommand } from './server-command';

/**
 * `npm start`: database (embedded unless DATABASE_URL) → migrations and job queue → demo seed on
 * an empty embedded database → production build when the sources changed → `next start`, with
 * the job worker (lib/cli/worker.ts) beside it. `npm run dev` does the same with `next dev`.
 */
const began = Date.now();
const dev = process.argv.includes('--dev');
const config = loadEnvironment();
const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
const log = (message: string) => console.log(`quorum: ${message}`);

const BUILD_INPUTS = ['app', 'lib', 'db', 'public', 'package-lock.json', 'next.config.ts', 'tsconfig.json', '.postcssrc.json'];
const BUILD_STAMP = path.join('.next', 'quorum-build-hash');

/** A hash of every source that goes into the build, to rebuild only when one changed. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry).update(readFileSync(entry));
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest('hex');
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [nextBin, ...args], { stdio: 'inherit', env });
}

async function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const hash = sourceHash();
  if (existsSync(path.join('.next', 'BUILD_ID')) && existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, 'utf8') === hash) {
    log('build is up to date');
    return;
  }
  log('building the production bundle (first start or sources changed)…');
  const code = await new Promise<number | null>((resolve) => run(['build'], env).on('exit', resolve));
  if (code !== 0) fail('the build failed (see above)');
  writeFileSync(BUILD_STAMP, hash);
}

const database = await openDatabase();
log(database.embedded ? `embedded PostgreSQL ready (${config.QUORUM_DATA_DIR})` : 'connected to DATABASE_URL');
await migrateDatabase(database.url);
// With the embedded server the app connects as a role that owns nothing (lib/db/app-role.ts);
// DATABASE_URL is used as given: its role is the operator's choice.
let appUrl = database.url;
if (database.embedded) {
  const { appPassword } = dataSecrets(path.resolve(config.QUORUM_DATA_DIR));
  await ensureAppRole(database.url, appPassword);
  appUrl = appRoleUrl(database.url, appPassword);
  process.env.DATABASE_URL = appUrl;
  if (await seedDemo(getDb())) log('demo organisation seeded (password: quorum-demo)');
  await closeDb();
}
// pg-boss's tables are installed by the owner; the app role only reads and writes jobs.
await prepareJobQueue(database.url, database.embedded ? APP_ROLE : undefined);

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: dev ? 'development' : 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: appUrl,
  AUTH_SECRET: authSecretFor(config.QUORUM_DATA_DIR),
  NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`,
  PORT: String(config.PORT),
};
if (!dev) await buildIfNeeded(childEnv);

// Production: Quorum's web server (Next with the fast path for hot API routes, lib/cli/serve.ts).
const server = dev
  ? run(['dev', '-p', String(config.PORT)], childEnv)
  : spawn(process.execPath, serverCommand({ port: config.PORT }), { stdio: 'inherit', env: childEnv });
log(`serving ${childEnv.NEXTAUTH_URL} (ready in ${((Date.now() - began) / 1000).toFixed(1)} s before Next.js starts)`);

let stopping = false;

/**
 * The job worker is its own process: OCR and page rendering are CPU- and memory-heavy (WASM,
 * native canvas) and must neither slow nor crash the web server. Restarted if it dies.
 */
let worker: ChildProcess | undefined;
function startWorker() {
  // tsx as a loader (not its CLI wrapper), so the stop signal reaches the worker itself.
  worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join('lib', 'cli', 'worker.ts')], {
    stdio: 'inherit',
    env: { ...childEnv, QUORUM_JOB_QUEUE_READY: '1' },
  });
  worker.on('exit', (code, signal) => {
    if (stopping) return;
    log(`the job worker stopped (${signal ?? code}); restarting it in 5 s`);
    setTimeout(() => stopping || startWorker(), 5_000);
  });
}
startWorker();

async function stopChild(child: ChildProcess | undefined, graceMs: number) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all([stopChild(server, 30_000), stopChild(worker, 30_000)]);
  await database.embedded?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
server.on('exit', (code) => void shutdown(code ?? 1));
