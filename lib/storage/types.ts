import type { Readable } from 'node:stream';

/** What was stored: the key to open it again, its SHA-256 (hex) and its size in bytes. */
export type StoredObject = { key: string; sha256: string; size: number };

/** Bytes to store: a buffer, a Node stream or a web stream (e.g. `file.stream()`). */
export type StorageSource = Uint8Array | Readable | ReadableStream<Uint8Array>;

/** A stored object as listed (orphan sweep, backup): its key, size in bytes and when it was last written. */
export type StoredEntry = { key: string; size: number; modifiedAt: Date };

/**
 * Where uploaded files live. Content-addressed: the key is derived from the content, so the same
 * file is stored once, and every read is checked against the SHA-256 recorded at write time.
 * The local folder is the default; the S3-compatible and UploadThing drivers implement the same
 * methods. Storing content that is already present refreshes its `modifiedAt`, so the orphan sweep's
 * grace period also protects a file stored again just before its row is written.
 */
export interface ObjectStorage {
  /** Stores the bytes; refuses more than `maxBytes` with `StorageLimitError` (nothing is kept). */
  put(source: StorageSource, options?: { maxBytes?: number }): Promise<StoredObject>;
  /**
   * A stream of the stored bytes. It fails with `IntegrityError` if they no longer match their
   * SHA-256 (detected at the end, so a consumer must treat a stream error as a failed read), and
   * with `StorageNotFoundError` when the key is unknown.
   */
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes an object; a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored object (not the temporary files of writes in progress), in no particular order. */
  list(): AsyncIterable<StoredEntry>;
  /** Removes the leftovers of writes interrupted by a crash that are older than `olderThan`. */
  removeStaleTemporaries(olderThan: Date): Promise<number>;
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

export class IntegrityError extends Error {
  constructor(key: string, actual: string) {
    super(`stored object ${key} is corrupted (its content hashes to ${actual})`);
    this.name = 'IntegrityError';
  }
}

export class StorageLimitError extends Error {
  constructor(public readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = 'StorageLimitError';
  }
}

/** A key is a lower-case SHA-256: nothing else reaches a file path. */
export function isStorageKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

