import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { archiveRecords, archiveVersions, organizations } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { reindexRecord } from '@/lib/search/index';
import { viewerFor } from '@/lib/test/fixtures';
import { GET } from './route';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  viewerFromCookieHeader: async () => request.viewer,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }) };
});

const BODY = `Mở đầu. ${'Nội dung chung của văn bản lưu trữ. '.repeat(30)}Chi bộ quyết tâm xây dựng nông thôn mới kiểu mẫu. ${'Phần kết. '.repeat(60)}`;
let recordId: string;

const get = (query: string) => GET(new Request(`http://localhost:3000/api/v1/documents?${query}`));

beforeAll(async () => {
  const db = getDb();
  const [cell] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, 'Chi bộ thôn Đồng Tâm'));
  const [record] = await db
    .insert(archiveRecords)
    .values({ organizationId: cell!.id, type: 'NQ', numberSymbol: '41-NQ/CB', title: 'Nghị quyết về nông thôn mới kiểu mẫu', issuedOn: '2025-04-01' })
    .returning({ id: archiveRecords.id });
  recordId = record!.id;
  const [version] = await db
    .insert(archiveVersions)
    .values({ recordId, version: 1, fileName: 'nq.pdf', contentType: 'application/pdf', sizeBytes: 1, sha256: 'b'.repeat(64), storageKey: 'b'.repeat(64), extractedText: BODY })
    .returning({ id: archiveVersions.id });
  await db.update(archiveRecords).set({ currentVersionId: version!.id }).where(eq(archiveRecords.id, recordId));
  await reindexRecord(db, recordId);
});

describe('GET /api/v1/documents', () => {
  it('searches what the caller may see, with snippets and without the full text', async () => {
    request.viewer = await viewerFor('member@quorum.local');
    const response = await get('q=kieu+mau&sort=relevance&pageSize=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({ page: 1, pageSize: 5, totalIsCapped: false });
    const document = body.documents.find((d: { id: string }) => d.id === recordId);
    expect(document).toMatchObject({ numberSymbol: '41-NQ/CB', type: 'NQ', organizationName: 'Chi bộ thôn Đồng Tâm', matchedBy: 'text' });
    expect(document.snippet.filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text)).toContain('kiểu mẫu');
    const raw = JSON.stringify(body);
    expect(raw).not.toContain('Phần kết. '.repeat(40).trim()); // longer than any snippet window
    expect(document.snippet.map((s: { text: string }) => s.text).join('').length).toBeLessThan(400);
  });

  it('hides records of other organisations, refuses those without archive access, validates input', async () => {
    request.viewer = await viewerFor('secretary@quorum.local');
    const district = await (await get('q=41-NQ/CB')).json();
    expect(district.documents[0].id).toBe(recordId); // the district secretary oversees the cell

    const thanhLiem = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.name, 'Chi bộ thôn Ninh Tào'));
    const [other] = await getDb().select().from(organizations).where(eq(organizations.id, thanhLiem[0]!.id));
    request.viewer = { ...(await viewerFor('member@quorum.local')), memberships: [{ organizationId: other!.id, organizationName: other!.name, organizationPath: other!.path, role: 'member' }] };
    expect((await (await get('q=41-NQ/CB')).json()).documents).toEqual([]);

    request.viewer = await viewerFor('admin@quorum.local'); // administers accounts, reads no archive
    expect((await get('q=nghi+quyet')).status).toBe(404);

    request.viewer = await viewerFor('member@quorum.local');
    expect((await get('sort=everything')).status).toBe(422);
    expect((await get('year=abc')).status).toBe(422);
    request.viewer = null;
    expect((await get('q=x')).status).toBe(401);
  });
});
