import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError, StorageLimitError, StorageNotFoundError, readAll } from './index';
import { S3Storage } from './s3';

// A local S3-compatible server (s3rver, on disk in a temporary folder) stands in for the bucket.
const directory = await mkdtemp(path.join(tmpdir(), 'quorum-s3-'));
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'quorum-test' }] });
let storage: S3Storage;

beforeAll(async () => {
  const { port } = await server.run();
  storage = new S3Storage({
    bucket: 'quorum-test',
    prefix: 'archive/',
    partSize: 5 * 1024 * 1024, // the smallest part S3 allows, so a 12 MB file takes three parts
    client: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
  });
});
afterAll(async () => {
  storage?.client.destroy();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('S3-compatible content-addressed storage', () => {
  it('streams a multipart upload, keyed by the SHA-256 computed on the way, stored once', async () => {
    const big = Buffer.alloc(12 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.write(`trang ${i} `, i);
    const chunks = Array.from({ length: 12 }, (_, i) => big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
    const stored = await storage.put(Readable.from(chunks));
    expect(stored).toEqual({ key: sha256(big), sha256: sha256(big), size: big.length });
    expect(sha256(await readAll(storage, stored.key))).toBe(stored.sha256);

    const text = 'Nghị quyết số 09-NQ/HU';
    const first = await storage.put(Buffer.from(text));
    const again = await storage.put(new Blob([text]).stream());
    expect(again).toEqual(first);
    const keys: string[] = [];
    for await (const entry of storage.list()) keys.push(entry.key);
    expect(keys.sort()).toEqual([first.key, stored.key].sort()); // once each, temporary keys gone
    expect(await storage.exists(first.key)).toBe(true);
  });

  it('verifies every read against the key', async () => {
    const { key } = await storage.put(Buffer.from('Biên bản gốc'));
    await storage.client.send(
      new PutObjectCommand({ Bucket: 'quorum-test', Key: `archive/objects/${key.slice(0, 2)}/${key}`, Body: 'Biên bản đã bị sửa' }),
    );
    await expect(readAll(storage, key)).rejects.toBeInstanceOf(IntegrityError);
    await expect(storage.open('f'.repeat(64))).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.open('../../etc/passwd')).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('refuses content over the limit and keeps nothing of it', async () => {
    const big = Buffer.alloc(2048, 1);
    await expect(storage.put(big, { maxBytes: 1024 })).rejects.toBeInstanceOf(StorageLimitError);
    expect(await storage.exists(sha256(big))).toBe(false);
    expect(await storage.removeStaleTemporaries(new Date(Date.now() + 60_000))).toBe(0);
  });

  it('deletes objects and temporary leftovers', async () => {
    const { key } = await storage.put(Buffer.from('Hồ sơ hết giá trị'));
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.client.send(new PutObjectCommand({ Bucket: 'quorum-test', Key: 'archive/tmp/crashed', Body: 'half' }));
    expect(await storage.removeStaleTemporaries(new Date(Date.now() + 60_000))).toBe(1);
  });
});
