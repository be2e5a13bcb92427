import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { archiveDisposals, archivePreviews, archiveRecords, archiveVersions } from '@/db/schema';
import { pastRetention } from '@/lib/archive/disposition';
import { fileRecord, organizationId } from '@/lib/archive/test-fixtures';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { roleHolderEmail } from '@/lib/meetings/test-helpers';
import { samplePdf, samplePng } from '@/lib/meetings/agenda-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { getStorage } from '@/lib/storage';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-disposal-'));
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

const { decideArchiveDisposal, proposeArchiveDisposal } = await import('./actions');
const { setArchiveHold } = await import('../[recordId]/actions');

beforeEach(() => {
  current.viewer = null;
});

const CELL = 'Chi bộ thôn Đồng Tâm';

/** A notice of 2010 kept 10 years, with a file, extracted text and a page image. */
async function expiredRecord(title: string) {
  const { recordId, versionId } = await fileRecord(CELL, { type: 'TB', title, issuedOn: '2010-03-01', retention: 10 }, { bytes: await samplePdf(1, title), fileName: `${title}.pdf`, contentType: 'application/pdf' });
  const preview = await getStorage().put(samplePng(3, 4));
  await getDb().update(archiveVersions).set({ extraction: 'done', extractedText: `Nội dung ${title}` }).where(eq(archiveVersions.id, versionId!));
  await getDb().insert(archivePreviews).values({ versionId: versionId!, page: 1, storageKey: preview.key, width: 3, height: 4 });
  return { recordId, versionId: versionId! };
}

async function propose(recordIds: string[], reason = 'Hết thời hạn bảo quản') {
  const data = form({ organizationId: await organizationId(CELL), reason });
  for (const id of recordIds) data.append('recordId', id);
  return proposeArchiveDisposal(initialActionState, data);
}

describe('disposition', () => {
  it('lists only what is past retention, not permanent, not on hold, to those who manage the archive', async () => {
    const expired = await expiredRecord('Thông báo cũ');
    const current1 = await fileRecord(CELL, { type: 'TB', title: 'Thông báo mới', issuedOn: '2025-01-01', retention: 10 });
    const permanent = await fileRecord(CELL, { type: 'NQ', title: 'Nghị quyết cũ', issuedOn: '1990-01-01' });
    const held = await fileRecord(CELL, { type: 'TB', title: 'Thông báo phong tỏa', issuedOn: '2000-01-01', retention: 5 });
    current.viewer = await viewerFor('clerk@quorum.local');
    await setArchiveHold(initialActionState, form({ recordId: held.recordId, hold: 'on', reason: 'Đang giải quyết khiếu nại' }));

    const due = (await pastRetention(getDb(), current.viewer)).map((r) => r.id);
    expect(due).toContain(expired.recordId);
    expect(due).not.toContain(current1.recordId);
    expect(due).not.toContain(permanent.recordId);
    expect(due).not.toContain(held.recordId);
    expect(await pastRetention(getDb(), await viewerFor('member@quorum.local'))).toEqual([]);
    // A held record cannot even be proposed.
    expect((await propose([held.recordId])).message).toBe('archive.errors.notEligible');
  });

  it('destroys nothing until someone other than the proposer approves; approval leaves a tombstone', async () => {
    const { recordId, versionId } = await expiredRecord('Thông báo lịch họp 2010');
    const [version] = await getDb().select().from(archiveVersions).where(eq(archiveVersions.id, versionId));

    current.viewer = await viewerFor('clerk@quorum.local');
    const proposed = await propose([recordId]);
    expect(proposed).toMatchObject({ ok: true });
    const disposalId = proposed.data!.disposalId!;
    expect(await lastAudit('archive.disposal.propose')).toMatchObject({ entityId: disposalId, details: { reason: 'Hết thời hạn bảo quản' } });
    expect((await getDb().select({ status: archiveRecords.status }).from(archiveRecords).where(eq(archiveRecords.id, recordId)))[0]!.status).toBe('active');
    expect((await propose([recordId])).message).toBe('archive.errors.notEligible'); // already on a pending list

    // The clerk cannot decide (no archive.dispose), nor the district leaders (the cell's own
    // leaders decide on its records); the proposer cannot approve their own list.
    expect((await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'approve' }))).message).toBe('errors.NOT_FOUND');
    current.viewer = await viewerFor('secretary@quorum.local');
    expect((await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'approve' }))).message).toBe('errors.NOT_FOUND');
    const secretary = await viewerFor(await roleHolderEmail(CELL, 'secretary'));
    await getDb().update(archiveDisposals).set({ proposedBy: secretary.id }).where(eq(archiveDisposals.id, disposalId));
    current.viewer = secretary;
    expect((await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'approve' }))).message).toBe('archive.errors.ownProposal');
    current.viewer = await viewerFor(await roleHolderEmail(CELL, 'deputy_secretary'));
    expect((await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'reject' }))).fieldErrors).toEqual({ note: 'validation.reason_required' });

    expect(await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'approve', note: 'Đồng ý theo đề nghị của Hội đồng' }))).toMatchObject({ ok: true });
    const [tombstone] = await getDb().select().from(archiveRecords).where(eq(archiveRecords.id, recordId));
    expect(tombstone).toMatchObject({ status: 'destroyed', disposalId, destroyedBy: current.viewer.id, search: null, title: 'Thông báo lịch họp 2010', type: 'TB' });
    expect(tombstone!.destroyedAt).toBeInstanceOf(Date);
    const [kept] = await getDb().select().from(archiveVersions).where(eq(archiveVersions.id, versionId));
    expect(kept).toMatchObject({ storageKey: null, extractedText: null, sha256: version!.sha256, fileName: version!.fileName });
    expect(await getDb().select().from(archivePreviews).where(eq(archivePreviews.versionId, versionId))).toEqual([]);
    expect(await lastAudit('archive.record.destroy')).toMatchObject({ entityId: recordId, details: { disposalId, versions: [{ version: 1, sha256: version!.sha256 }] } });
    expect(await lastAudit('archive.disposal.approve')).toMatchObject({ entityId: disposalId, details: { destroyed: [recordId] } });
    expect((await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'reject', note: 'muộn' }))).message).toBe('archive.errors.alreadyDecided');

    // A tombstone never changes again.
    current.viewer = await viewerFor('clerk@quorum.local');
    expect((await setArchiveHold(initialActionState, form({ recordId, hold: 'on', reason: 'x' }))).message).toBe('archive.errors.destroyed');
  });

  it('never destroys a record put on hold after it was proposed, and a rejection destroys nothing', async () => {
    const held = await expiredRecord('Thông báo 2010 số 2');
    current.viewer = await viewerFor('clerk@quorum.local');
    const disposalId = (await propose([held.recordId])).data!.disposalId!;
    expect(await setArchiveHold(initialActionState, form({ recordId: held.recordId, hold: 'on', reason: 'Thanh tra yêu cầu giữ lại' }))).toMatchObject({ ok: true });
    current.viewer = await viewerFor(await roleHolderEmail(CELL, 'secretary'));
    const refused = await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'approve' }));
    expect(refused.message).toBe('archive.errors.heldInDisposal');
    expect(await decideArchiveDisposal(initialActionState, form({ disposalId, decision: 'reject', note: 'Có hồ sơ đang phong tỏa' }))).toMatchObject({ ok: true });
    const [row] = await getDb().select({ status: archiveRecords.status, legalHold: archiveRecords.legalHold }).from(archiveRecords).where(eq(archiveRecords.id, held.recordId));
    expect(row).toEqual({ status: 'active', legalHold: true });
    // The database refuses it too.
    await expect(getDb().update(archiveRecords).set({ status: 'destroyed', destroyedAt: new Date(), disposalId }).where(eq(archiveRecords.id, held.recordId))).rejects.toThrow();
  });
});
