import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, degrees } from 'pdf-lib';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { archivePreviews, archiveVersions, auditEvents } from '@/db/schema';
import { fileRecord } from '@/lib/archive/test-fixtures';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { encryptedPdf, samplePng } from '@/lib/meetings/agenda-fixtures';
import { getStorage } from '@/lib/storage';
import { lastAudit, viewerFor } from '@/lib/test/fixtures';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-archive-files-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const current = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => current.viewer,
  viewerFromCookieHeader: async () => current.viewer,
}));
// Messages come back as their key followed by their values, so the stamp's text can be checked.
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => (key: string, values?: Record<string, unknown>) =>
    `${namespace ? `${namespace}.` : ''}${key}${values ? ` ${Object.values(values).join(' | ')}` : ''}`,
  getLocale: async () => 'vi',
}));

const download = (await import('./route')).GET;
const preview = (await import('../previews/[page]/route')).GET;
const metadata = (await import('../route')).GET;

const request = (url: string) => new Request(`http://localhost:3000${url}`, { headers: { 'user-agent': 'vitest' } });
const get = (recordId: string, query = '') => download(request(`/api/v1/documents/${recordId}/download${query}`), { params: Promise.resolve({ recordId }) });
const page = (recordId: string, n: string) => preview(request(`/api/v1/documents/${recordId}/previews/${n}`), { params: Promise.resolve({ recordId, page: n }) });
const meta = (recordId: string) => metadata(request(`/api/v1/documents/${recordId}`), { params: Promise.resolve({ recordId }) });

const CELL = 'Chi bộ thôn Đồng Tâm';

/** A scanned-looking PDF: pages of different sizes, one rotated, one with an offset crop box. */
async function scannedPdf() {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Trang 1', { x: 50, y: 700 });
  doc.addPage([842, 595]).setRotation(degrees(90));
  const third = doc.addPage([600, 900]);
  third.setCropBox(50, 60, 500, 780);
  return doc.save();
}

/** The decoded content of every content stream of a page, joined. */
function pageContent(doc: PDFDocument, index: number) {
  const node = doc.getPages()[index]!.node;
  const contents = node.Contents();
  if (!contents) return '';
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((ref) => (ref instanceof PDFRef ? doc.context.lookup(ref) : ref))
    .map((stream) => Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1'))
    .join('\n');
}

beforeEach(() => {
  current.viewer = null;
});

describe('GET /api/v1/documents/[recordId]/download', () => {
  it('stamps every page of a PDF with the viewer, unit and time, with safe headers, and audits the download', async () => {
    const original = await scannedPdf();
    const { recordId } = await fileRecord(CELL, { title: 'Nghị quyết tháng 10' }, { bytes: original, fileName: 'Nghị quyết "tháng 10" Đồng Tâm.pdf', contentType: 'application/pdf' });
    current.viewer = await viewerFor('member@quorum.local');

    const response = await get(recordId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Nghi quyet _thang 10_ Dong Tam.pdf"; filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%20%22th%C3%A1ng%2010%22%20%C4%90%E1%BB%93ng%20T%C3%A2m.pdf`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.length));

    const stamped = await PDFDocument.load(bytes);
    const before = await PDFDocument.load(original);
    expect(stamped.getPageCount()).toBe(3);
    for (let i = 0; i < 3; i++) {
      // Two text runs (footer and diagonal mark) drawn with the embedded font, in a new stream.
      const runs = (text: string) => text.match(/\bTj\b/g)?.length ?? 0;
      expect(runs(pageContent(stamped, i)) - runs(pageContent(before, i)), `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      const fonts = stamped.getPages()[i]!.node.Resources()!.lookup(PDFName.of('Font'));
      expect(String(fonts)).toContain('BeVietnamPro');
    }
    const audit = await lastAudit('archive.record.download');
    expect(audit).toMatchObject({ actorName: 'Nguyễn Thị Hoa', entityType: 'archive_record', entityId: recordId, details: { version: 1, stamped: true, unit: CELL } });
    expect(audit!.details.stamp).toMatch(/^archive\.download\.stamp Nguyễn Thị Hoa \| Chi bộ thôn Đồng Tâm \| \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  });

  it('serves other types as stored, refuses an unstampable PDF, and knows versions', async () => {
    const png = samplePng(5, 5);
    const { recordId } = await fileRecord(CELL, { title: 'Ảnh quét' }, { bytes: png, fileName: 'anh-quet.png', contentType: 'image/png' });
    current.viewer = await viewerFor('clerk@quorum.local');
    const response = await get(recordId);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
    expect(await lastAudit('archive.record.download')).toMatchObject({ entityId: recordId, details: { stamped: false } });
    expect((await get(recordId, '?version=1')).status).toBe(200);
    expect((await get(recordId, '?version=2')).status).toBe(404);
    expect((await get(recordId, '?version=x')).status).toBe(404);

    const locked = await fileRecord(CELL, { title: 'PDF có mật khẩu' }, { bytes: await encryptedPdf(), fileName: 'khoa.pdf', contentType: 'application/pdf' });
    const refused = await get(locked.recordId);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { code: 'CONFLICT', message: 'archive.errors.encryptedPdf' } });
  });

  it('answers 404 to whoever may not see the record, and 401 when signed out', async () => {
    const cellRecord = await fileRecord(CELL, { title: 'Biên bản chi bộ' }, { bytes: samplePng(), fileName: 'bb.png', contentType: 'image/png' });
    const leadersOnly = await fileRecord('Huyện ủy Kim Bảng', { title: 'Kết luận về cán bộ', audience: 'leaders' }, { bytes: samplePng(3, 3), fileName: 'kl.png', contentType: 'image/png' });
    const otherDistrict = await fileRecord('Huyện ủy Thanh Liêm', { title: 'Báo cáo huyện khác' }, { bytes: samplePng(4, 4), fileName: 'bc.png', contentType: 'image/png' });

    current.viewer = await viewerFor('member@quorum.local');
    expect((await get(cellRecord.recordId)).status).toBe(200);
    expect((await get(leadersOnly.recordId)).status).toBe(404);
    expect((await get(otherDistrict.recordId)).status).toBe(404);
    expect((await meta(leadersOnly.recordId)).status).toBe(404);
    expect((await get('not-a-uuid')).status).toBe(404);

    current.viewer = await viewerFor('secretary@quorum.local');
    expect((await get(leadersOnly.recordId)).status).toBe(200);
    expect((await get(cellRecord.recordId)).status).toBe(200); // oversight of the cells below
    expect((await get(otherDistrict.recordId)).status).toBe(404);

    current.viewer = await viewerFor('admin@quorum.local');
    expect((await get(cellRecord.recordId)).status).toBe(404);
    current.viewer = null;
    expect((await get(cellRecord.recordId)).status).toBe(401);
  });
});

describe('page images and metadata', () => {
  it('serves page images uncached and audits the view once, not per image', async () => {
    const { recordId, versionId } = await fileRecord(CELL, { title: 'Nghị quyết có ảnh trang' }, { bytes: samplePng(8, 8), fileName: 'nq.png', contentType: 'image/png' });
    for (const n of [1, 2]) {
      const { key } = await getStorage().put(samplePng(10 + n, 10));
      await getDb().insert(archivePreviews).values({ versionId: versionId!, page: n, storageKey: key, width: 10 + n, height: 10 });
    }
    current.viewer = await viewerFor('member@quorum.local');
    const first = await page(recordId, '1');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await page(recordId, '2')).status).toBe(200);
    expect((await page(recordId, '3')).status).toBe(404);
    expect((await page(recordId, '0')).status).toBe(404);
    const [views] = await getDb()
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'archive.record.view'), eq(auditEvents.entityId, recordId)));
    expect(views!.n).toBe(1);
    expect(await lastAudit('archive.record.view')).toMatchObject({ actorName: 'Nguyễn Thị Hoa', entityId: recordId, details: { via: 'preview', page: 1 } });
  });

  it('returns metadata and versions with their status, never the extracted text', async () => {
    const { recordId, versionId } = await fileRecord(CELL, { title: 'Báo cáo có nội dung', numberSymbol: '07-BC/CB', type: 'BC' }, { bytes: samplePng(), fileName: 'bc.png', contentType: 'image/png' });
    await getDb().update(archiveVersions).set({ extraction: 'failed', extractionError: 'Ảnh quá mờ', extractedText: 'NỘI DUNG BÍ MẬT CỦA VĂN BẢN' }).where(eq(archiveVersions.id, versionId!));
    current.viewer = await viewerFor('member@quorum.local');
    const response = await meta(recordId);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('NỘI DUNG BÍ MẬT');
    expect(JSON.parse(text)).toMatchObject({
      record: { id: recordId, numberSymbol: '07-BC/CB', type: 'BC', retentionYears: 20, versions: [{ version: 1, extraction: 'failed', extractionError: 'Ảnh quá mờ', available: true }] },
    });
  });
});
