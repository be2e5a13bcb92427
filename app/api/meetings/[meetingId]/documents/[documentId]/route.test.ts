import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { resetEnvCache } from '@/lib/env';
import { attachDocument, createDistrictMeeting, insertAgendaItem, inviteGuest, samplePdf, samplePng } from '@/lib/meetings/agenda-fixtures';
import { lastAudit, viewerFor } from '@/lib/test/fixtures';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-download-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const current = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => current.viewer,
}));
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => key, getLocale: async () => 'vi' }));

const { GET } = await import('./route');

const download = (meetingId: string, documentId: string) =>
  GET(new Request(`http://localhost:3000/api/meetings/${meetingId}/documents/${documentId}`, { headers: { 'user-agent': 'vitest' } }), {
    params: Promise.resolve({ meetingId, documentId }),
  });

beforeEach(() => {
  current.viewer = null;
});

describe('GET /api/meetings/[meetingId]/documents/[documentId]', () => {
  it('serves the file inline with a safe disposition, nosniff and no-store, and audits the view', async () => {
    const meetingId = await createDistrictMeeting();
    const pdf = await samplePdf(1);
    const doc = await attachDocument(meetingId, null, pdf, 'Báo cáo "tổng kết" năm 2026.pdf', 'application/pdf');
    current.viewer = await viewerFor('clerk@quorum.local');

    const response = await download(meetingId, doc.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="Bao cao _tong ket_ nam 2026.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22t%E1%BB%95ng%20k%E1%BA%BFt%22%20n%C4%83m%202026.pdf`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-length')).toBe(String(pdf.length));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdf);
    expect(await lastAudit('meeting.document.view')).toMatchObject({
      actorName: 'Phạm Minh Tuấn',
      entityType: 'meeting_document',
      entityId: doc.id,
      details: { meetingId },
    });
  });

  it('keeps documents of hidden items from guests, and every document from outsiders', async () => {
    const meetingId = await createDistrictMeeting({ status: 'invited' }); // drafts are hidden from guests
    const open = await insertAgendaItem(meetingId, 1, 'Báo cáo công tác');
    const hidden = await insertAgendaItem(meetingId, 2, 'Công tác cán bộ', true);
    const visibleDoc = await attachDocument(meetingId, open, samplePng(), 'so-do.png', 'image/png');
    const hiddenDoc = await attachDocument(meetingId, hidden, await samplePdf(1, 'Nhan su'), 'nhan-su.pdf', 'application/pdf');
    await inviteGuest(meetingId, 'member@quorum.local');

    current.viewer = await viewerFor('member@quorum.local');
    expect((await download(meetingId, visibleDoc.id)).status).toBe(200);
    expect((await download(meetingId, hiddenDoc.id)).status).toBe(404);

    current.viewer = await viewerFor('secretary@quorum.local');
    expect((await download(meetingId, hiddenDoc.id)).status).toBe(200);

    current.viewer = await viewerFor('admin@quorum.local'); // no role over the meeting
    expect((await download(meetingId, visibleDoc.id)).status).toBe(404);

    const other = await createDistrictMeeting();
    current.viewer = await viewerFor('clerk@quorum.local');
    expect((await download(other, visibleDoc.id)).status).toBe(404); // a document of another meeting
    expect((await download(meetingId, 'not-a-uuid')).status).toBe(404);

    current.viewer = null;
    expect((await download(meetingId, visibleDoc.id)).status).toBe(401);
  });

  it('does not deliver a file whose bytes no longer match their SHA-256', async () => {
    const meetingId = await createDistrictMeeting();
    const doc = await attachDocument(meetingId, null, await samplePdf(1, 'Goc'), 'goc.pdf', 'application/pdf');
    await writeFile(path.join(dataDir, 'files', doc.key.slice(0, 2), doc.key), '%PDF-1.7 altered');
    current.viewer = await viewerFor('clerk@quorum.local');
    const response = await download(meetingId, doc.id);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});
