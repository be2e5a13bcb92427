import 'server-only';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { MemoryLocker } from '@tus/server';
import { env } from '@/lib/env';

/** Unfinished resumable uploads live here, on disk (never in memory), until they are complete. */
export function uploadTempDir(): string {
  return path.resolve(env().QUORUM_DATA_DIR, 'uploads-in-progress');
}

const globalForUploads = globalThis as unknown as {
  quorumTus?: { dir: string; store: FileStore; locker: MemoryLocker };
};

/**
 * The tus data store and lock table of this process. The in-memory locker serialises requests on
 * one upload within one app instance; several instances behind a load balancer need sticky
 * sessions on the upload URL (or a shared locker) for concurrent requests on the same upload.
 */
export function tusStore() {
  const dir = uploadTempDir();
  if (globalForUploads.quorumTus?.dir !== dir) {
    globalForUploads.quorumTus = { dir, store: new FileStore({ directory: dir }), locker: new MemoryLocker() };
  }
  return globalForUploads.quorumTus;
}
