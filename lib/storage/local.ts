import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  IntegrityError,
  type ObjectStorage,
  type StorageSource,
  StorageLimitError,
  StorageNotFoundError,
  type StoredObject,
  isStorageKey,
} from './types';

function toNodeStream(source: StorageSource): Readable {
  if (source instanceof Uint8Array) return Readable.from([source]);
  if (source instanceof Readable) return source;
  return Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>);
}

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

  async put(source: StorageSource, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    const tmpDir = path.join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return done(new StorageLimitError(options.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(toNodeStream(source), meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640, flush: true }));
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await this.exists(sha256)) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
      }
      return { key: sha256, sha256, size };
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
    const hash = createHash('sha256');
    const verify = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        const actual = hash.digest('hex');
        done(actual === key ? null : new IntegrityError(key, actual));
      },
    });
    const file = createReadStream(this.pathOf(key));
    file.on('error', (error) => verify.destroy(error));
    return file.pipe(verify);
  }
}
