import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { archiveUploads } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { encryptedPdf, sampleDocx, samplePdf } from '@/lib/meetings/agenda-fixtures';
import { getStorage } from '@/lib/storage';
import { viewerFor } from '@/lib/test/fixtures';
import { docxRatioBomb, pngHeader, sampleTiff, textBytes } from '@/lib/uploads/test-fixtures';
import { uploadFile } from '@/lib/uploads/upload-file';
import { DELETE, HEAD, PATCH, POST } from './route';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-uploads-'));
process.env.QUORUM_DATA_DIR = dataDir;
process.env.UPLOAD_MAX_BYTES = String(2 * 1024 * 1024);
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }) };
});

const ORIGIN = 'http://localhost:3000';
const ENDPOINT = `${ORIGIN}/api/v1/documents/uploads`;
const handlers = { POST, PATCH, HEAD, DELETE } as const;

function send(method: keyof typeof handlers, url: string, headers: Record<string, string> = {}, body?: BodyInit) {
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers: { 'Tus-Resumable': '1.0.0', host: 'localhost:3000', origin: ORIGIN, ...headers },
    body,
    duplex: 'half',
  };
  return handlers[method](new Request(url, init));
}

const metadata = (name: string) => `filename ${Buffer.from(name, 'utf8').toString('base64')}`;

async function create(name: string, size: number) {
  const response = await send('POST', ENDPOINT, { 'Upload-Length': String(size), 'Upload-Metadata': metadata(name) });
  return { response, url: response.headers.get('location') ? new URL(response.headers.get('location')!, ENDPOINT).toString() : '' };
}

const patch = (url: string, offset: number, bytes: Uint8Array | ReadableStream<Uint8Array>) =>
  send('PATCH', url, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, bytes as BodyInit);

/** Creates an upload and sends the whole file in one PATCH; returns the final response. */
async function upload(name: string, bytes: Uint8Array) {
  const { response, url } = await create(name, bytes.length);
  if (response.status !== 201) return response;
  return patch(url, 0, bytes);
}

async function refusedWith(response: Response, status: number, text: RegExp) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.message).toMatch(text);
  return body;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const inProgress = () => readdir(path.join(dataDir, 'uploads-in-progress')).catch(() => [] as string[]);

let clerk: Viewer;
let secretary: Viewer;
let member: Viewer;
let admin: Viewer;

beforeAll(async () => {
  clerk = await viewerFor('clerk@quorum.local');
  secretary = await viewerFor('secretary@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
});

describe('tus upload endpoint: access', () => {
  it('lets only signed-in archive managers upload, from this site', async () => {
    request.viewer = null;
    expect((await create('a.pdf', 10)).response.status).toBe(401);
    request.viewer = member;
    await refusedWith((await create('a.pdf', 10)).response, 404, /không có quyền/);
    request.viewer = admin; // administers accounts, not content
    expect((await create('a.pdf', 10)).response.status).toBe(404);
    request.viewer = clerk;
    const crossSite = await send('POST', ENDPOINT, { 'Upload-Length': '10', origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const { response, url } = await create('a.pdf', 10);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toMatch(/^\/api\/v1\/documents\/uploads\/[0-9a-f-]{36}$/);
    expect((await send('DELETE', url)).status).toBe(204); // cancelled: its temporary file goes
    expect(await inProgress()).toEqual([]);
  });

  it("keeps each user's uploads to that user", async () => {
    request.viewer = clerk;
    const { url } = await create('rieng.pdf', 100);
    request.viewer = secretary;
    expect((await send('HEAD', url)).status).toBe(404);
    expect((await patch(url, 0, new Uint8Array(100))).status).toBe(404);
    expect((await send('DELETE', url)).status).toBe(404);
    request.viewer = clerk;
    expect((await send('HEAD', url)).headers.get('upload-offset')).toBe('0');
    expect((await send('DELETE', url)).status).toBe(204);
    expect((await send('HEAD', `${ENDPOINT}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});

describe('tus upload endpoint: files', () => {
  it('stages a good file under its hash, with a safe Vietnamese name, and deletes the temporary copy', async () => {
    request.viewer = clerk;
    const pdf = await samplePdf(2, 'Nghi quyet');
    const response = await upload('Nghị quyết 09-NQ 🎉\u0007.pdf', pdf);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      fileName: 'Nghị quyết 09-NQ 🎉.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      alreadyStaged: false,
    });
    const [row] = await getDb().select().from(archiveUploads).where(eq(archiveUploads.id, body.uploadId));
    expect(row).toMatchObject({ userId: clerk.id, storageKey: sha256(pdf), fileName: 'Nghị quyết 09-NQ 🎉.pdf' });
    expect(await getStorage().exists(sha256(pdf))).toBe(true);
    expect(await inProgress()).toEqual([]);
    // A client whose last answer was lost asks again and learns the upload is complete.
    const head = await send('HEAD', `${ENDPOINT}/${body.uploadId}`);
    expect([head.status, head.headers.get('upload-offset'), head.headers.get('upload-length')]).toEqual([200, String(pdf.length), String(pdf.length)]);

    const renamed = await (await upload('../../etc/passwd', await samplePdf(1, 'passwd'))).json();
    expect(renamed.fileName).toBe('passwd.pdf');
    const tiff = await (await upload('Bản quét.tiff', sampleTiff(2480, 3508))).json();
    expect(tiff).toMatchObject({ fileName: 'Bản quét.tif', contentType: 'image/tiff' });
  });

  it('stores the same content once; the same user uploading it again gets the staged upload back', async () => {
    request.viewer = clerk;
    const docx = sampleDocx();
    const first = await (await upload('Tờ trình.docx', docx)).json();
    const again = await (await upload('Tờ trình (bản sao).docx', docx)).json();
    expect(again).toMatchObject({ uploadId: first.uploadId, alreadyStaged: true });
    request.viewer = secretary;
    const other = await (await upload('Tờ trình.docx', docx)).json();
    expect(other.uploadId).not.toBe(first.uploadId);
    expect(other.sha256).toBe(first.sha256);
    const keys: string[] = [];
    for await (const entry of getStorage().list()) keys.push(entry.key);
    expect(keys.filter((k) => k === first.sha256)).toHaveLength(1);
  });

  it('refuses every bad input with a clear Vietnamese message and keeps nothing of it', async () => {
    request.viewer = clerk;
    const rowsBefore = (await getDb().select({ id: archiveUploads.id }).from(archiveUploads)).length;
    const objectsBefore: string[] = [];
    for await (const entry of getStorage().list()) objectsBefore.push(entry.key);

    await refusedWith((await create('rong.pdf', 0)).response, 422, /Tệp rỗng/);
    await refusedWith((await create('lon.pdf', 3 * 1024 * 1024)).response, 413, /tối đa 2 MB/);
    await refusedWith(await upload('bao-cao.pdf', textBytes('Đây không phải PDF')), 415, /nội dung không phải tệp PDF/);
    await refusedWith(await upload('x.pdf.exe', await samplePdf(1)), 415, /đuôi \.EXE/);
    await refusedWith(await upload('trang.html', textBytes('<html><script>alert(1)</script>')), 415, /đuôi \.HTML/);
    await refusedWith(await upload('trang', textBytes('<!doctype html><p>x</p>')), 415, /Chỉ nhận tệp PDF/);
    await refusedWith(await upload('logo.svg', textBytes('<svg xmlns="http://www.w3.org/2000/svg"/>')), 415, /đuôi \.SVG/);
    await refusedWith(await upload('mat-khau.pdf', await encryptedPdf()), 422, /mật khẩu/);
    const pdf = await samplePdf(3);
    await refusedWith(await upload('hong.pdf', pdf.subarray(0, pdf.length >> 1)), 422, /bị hỏng/);
    await refusedWith(await upload('bom.docx', docxRatioBomb()), 422, /cấu trúc bất thường/);
    await refusedWith(await upload('anh.png', pngHeader(20_000, 20_000)), 422, /20000 × 20000/);

    expect((await getDb().select({ id: archiveUploads.id }).from(archiveUploads)).length).toBe(rowsBefore);
    const objectsAfter: string[] = [];
    for await (const entry of getStorage().list()) objectsAfter.push(entry.key);
    expect(objectsAfter.sort()).toEqual(objectsBefore.sort());
    expect(await inProgress()).toEqual([]);
  });

  it('refuses a body longer than the declared length', async () => {
    request.viewer = clerk;
    const { url } = await create('a.pdf', 10);
    const response = await patch(url, 0, new Uint8Array(3 * 1024 * 1024));
    expect(response.status).toBe(413);
    await send('DELETE', url);
  });

  it('resumes an interrupted upload from the offset the server kept', async () => {
    request.viewer = clerk;
    const pdf = Buffer.from(await samplePdf(40, 'Bien ban'));
    const padded = Buffer.concat([pdf.subarray(0, 9), Buffer.from(`%${'x'.repeat(600_000)}\n`), pdf.subarray(9)]);
    // Valid still: a comment line after the header; the offsets in the xref move, so fix startxref.
    const fixed = fixStartxref(padded, 600_000 + 2);
    const { url } = await create('Biên bản dài.pdf', fixed.length);

    const half = Math.floor(fixed.length / 2);
    const dropped = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(fixed.subarray(0, half)));
        setTimeout(() => controller.error(new Error('connection reset')), 50);
      },
    });
    const broken = await patch(url, 0, dropped).catch(() => undefined);
    expect(broken?.status ?? 500).not.toBe(200);

    const head = await send('HEAD', url);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half);
    expect((await patch(url, offset + 1, fixed.subarray(offset + 1))).status).toBe(409); // wrong offset: refused

    const finished = await patch(url, offset, new Uint8Array(fixed.subarray(offset)));
    expect(finished.status).toBe(200);
    expect((await finished.json()).sha256).toBe(sha256(fixed));
  });
});

describe('tus upload endpoint: a Node client over HTTP', () => {
  it('uploads a file from disk in chunks with tus-js-client (uploadFile)', async () => {
    request.viewer = clerk;
    // The route handlers behind a plain HTTP server, as Next runs them.
    const server = http.createServer(async (req, res) => {
      const method = req.method as keyof typeof handlers;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const hasBody = method === 'PATCH' || method === 'POST';
      const init: RequestInit & { duplex?: 'half' } = {
        method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: 'half',
      };
      const response = await handlers[method](new Request(`http://${req.headers.host}${req.url}`, init));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const pdf = Buffer.from(await samplePdf(1, 'Ke hoach'));
      const big = fixStartxref(Buffer.concat([pdf.subarray(0, 9), Buffer.from(`%${'k'.repeat(1_500_000)}\n`), pdf.subarray(9)]), 1_500_002);
      const file = path.join(dataDir, 'Kế hoạch năm 2026.pdf');
      await writeFile(file, big);
      const progress: number[] = [];
      const result = await uploadFile({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        cookie: '',
        filePath: file,
        chunkSize: 256 * 1024,
        onProgress: (sent) => progress.push(sent),
      });
      expect(result).toMatchObject({ fileName: 'Kế hoạch năm 2026.pdf', sha256: sha256(big), sizeBytes: big.length });
      expect(progress.at(-1)).toBe(big.length);
      await expect(
        uploadFile({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cookie: '', filePath: file, fileName: 'x.pdf.exe' }),
      ).rejects.toThrow(/đuôi \.EXE/);
    } finally {
      server.close();
    }
  });
});

/** Shifts the xref offset of a PDF after `shift` bytes were inserted near its start. */
function fixStartxref(pdf: Buffer, shift: number) {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('startxref');
  const match = /startxref\s+(\d+)/.exec(text.slice(at))!;
  return Buffer.from(text.slice(0, at) + `startxref\n${Number(match[1]) + shift}\n%%EOF\n`, 'latin1');
}
