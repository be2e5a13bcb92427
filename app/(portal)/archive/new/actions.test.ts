import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { archiveRecords, archiveUploads, archiveVersions } from '@/db/schema';
import { organizationId, stageUpload } from '@/lib/archive/test-fixtures';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { samplePdf } from '@/lib/meetings/agenda-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-archive-'));
process.env.QUORUM_DATA_DIR = dataDir;
resetEnvCache();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const current = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => current.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => key }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
const enqueued = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/ingest/queue', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/ingest/queue')>()),
  enqueueIngest: async (versionId: string) => void enqueued.push(versionId),
}));

const { createArchiveRecord } = await import('./actions');
const { addArchiveVersion, retryArchiveExtraction, setArchiveHold, updateArchiveRecord } = await import('../[recordId]/actions');

beforeEach(() => {
  current.viewer = null;
});

const CELL = 'Chi bộ thôn Đồng Tâm';
const metadata = (values: Record<string, string> = {}) => ({
  type: 'NQ',
  numberSymbol: '11-NQ/CB',
  title: 'Nghị quyết về phát triển kinh tế hộ gia đình',
  abstract: 'Lãnh đạo phát triển kinh tế hộ, giảm nghèo bền vững',
  issuerName: CELL,
  issuedOn: '2026-08-12',
  signer: 'Bí thư Chi bộ',
  recipients: 'Đảng ủy xã Tân Sơn',
  classification: 'normal',
  audience: 'organization',
  retention: 'default',
  ...values,
});

async function record(recordId: string) {
  const [row] = await getDb().select().from(archiveRecords).where(eq(archiveRecords.id, recordId));
  return row!;
}

async function versions(recordId: string) {
  return getDb()
    .select({ version: archiveVersions.version, reason: archiveVersions.reason, sha256: archiveVersions.sha256, id: archiveVersions.id, extraction: archiveVersions.extraction })
    .from(archiveVersions)
    .where(eq(archiveVersions.recordId, recordId))
    .orderBy(asc(archiveVersions.version));
}

describe('filing a record', () => {
  it('files the chosen upload as version 1 with the retention of its type, audited, and queues its extraction', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const pdf = await samplePdf(2, 'Nghi quyet');
    const upload = await stageUpload('clerk@quorum.local', pdf, 'Nghị quyết 11.pdf');
    const state = await createArchiveRecord(initialActionState, form({ ...metadata(), organizationId: await organizationId(CELL), uploadId: upload.uploadId }));
    expect(state).toMatchObject({ ok: true, message: 'archive.new.created' });
    const recordId = state.data!.recordId!;
    const row = await record(recordId);
    expect(row).toMatchObject({ type: 'NQ', numberSymbol: '11-NQ/CB', retentionYears: null, status: 'active', classification: 'normal' });
    expect(row.numberKey).toBeTruthy();
    const [v1] = await versions(recordId);
    expect(v1).toMatchObject({ version: 1, reason: null, sha256: upload.sha256, extraction: 'queued' });
    expect(row.currentVersionId).toBe(v1!.id);
    expect(await getDb().select().from(archiveUploads).where(eq(archiveUploads.id, upload.uploadId))).toEqual([]); // claimed once
    await vi.waitFor(() => expect(enqueued).toContain(v1!.id));
    expect(await lastAudit('archive.record.create')).toMatchObject({
      actorName: 'Phạm Minh Tuấn',
      entityId: recordId,
      details: { numberSymbol: '11-NQ/CB', version: { number: 1, sha256: upload.sha256 } },
    });

    // A report keeps 20 years by default; a chosen period wins.
    const report = await createArchiveRecord(initialActionState, form({ ...metadata({ type: 'BC', numberSymbol: '' }), organizationId: await organizationId(CELL) }));
    expect((await record(report.data!.recordId!)).retentionYears).toBe(20);
    const chosen = await createArchiveRecord(initialActionState, form({ ...metadata({ type: 'BC', numberSymbol: '', retention: '5' }), organizationId: await organizationId(CELL) }));
    expect((await record(chosen.data!.recordId!)).retentionYears).toBe(5);
  });

  it('answers with Vietnamese field errors', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const organization = await organizationId(CELL);
    const empty = await createArchiveRecord(initialActionState, form({ ...metadata({ title: '', issuedOn: '2026-02-30' }), organizationId: organization }));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { title: 'validation.required', issuedOn: 'validation.date' } });
    const badNumber = await createArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: 'NQ 09' }), organizationId: organization }));
    expect(badNumber.fieldErrors).toEqual({ numberSymbol: 'archive.errors.numberSymbolFormat' });
    const wrongType = await createArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '09-CT/CB' }), organizationId: organization }));
    expect(wrongType.fieldErrors).toEqual({ numberSymbol: 'archive.errors.numberSymbolType' });
    const future = await createArchiveRecord(initialActionState, form({ ...metadata({ issuedOn: '2099-01-01' }), organizationId: organization }));
    expect(future.fieldErrors).toEqual({ issuedOn: 'archive.errors.issuedInFuture' });
    const a = await stageUpload('clerk@quorum.local', await samplePdf(1, 'A'), 'a.pdf');
    const b = await stageUpload('clerk@quorum.local', await samplePdf(1, 'B'), 'b.pdf');
    const data = form({ ...metadata({ numberSymbol: '12-NQ/CB' }), organizationId: organization });
    data.append('uploadId', a.uploadId);
    data.append('uploadId', b.uploadId);
    expect((await createArchiveRecord(initialActionState, data)).fieldErrors).toEqual({ uploadId: 'archive.errors.oneFilePerRecord' });
  });

  it('registers state secrets by metadata only and refuses any file for them, citing the law', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const organization = await organizationId('Huyện ủy Kim Bảng');
    const upload = await stageUpload('clerk@quorum.local', await samplePdf(1, 'Mat'), 'mat.pdf');
    for (const level of ['secret', 'top_secret', 'absolute_secret']) {
      const refused = await createArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '', classification: level }), organizationId: organization, uploadId: upload.uploadId }));
      expect(refused).toMatchObject({ ok: false, fieldErrors: { uploadId: 'archive.errors.stateSecretFile' } });
    }
    // Nothing was filed and the upload was not consumed.
    expect(await getDb().select({ id: archiveUploads.id }).from(archiveUploads).where(eq(archiveUploads.id, upload.uploadId))).toHaveLength(1);

    const registered = await createArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '', classification: 'top_secret' }), organizationId: organization }));
    expect(registered.ok).toBe(true);
    const recordId = registered.data!.recordId!;
    expect(await versions(recordId)).toEqual([]);
    const version = await addArchiveVersion(initialActionState, form({ recordId, uploadId: upload.uploadId, reason: 'Bản quét' }));
    expect(version.fieldErrors).toEqual({ uploadId: 'archive.errors.stateSecretFile' });

    // A record with a stored file cannot be reclassified as a secret.
    const ordinary = await createArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '' }), organizationId: organization, uploadId: upload.uploadId }));
    const row = await record(ordinary.data!.recordId!);
    const raised = await updateArchiveRecord(
      initialActionState,
      form({ ...metadata({ numberSymbol: '', classification: 'secret' }), recordId: row.id, updatedAt: row.updatedAt.toISOString() }),
    );
    expect(raised.fieldErrors).toEqual({ classification: 'archive.errors.stateSecretHasFiles' });
  });

  it('lets only those who manage the organisation archive file there', async () => {
    const data = async () => form({ ...metadata({ numberSymbol: '' }), organizationId: await organizationId(CELL) });
    current.viewer = await viewerFor('member@quorum.local');
    expect((await createArchiveRecord(initialActionState, await data())).message).toBe('errors.NOT_FOUND');
    current.viewer = await viewerFor('admin@quorum.local');
    expect((await createArchiveRecord(initialActionState, await data())).message).toBe('errors.NOT_FOUND');
    current.viewer = await viewerFor('clerk@quorum.local');
    const other = form({ ...metadata({ numberSymbol: '' }), organizationId: await organizationId('Huyện ủy Thanh Liêm') });
    expect((await createArchiveRecord(initialActionState, other)).message).toBe('errors.NOT_FOUND');
    current.viewer = null;
    expect((await createArchiveRecord(initialActionState, await data())).message).toBe('errors.UNAUTHENTICATED');
  });
});

describe('changing a record', () => {
  async function filed() {
    current.viewer = await viewerFor('clerk@quorum.local');
    const upload = await stageUpload('clerk@quorum.local', await samplePdf(1, `Ban ${Math.random()}`), 'ban-dau.pdf');
    const state = await createArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '' }), organizationId: await organizationId(CELL), uploadId: upload.uploadId }));
    return state.data!.recordId!;
  }

  it('adds versions with who, when and why; the newest is current', async () => {
    const recordId = await filed();
    const upload = await stageUpload('clerk@quorum.local', await samplePdf(1, 'Ban ky'), 'ban-co-chu-ky.pdf');
    expect(await addArchiveVersion(initialActionState, form({ recordId, uploadId: upload.uploadId, reason: '' }))).toMatchObject({ fieldErrors: { reason: 'validation.reason_required' } });
    expect(await addArchiveVersion(initialActionState, form({ recordId, reason: 'Bản có chữ ký' }))).toMatchObject({ fieldErrors: { uploadId: 'archive.errors.fileRequired' } });
    expect(await addArchiveVersion(initialActionState, form({ recordId, uploadId: upload.uploadId, reason: 'Bản có chữ ký' }))).toMatchObject({ ok: true });
    const list = await versions(recordId);
    expect(list.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, 'Bản có chữ ký'],
    ]);
    expect((await record(recordId)).currentVersionId).toBe(list[1]!.id);
    expect(await lastAudit('archive.version.add')).toMatchObject({ entityId: recordId, details: { version: 2, reason: 'Bản có chữ ký', sha256: upload.sha256 } });
  });

  it('edits metadata with the changed fields before and after, and refuses a stale form', async () => {
    const recordId = await filed();
    const before = await record(recordId);
    const saved = await updateArchiveRecord(
      initialActionState,
      form({ ...metadata({ numberSymbol: '', title: 'Nghị quyết (đã sửa tên)', retention: 'permanent' }), recordId, updatedAt: before.updatedAt.toISOString() }),
    );
    expect(saved).toMatchObject({ ok: true });
    expect(await lastAudit('archive.record.update')).toMatchObject({
      entityId: recordId,
      details: { before: { title: 'Nghị quyết về phát triển kinh tế hộ gia đình' }, after: { title: 'Nghị quyết (đã sửa tên)' } },
    });
    const stale = await updateArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '', title: 'Tên khác' }), recordId, updatedAt: before.updatedAt.toISOString() }));
    expect(stale).toMatchObject({ ok: false, message: 'archive.errors.stale' });
    expect((await record(recordId)).title).toBe('Nghị quyết (đã sửa tên)');

    current.viewer = await viewerFor('member@quorum.local'); // may read it, may not change it
    const after = await record(recordId);
    expect((await updateArchiveRecord(initialActionState, form({ ...metadata({ numberSymbol: '' }), recordId, updatedAt: after.updatedAt.toISOString() }))).message).toBe('errors.NOT_FOUND');
  });

  it('places and lifts a legal hold with its reason, audited', async () => {
    const recordId = await filed();
    expect(await setArchiveHold(initialActionState, form({ recordId, hold: 'on', reason: '' }))).toMatchObject({ fieldErrors: { reason: 'validation.reason_required' } });
    expect(await setArchiveHold(initialActionState, form({ recordId, hold: 'on', reason: 'Phục vụ kiểm tra của Ủy ban Kiểm tra' }))).toMatchObject({ ok: true });
    expect(await record(recordId)).toMatchObject({ legalHold: true, legalHoldReason: 'Phục vụ kiểm tra của Ủy ban Kiểm tra' });
    expect(await setArchiveHold(initialActionState, form({ recordId, hold: 'on', reason: 'lần hai' }))).toMatchObject({ message: 'archive.errors.alreadyHeld' });
    expect(await setArchiveHold(initialActionState, form({ recordId, hold: 'off', reason: 'Đã kết thúc kiểm tra' }))).toMatchObject({ ok: true });
    expect(await lastAudit('archive.record.release')).toMatchObject({ entityId: recordId, details: { reason: 'Đã kết thúc kiểm tra', previousReason: 'Phục vụ kiểm tra của Ủy ban Kiểm tra' } });
  });

  it('retries a failed extraction only', async () => {
    const recordId = await filed();
    const [v1] = await versions(recordId);
    expect(await retryArchiveExtraction(initialActionState, form({ recordId, versionId: v1!.id }))).toMatchObject({ message: 'archive.errors.notFailed' });
    await getDb().update(archiveVersions).set({ extraction: 'failed', extractionError: 'Tệp bị hỏng' }).where(eq(archiveVersions.id, v1!.id));
    expect(await retryArchiveExtraction(initialActionState, form({ recordId, versionId: v1!.id }))).toMatchObject({ ok: true });
    expect((await versions(recordId))[0]!.extraction).toBe('queued');
    expect(await lastAudit('archive.version.retry')).toMatchObject({ entityId: recordId, details: { previousError: 'Tệp bị hỏng' } });
  });
});
