import 'server-only';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashingMeter, toNodeStream, verifyingStream } from './streams';
import {
  type ObjectStorage,
  type StorageSource,
  StorageNotFoundError,
  type StoredEntry,
  type StoredObject,
  isStorageKey,
} from './types';

/**
 * Files in a local folder, `<root>/<first two hex digits>/<sha256>`. A write goes to a temporary
 * file in `<root>/.tmp` (same file system), hashed while it streams, then renamed into place, so
 * a reader never sees half a file; content already present is not stored twice.
 */
export class LocalStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    if (!isStorageKey(key)) throw new StorageNotFoundError(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  private get tmpDir() {
    return path.join(this.root, '.tmp');
  }

  async put(source: StorageSource, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, randomUUID());
    const meter = hashingMeter(options.maxBytes);
    try {
      await pipeline(toNodeStream(source), meter.stream, createWriteStream(tmp, { flags: 'wx', mode: 0o640, flush: true }));
      const sha256 = meter.digest();
      const target = this.pathOf(sha256);
      if (await this.exists(sha256)) {
        await rm(tmp, { force: true });
        const now = new Date();
        await utimes(target, now, now); // fresh again: the orphan sweep's grace period starts over
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
      }
      return { key: sha256, sha256, size: meter.size() };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    if (!isStorageKey(key)) return false;
    try {
      await access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async open(key: string): Promise<Readable> {
    if (!(await this.exists(key))) throw new StorageNotFoundError(key);
    const verify = verifyingStream(key);
    const file = createReadStream(this.pathOf(key));
    file.on('error', (error) => verify.destroy(error));
    return file.pipe(verify);
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredEntry> {
    const folders = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const folder of folders) {
      if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
      for (const name of await readdir(path.join(this.root, folder.name))) {
        if (!isStorageKey(name) || !name.startsWith(folder.name)) continue;
        const info = await stat(path.join(this.root, folder.name, name)).catch(() => undefined);
        if (info?.isFile()) yield { key: name, size: info.size, modifiedAt: info.mtime };
      }
    }
  }

  removeStaleTemporaries(olderThan: Date): Promise<number> {
    return removeFilesOlderThan(this.tmpDir, olderThan);
  }
}

/** Deletes the files directly in `dir` last written before `olderThan`; returns how many. */
export async function removeFilesOlderThan(dir: string, olderThan: Date): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() && info.mtime < olderThan) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
