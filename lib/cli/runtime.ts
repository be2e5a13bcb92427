import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkConnection } from '@/lib/db/connection-check';
import { type EmbeddedDatabase, dataSecrets, runningEmbeddedUrl, startEmbeddedDatabase } from '@/lib/db/embedded';
import { env } from '@/lib/env';

/** Reads `.env` when present (real environment variables win), then validates. */
export function loadEnvironment() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return env();
  } catch (error) {
    fail((error as Error).message);
  }
}

export function fail(message: string): never {
  console.error(`quorum: ${message}`);
  process.exit(1);
}

export type Database = { url: string; embedded?: EmbeddedDatabase };

/**
 * The database a command works on: DATABASE_URL; else the embedded server a running Quorum has
 * open; else the embedded server started here (and stopped by the caller).
 */
export async function openDatabase(options: { fast?: boolean } = {}): Promise<Database> {
  const { DATABASE_URL, QUORUM_DATA_DIR } = env();
  if (DATABASE_URL) {
    const problem = await checkConnection(DATABASE_URL);
    if (problem) fail(problem);
    return { url: DATABASE_URL };
  }
  const running = runningEmbeddedUrl(QUORUM_DATA_DIR);
  if (running && !(await checkConnection(running))) return { url: running };
  try {
    const embedded = await startEmbeddedDatabase({ dataDir: QUORUM_DATA_DIR, fast: options.fast });
    return { url: embedded.url, embedded };
  } catch (error) {
    fail((error as Error).message);
  }
}

/** AUTH_SECRET from the environment, else the one generated for this data folder. */
export function authSecretFor(dataDir: string) {
  return env().AUTH_SECRET ?? dataSecrets(path.resolve(dataDir)).authSecret;
}
