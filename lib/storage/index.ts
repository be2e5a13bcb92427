import 'server-only';
import path from 'node:path';
import { env } from '@/lib/env';
import { LocalStorage } from './local';
import type { ObjectStorage } from './types';

export * from './types';

/** The whole (verified) content of a stored object, for small files such as PDFs to compile. */
export async function readAll(storage: ObjectStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.open(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const globalForStorage = globalThis as unknown as { quorumStorage?: { root: string; storage: ObjectStorage } };

/** The configured storage (one per process): `<QUORUM_DATA_DIR>/files`, outside `public/`. */
export function getStorage(): ObjectStorage {
  const root = path.resolve(env().QUORUM_DATA_DIR, 'files');
  if (globalForStorage.quorumStorage?.root !== root) {
    globalForStorage.quorumStorage = { root, storage: new LocalStorage(root) };
  }
  return globalForStorage.quorumStorage.storage;
}
