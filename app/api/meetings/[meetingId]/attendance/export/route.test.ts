import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { attendancePdf, loadAttendanceSheet } from '@/lib/meetings/attendance-export';
import { cellBody, insertMeeting } from '@/lib/meetings/test-fixtures';
import { TEST_META, lastAudit, viewerFor } from '@/lib/test/fixtures';
import { GET } from './route';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return {
    getLocale: async () => 'vi',
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }),
  };
});

let meetingId: string;
let cell: Awaited<ReturnType<typeof cellBody>>;

beforeAll(async () => {
  cell = await cellBody('Chi bộ thôn Đồng Tâm');
  const active = cell.seats.filter((s) => s.status === 'active');
  meetingId = await insertMeeting({
    cell,
    startsAt: new Date('2026-04-02T12:30:00Z'),
    title: 'Sinh hoạt chi bộ định kỳ tháng 4/2026',
    marks: { [active[0]!.userId]: { status: 'excused_absent', reason: 'Đi viện' }, [active[1]!.userId]: { status: 'online' } },
  });
});

const get = (format: string) =>
  GET(new Request(`http://localhost/api/meetings/${meetingId}/attendance/export?format=${format}`), { params: Promise.resolve({ meetingId }) });

describe('attendance list export', () => {
  it('gives a signable PDF and a spreadsheet to those who prepare or oversee, audited', async () => {
    request.viewer = await viewerFor('clerk@quorum.local'); // district office: oversees the cell
    const pdf = await get('pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="Danh sach du hop - Sinh hoat chi bo dinh ky thang 4-2026\.pdf"; filename\*=UTF-8''Danh%20s%C3%A1ch/);
    const doc = await PDFDocument.load(await pdf.arrayBuffer());
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(await lastAudit('meeting.attendance.export')).toMatchObject({ entityId: meetingId, details: { format: 'pdf', rows: cell.seats.length } });

    const xlsx = await get('xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await get('docx')).status).toBe(422);
  });

  it('is not found for ordinary members, outsiders and the anonymous', async () => {
    request.viewer = await viewerFor('member@quorum.local');
    expect((await get('pdf')).status).toBe(404);
    request.viewer = await viewerFor('admin@quorum.local');
    expect((await get('pdf')).status).toBe(404);
    request.viewer = null;
    expect((await get('pdf')).status).toBe(401);
  });

  it('lists every member with role and status, leaders first, and many members run onto more pages', async () => {
    const sheet = await loadAttendanceSheet(getDb(), meetingId);
    expect(sheet.rows[0]!.title).toBe('Bí thư');
    expect(sheet.rows[1]!.title).toBe('Phó Bí thư');
    expect(sheet.rows.find((r) => r.reason === 'Đi viện')).toMatchObject({ status: 'excused_absent', counted: true });
    expect(sheet.totals).toMatchObject({ total: cell.seats.length, excused: 1, unexcused: 0 });
    const many = { ...sheet, rows: Array.from({ length: 60 }, (_, i) => ({ ...sheet.rows[i % sheet.rows.length]! })) };
    const bytes = await attendancePdf(many, (key) => key);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
  });
});
