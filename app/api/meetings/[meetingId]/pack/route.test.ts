import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { resetEnvCache } from '@/lib/env';
import {
  attachDocument,
  createDistrictMeeting,
  encryptedPdf,
  insertAgendaItem,
  inviteGuest,
  sampleDocx,
  sampleJpeg,
  samplePdf,
  samplePng,
} from '@/lib/meetings/agenda-fixtures';
import { lastAudit, viewerFor } from '@/lib/test/fixtures';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-pack-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const current = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => current.viewer,
}));
// Messages come back as their key followed by their values, so the stamp's text can be checked.
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => (key: string, values?: Record<string, unknown>) =>
    `${namespace ? `${namespace}.` : ''}${key}${values ? ` ${Object.values(values).join(' | ')}` : ''}`,
  getLocale: async () => 'vi',
}));
const stamps = vi.hoisted(() => [] as { text: string; pages: number }[]);
vi.mock('@/lib/pdf/stamp', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/pdf/stamp')>();
  return {
    stampEveryPage: (...args: Parameters<typeof original.stampEveryPage>) => {
      stamps.push({ text: args[2], pages: args[0].getPageCount() });
      return original.stampEveryPage(...args);
    },
  };
});

const { GET } = await import('./route');

const pack = (meetingId: string) =>
  GET(new Request(`http://localhost:3000/api/meetings/${meetingId}/pack`), { params: Promise.resolve({ meetingId }) });

/** Whether a page carries the stamp's translucent graphics state (the test's own pages have none). */
function stamped(doc: PDFDocument) {
  return doc.getPages().map((page) => {
    const states = page.node.Resources()?.lookup(PDFName.of('ExtGState'));
    return states instanceof PDFDict && states.keys().length > 0;
  });
}

beforeEach(() => {
  current.viewer = null;
  stamps.length = 0;
});

describe('GET /api/meetings/[meetingId]/pack', () => {
  it('compiles cover, agenda, PDFs and images into one PDF stamped on every page, skipping broken PDFs with a note', async () => {
    const meetingId = await createDistrictMeeting({ onlineUrl: 'https://hop.kimbang.vn/bch' });
    const first = await insertAgendaItem(meetingId, 1, 'Báo cáo tình hình kinh tế – xã hội năm 2026');
    const second = await insertAgendaItem(meetingId, 2, 'Thảo luận và biểu quyết nghị quyết');
    await attachDocument(meetingId, null, await samplePdf(1, 'Giay moi'), 'Giấy mời.pdf', 'application/pdf');
    await attachDocument(meetingId, first, await samplePdf(3, 'Bao cao'), 'Báo cáo.pdf', 'application/pdf');
    await attachDocument(meetingId, first, samplePng(40, 30), 'Biểu đồ.png', 'image/png');
    await attachDocument(meetingId, second, sampleJpeg(800, 600), 'Ảnh.jpg', 'image/jpeg');
    await attachDocument(meetingId, second, sampleDocx(), 'Dự thảo nghị quyết.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    await attachDocument(meetingId, second, await encryptedPdf(), 'Có mật khẩu.pdf', 'application/pdf');
    await attachDocument(meetingId, second, new TextEncoder().encode('%PDF-1.7\nnot really a pdf'), 'Hỏng.pdf', 'application/pdf');

    current.viewer = await viewerFor('clerk@quorum.local');
    const response = await pack(meetingId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="Hoi nghi Ban Chap hanh .*\.pdf"; filename\*=UTF-8''H%E1%BB%99i/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');

    const doc = await PDFDocument.load(await response.arrayBuffer());
    // cover + agenda + invitation (1) + report (3) + PNG (1) + JPEG (1) + two note pages; the DOCX is listed only
    expect(doc.getPageCount()).toBe(1 + 1 + 1 + 3 + 1 + 1 + 2);
    expect(stamped(doc)).toEqual(Array(10).fill(true));
    expect(stamps).toHaveLength(1);
    expect(stamps[0]!.pages).toBe(10); // stamped after every page was added
    expect(stamps[0]!.text).toMatch(/^agenda\.pack\.pdf\.stamp Phạm Minh Tuấn \| \d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}$/);
    expect(await lastAudit('meeting.pack.download')).toMatchObject({ entityType: 'meeting', entityId: meetingId });
  });

  it('leaves hidden items and their documents out of a guest’s pack, and answers 404 to outsiders', async () => {
    const meetingId = await createDistrictMeeting({ status: 'invited' }); // drafts are hidden from guests
    await insertAgendaItem(meetingId, 1, 'Khai mạc');
    const hidden = await insertAgendaItem(meetingId, 2, 'Công tác cán bộ', true);
    await attachDocument(meetingId, hidden, await samplePdf(4, 'Nhan su'), 'Nhân sự.pdf', 'application/pdf');
    await inviteGuest(meetingId, 'member@quorum.local');

    current.viewer = await viewerFor('member@quorum.local');
    const guest = await PDFDocument.load(await (await pack(meetingId)).arrayBuffer());
    expect(guest.getPageCount()).toBe(2); // cover and agenda only
    expect(stamps.at(-1)!.text).toContain('Nguyễn Thị Hoa');

    current.viewer = await viewerFor('secretary@quorum.local');
    const full = await PDFDocument.load(await (await pack(meetingId)).arrayBuffer());
    expect(full.getPageCount()).toBe(6);

    current.viewer = await viewerFor('admin@quorum.local');
    expect((await pack(meetingId)).status).toBe(404);
    current.viewer = null;
    expect((await pack(meetingId)).status).toBe(401);
  });
});
