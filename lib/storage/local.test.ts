import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { IntegrityError, StorageLimitError, StorageNotFoundError, readAll } from './index';
import { LocalStorage } from './local';

const root = await mkdtemp(path.join(tmpdir(), 'quorum-storage-'));
const storage = new LocalStorage(root);
afterAll(() => rm(root, { recursive: true, force: true }));

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('local content-addressed storage', () => {
  it('stores by SHA-256 under <aa>/<sha256>, once per content, from buffers and streams', async () => {
    const text = 'Nghị quyết số 09-NQ/HU về xây dựng nông thôn mới';
    const first = await storage.put(Buffer.from(text));
    expect(first).toEqual({ key: sha256(text), sha256: sha256(text), size: Buffer.byteLength(text) });
    const again = await storage.put(Readable.from([Buffer.from(text.slice(0, 10)), Buffer.from(text.slice(10))]));
    const web = await storage.put(new Blob([text]).stream());
    expect(again).toEqual(first);
    expect(web).toEqual(first);
    expect(await readdir(path.join(root, first.key.slice(0, 2)))).toEqual([first.key]);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]); // temporary files renamed or removed
    expect((await readAll(storage, first.key)).toString()).toBe(text);
    expect(await storage.exists(first.key)).toBe(true);
  });

  it('detects a stored file that was changed on disk', async () => {
    const { key } = await storage.put(Buffer.from('Biên bản họp chi bộ tháng 11'));
    await writeFile(path.join(root, key.slice(0, 2), key), 'Biên bản đã bị sửa');
    await expect(readAll(storage, key)).rejects.toBeInstanceOf(IntegrityError);
  });

  it('refuses content over the limit and keeps nothing of it', async () => {
    const big = Buffer.alloc(2048, 1);
    await expect(storage.put(big, { maxBytes: 1024 })).rejects.toBeInstanceOf(StorageLimitError);
    expect(await storage.exists(sha256(big))).toBe(false);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('never turns a key into an arbitrary path', async () => {
    expect(await storage.exists('../../etc/passwd')).toBe(false);
    await expect(storage.open('../../etc/passwd')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.open('a'.repeat(64))).rejects.toBeInstanceOf(StorageNotFoundError);
  });
});

describe('local storage housekeeping (orphan sweep support)', () => {
  it('lists stored objects with their time, deletes one, and ignores unknown keys', async () => {
    const a = await storage.put(Buffer.from('Danh mục hồ sơ năm 2025'));
    const b = await storage.put(Buffer.from('Sổ đăng ký văn bản đến'));
    const listed = new Map<string, Date>();
    for await (const entry of storage.list()) listed.set(entry.key, entry.modifiedAt);
    expect(listed.has(a.key) && listed.has(b.key)).toBe(true);
    await storage.delete(a.key);
    await storage.delete(a.key); // already gone: not an error
    await storage.delete('../../etc/passwd');
    expect(await storage.exists(a.key)).toBe(false);
    expect(await storage.exists(b.key)).toBe(true);
  });

  it('makes content stored again fresh, so the grace period starts over', async () => {
    const { key } = await storage.put(Buffer.from('Nội dung lưu hai lần'));
    const old = new Date(Date.now() - 48 * 3600_000);
    await utimes(path.join(root, key.slice(0, 2), key), old, old);
    await storage.put(Buffer.from('Nội dung lưu hai lần'));
    for await (const entry of storage.list()) if (entry.key === key) expect(entry.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('removes temporary files left by a crash once they are old', async () => {
    await mkdir(path.join(root, '.tmp'), { recursive: true });
    const stale = path.join(root, '.tmp', 'crashed-write');
    const fresh = path.join(root, '.tmp', 'write-in-progress');
    await writeFile(stale, 'half');
    await writeFile(fresh, 'half');
    const old = new Date(Date.now() - 3 * 3600_000);
    await utimes(stale, old, old);
    expect(await storage.removeStaleTemporaries(new Date(Date.now() - 3600_000))).toBe(1);
    expect((await readdir(path.join(root, '.tmp'))).sort()).toEqual(['write-in-progress']);
    await rm(fresh);
  });
});
