import DataLoader from 'dataloader';
import type { Db } from './client';

/**
 * A DataLoader for one statement that many requests share under load (one query for the keys of
 * every request that arrived together), never caching across batches. A batch leaves at the end
 * of the event-loop turn in which its first key arrived, unless `maxInFlight` batches of it are
 * already at the database: then it waits for one of them to finish and takes along every key that
 * arrives meanwhile, so a burst becomes a few large statements instead of hundreds of small ones.
 */
export function batchLoader<K, V>(
  load: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  { maxBatchSize = 500, maxInFlight = 2 }: { maxBatchSize?: number; maxInFlight?: number } = {},
): DataLoader<K, V> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const dispatch = (run: () => void) => {
    inFlight++;
    run();
  };
  return new DataLoader<K, V>(
    async (keys) => {
      try {
        return await load(keys);
      } finally {
        inFlight--;
        const next = waiting.shift();
        if (next) dispatch(next);
      }
    },
    {
      cache: false,
      maxBatchSize,
      batchScheduleFn: (run) => setImmediate(() => (inFlight < maxInFlight ? dispatch(run) : waiting.push(run))),
    },
  );
}

/** One loader per database handle (tests and dev reloads switch handles), made on first use. */
export function perDatabase<T extends object>(create: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (!value) made.set(db, (value = create(db)));
    return value;
  };
}
