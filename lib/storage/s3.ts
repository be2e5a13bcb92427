import 'server-only';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { hashingMeter, toNodeStream, verifyingStream } from './streams';
import {
  type ObjectStorage,
  type StorageSource,
  StorageNotFoundError,
  type StoredEntry,
  type StoredObject,
  isStorageKey,
} from './types';

export type S3StorageOptions = {
  bucket: string;
  /** Key prefix inside the bucket, e.g. `quorum/` (empty: the bucket root). */
  prefix?: string;
  client: S3ClientConfig;
  /** Size of each multipart part; memory use is about `partSize × queueSize`. */
  partSize?: number;
  queueSize?: number;
};

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Objects in an S3-compatible bucket (AWS, MinIO, Ceph, Garage…), content-addressed like the local
 * folder: `<prefix>objects/<aa>/<sha256>`. A write streams to a temporary key as a multipart upload
 * while it is hashed, then is copied to its final key (which also refreshes an existing copy for
 * the orphan sweep) and the temporary key deleted; a reader never sees half an object.
 */
export class S3Storage implements ObjectStorage {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client(options.client);
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
  }

  private objectKey(key: string) {
    if (!isStorageKey(key)) throw new StorageNotFoundError(key);
    return `${this.prefix}objects/${key.slice(0, 2)}/${key}`;
  }

  async put(source: StorageSource, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    const tmpKey = `${this.prefix}tmp/${randomUUID()}`;
    const meter = hashingMeter(options.maxBytes);
    const input = toNodeStream(source);
    input.once('error', (error) => meter.stream.destroy(error));
    const body = input.pipe(meter.stream);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmpKey, Body: body },
      partSize: this.options.partSize ?? 8 * 1024 * 1024,
      queueSize: this.options.queueSize ?? 2,
    });
    try {
      await upload.done();
      const sha256 = meter.digest();
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(sha256),
          CopySource: `${this.bucket}/${tmpKey.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'REPLACE',
          Metadata: { sha256 },
        }),
      );
      return { key: sha256, sha256, size: meter.size() };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => undefined);
    }
  }

  async exists(key: string): Promise<boolean> {
    if (!isStorageKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async open(key: string): Promise<Readable> {
    let body: unknown;
    try {
      body = (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }))).Body;
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
    const stream = body instanceof Readable ? body : toNodeStream(body as ReadableStream<Uint8Array>);
    const verify = verifyingStream(key);
    stream.on('error', (error) => verify.destroy(error));
    return stream.pipe(verify);
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  private async *listUnder(prefix: string) {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key) yield { key: item.Key, size: item.Size ?? 0, modifiedAt: item.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *list(): AsyncIterable<StoredEntry> {
    for await (const item of this.listUnder(`${this.prefix}objects/`)) {
      const key = item.key.split('/').at(-1) ?? '';
      if (isStorageKey(key)) yield { key, size: item.size, modifiedAt: item.modifiedAt };
    }
  }

  async removeStaleTemporaries(olderThan: Date): Promise<number> {
    let removed = 0;
    for await (const item of this.listUnder(`${this.prefix}tmp/`)) {
      if (item.modifiedAt >= olderThan) continue;
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: item.key }));
      removed++;
    }
    return removed;
  }
}
