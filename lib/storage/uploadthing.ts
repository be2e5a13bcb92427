import 'server-only';
import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UTApi, UTFile } from 'uploadthing/server';
import { z } from 'zod';
import { removeFilesOlderThan } from './local';
import { hashingMeter, toNodeStream, verifyingStream } from './streams';
import {
  type ObjectStorage,
  type StorageSource,
  StorageNotFoundError,
  type StoredEntry,
  type StoredObject,
  isStorageKey,
} from './types';

const tokenSchema = z.object({
  apiKey: z.string().startsWith('sk_'),
  appId: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1),
});

/**
 * Checks an `UPLOADTHING_TOKEN` (base64 of `{ apiKey, appId, regions }`, as shown on the
 * UploadThing dashboard) without contacting the service; throws a readable error otherwise.
 */
export function parseUploadThingToken(token: string): z.infer<typeof tokenSchema> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new Error('UPLOADTHING_TOKEN is not a token copied from the UploadThing dashboard (not base64 JSON)');
  }
  const parsed = tokenSchema.safeParse(decoded);
  if (!parsed.success) throw new Error('UPLOADTHING_TOKEN lacks apiKey (sk_…), appId or regions');
  return parsed.data;
}

/**
 * Files at UploadThing, a HOSTED service outside the organisation's servers (and outside Vietnam):
 * only used when an operator sets `STORAGE_DRIVER=uploadthing` and `UPLOADTHING_TOKEN`, never by
 * default. Objects are private and named by their SHA-256 (UploadThing's `customId`). A write is
 * spooled to a local temporary file while it is hashed (the name must be known before sending),
 * then sent from disk; reads go through short-lived signed URLs and are verified like every driver.
 */
export class UploadThingStorage implements ObjectStorage {
  private readonly api: UTApi;

  constructor(
    token: string,
    private readonly spoolDir: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    parseUploadThingToken(token);
    this.api = new UTApi({ token, defaultKeyType: 'customId', logLevel: 'Error', fetch: fetchImpl });
  }

  async put(source: StorageSource, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    await mkdir(this.spoolDir, { recursive: true });
    const spool = path.join(this.spoolDir, randomUUID());
    const meter = hashingMeter(options.maxBytes);
    try {
      await pipeline(toNodeStream(source), meter.stream, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      const sha256 = meter.digest();
      if (await this.exists(sha256)) return { key: sha256, sha256, size: meter.size() };
      const file = new UTFile([await openAsBlob(spool)], sha256, { customId: sha256, type: 'application/octet-stream' });
      const result = await this.api.uploadFiles(file, { acl: 'private', contentDisposition: 'attachment' });
      if (result.error) throw new Error(`UploadThing refused the file: ${result.error.message}`);
      return { key: sha256, sha256, size: meter.size() };
    } finally {
      await rm(spool, { force: true });
    }
  }

  async exists(key: string): Promise<boolean> {
    if (!isStorageKey(key)) return false;
    const { ufsUrl } = await this.api.generateSignedURL(key, { expiresIn: 60 });
    const response = await this.fetchImpl(ufsUrl, { method: 'HEAD' });
    return response.ok;
  }

  async open(key: string): Promise<Readable> {
    if (!isStorageKey(key)) throw new StorageNotFoundError(key);
    const { ufsUrl } = await this.api.generateSignedURL(key, { expiresIn: 300 });
    const response = await this.fetchImpl(ufsUrl);
    if (response.status === 404) throw new StorageNotFoundError(key);
    if (!response.ok || !response.body) throw new Error(`UploadThing answered ${response.status} for ${key}`);
    const stream = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    const verify = verifyingStream(key);
    stream.on('error', (error) => verify.destroy(error));
    return stream.pipe(verify);
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await this.api.deleteFiles(key);
  }

  async *list(): AsyncIterable<StoredEntry> {
    const limit = 500;
    for (let offset = 0; ; offset += limit) {
      const page = await this.api.listFiles({ limit, offset });
      for (const file of page.files) {
        if (file.customId && isStorageKey(file.customId) && file.status === 'Uploaded') {
          yield { key: file.customId, size: file.size, modifiedAt: new Date(file.uploadedAt) };
        }
      }
      if (!page.hasMore) return;
    }
  }

  /** Writes are spooled locally; leftovers of a crash are in the spool folder. */
  removeStaleTemporaries(olderThan: Date): Promise<number> {
    return removeFilesOlderThan(this.spoolDir, olderThan);
  }
}
