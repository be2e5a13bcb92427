import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { IntegrityError, type StorageSource, StorageLimitError } from './types';

export function toNodeStream(source: StorageSource): Readable {
  if (source instanceof Uint8Array) return Readable.from([source]);
  if (source instanceof Readable) return source;
  return Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>);
}

/**
 * A pass-through that hashes (SHA-256) and counts the bytes flowing to a driver, failing with
 * `StorageLimitError` past `maxBytes`. Read `digest()` and `size` once the stream has ended.
 */
export function hashingMeter(maxBytes?: number) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) return done(new StorageLimitError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex'), size: () => size };
}

/** A pass-through that fails with `IntegrityError` at the end if the bytes do not hash to `key`. */
export function verifyingStream(key: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(actual === key ? null : new IntegrityError(key, actual));
    },
  });
}
