import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { agendaItems, meetingDocuments, meetings } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import {
  createDistrictMeeting,
  sampleDocx,
  sampleJpeg,
  samplePdf,
  samplePng,
  upload,
} from '@/lib/meetings/agenda-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { getStorage } from '@/lib/storage';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';

const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-agenda-'));
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

const { addAgendaItem, deleteAgendaItem, moveAgendaItem, removeMeetingDocument, updateAgendaItem, uploadMeetingDocument } =
  await import('./actions');

beforeEach(() => {
  current.viewer = null;
});

async function versionOf(meetingId: string) {
  const [row] = await getDb().select({ v: meetings.agendaVersion }).from(meetings).where(eq(meetings.id, meetingId));
  return row!.v;
}

async function titles(meetingId: string) {
  const rows = await getDb()
    .select({ title: agendaItems.title, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  return rows.map((r) => `${r.position}. ${r.title}`);
}

async function itemId(meetingId: string, title: string) {
  const rows = await getDb()
    .select({ id: agendaItems.id, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return rows.find((r) => r.title === title)!.id;
}

async function add(meetingId: string, title: string, extra: Record<string, string> = {}) {
  const state = await addAgendaItem(
    initialActionState,
    form({ meetingId, version: String(await versionOf(meetingId)), title, kind: 'report', ...extra }),
  );
  expect(state).toMatchObject({ ok: true });
}

function uploadForm(fields: Record<string, string>, file: File) {
  const data = form(fields);
  data.append('file', file);
  return data;
}

describe('agenda', () => {
  it('lets the clerk build and reorder the agenda; every change bumps the version and is audited', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    await add(meetingId, 'Báo cáo kết quả thực hiện nhiệm vụ quý IV', { presenter: 'Đồng chí Bí thư', plannedMinutes: '30' });
    await add(meetingId, 'Thảo luận phương hướng năm 2027', { kind: 'discussion' });
    await add(meetingId, 'Biểu quyết thông qua nghị quyết', { kind: 'decision', hiddenFromGuests: 'on' });
    expect(await versionOf(meetingId)).toBe(3);

    const last = await itemId(meetingId, 'Biểu quyết thông qua nghị quyết');
    const moved = await moveAgendaItem(initialActionState, form({ meetingId, itemId: last, version: '3', direction: 'up' }));
    expect(moved).toMatchObject({ ok: true, message: 'agenda.saved.moved' });
    expect(await titles(meetingId)).toEqual([
      '1. Báo cáo kết quả thực hiện nhiệm vụ quý IV',
      '2. Biểu quyết thông qua nghị quyết',
      '3. Thảo luận phương hướng năm 2027',
    ]);
    expect(await lastAudit('meeting.agenda.move')).toMatchObject({
      actorName: 'Phạm Minh Tuấn',
      entityType: 'agenda_item',
      entityId: last,
      details: { meetingId, direction: 'up', from: 3, to: 2, agendaVersion: 4 },
    });

    // Moving the first item up changes nothing in the order, but is still a new version.
    const top = await itemId(meetingId, 'Báo cáo kết quả thực hiện nhiệm vụ quý IV');
    expect(await moveAgendaItem(initialActionState, form({ meetingId, itemId: top, version: '4', direction: 'up' }))).toMatchObject({ ok: true });
    expect((await titles(meetingId))[0]).toBe('1. Báo cáo kết quả thực hiện nhiệm vụ quý IV');

    const updated = await updateAgendaItem(
      initialActionState,
      form({ meetingId, itemId: top, version: '5', title: 'Báo cáo quý IV', presenter: '', plannedMinutes: '45', kind: 'report' }),
    );
    expect(updated).toMatchObject({ ok: true });
    const [row] = await getDb().select().from(agendaItems).where(eq(agendaItems.id, top));
    expect(row).toMatchObject({ title: 'Báo cáo quý IV', presenter: null, plannedMinutes: 45, hiddenFromGuests: false });

    const deleted = await deleteAgendaItem(initialActionState, form({ meetingId, itemId: last, version: '6' }));
    expect(deleted).toMatchObject({ ok: true });
    expect(await titles(meetingId)).toEqual(['1. Báo cáo quý IV', '2. Thảo luận phương hướng năm 2027']);
    expect(await versionOf(meetingId)).toBe(7);
    expect(await lastAudit('meeting.agenda.delete')).toMatchObject({ entityId: last });
  });

  it('refuses a change made on a stale agenda, and of two simultaneous moves only one wins', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    for (const title of ['Một', 'Hai', 'Ba']) await add(meetingId, title);
    const version = String(await versionOf(meetingId));
    const ba = await itemId(meetingId, 'Ba');
    const mot = await itemId(meetingId, 'Một');

    // Two people looking at the same version move items at the same moment.
    const results = await Promise.all([
      moveAgendaItem(initialActionState, form({ meetingId, itemId: ba, version, direction: 'up' })),
      moveAgendaItem(initialActionState, form({ meetingId, itemId: mot, version, direction: 'down' })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, message: 'agenda.errors.stale' });
    expect(await versionOf(meetingId)).toBe(Number(version) + 1);
    const after = await titles(meetingId);
    expect([
      ['1. Một', '2. Ba', '3. Hai'],
      ['1. Hai', '2. Một', '3. Ba'],
    ]).toContainEqual(after);

    // Any stale form (edit, delete, add) changes nothing.
    const stale = await updateAgendaItem(initialActionState, form({ meetingId, itemId: ba, version, title: 'Đổi tên', kind: 'report' }));
    expect(stale).toMatchObject({ ok: false, message: 'agenda.errors.stale' });
    expect(await deleteAgendaItem(initialActionState, form({ meetingId, itemId: ba, version }))).toMatchObject({ ok: false });
    expect(await addAgendaItem(initialActionState, form({ meetingId, version, title: 'Bốn', kind: 'report' }))).toMatchObject({ ok: false });
    expect(await titles(meetingId)).toEqual(after);
  });

  it('is closed once the meeting has started, and to those who do not prepare meetings', async () => {
    current.viewer = await viewerFor('secretary@quorum.local');
    const meetingId = await createDistrictMeeting();
    await add(meetingId, 'Khai mạc');
    await getDb().update(meetings).set({ status: 'in_progress' }).where(eq(meetings.id, meetingId));
    const late = await addAgendaItem(initialActionState, form({ meetingId, version: '1', title: 'Thêm muộn', kind: 'report' }));
    expect(late).toMatchObject({ ok: false, message: 'agenda.errors.notEditable' });

    const other = await createDistrictMeeting();
    for (const email of ['member@quorum.local', 'admin@quorum.local']) {
      current.viewer = await viewerFor(email);
      const state = await addAgendaItem(initialActionState, form({ meetingId: other, version: '0', title: 'Trái phép', kind: 'report' }));
      expect(state).toMatchObject({ ok: false, message: 'errors.NOT_FOUND' });
    }
    expect(await titles(other)).toEqual([]);
  });

  it('reports bad input on the fields', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    const state = await addAgendaItem(
      initialActionState,
      form({ meetingId, version: '0', title: ' ', plannedMinutes: '9999', kind: 'party' }),
    );
    expect(state).toMatchObject({
      ok: false,
      fieldErrors: { title: 'validation.required', plannedMinutes: 'validation.invalid', kind: 'validation.choose_one' },
    });
  });
});

describe('meeting documents', () => {
  it('accepts PDF, PNG, JPEG and DOCX judged by their bytes, stores each content once, and audits', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    await add(meetingId, 'Báo cáo chính trị');
    const item = await itemId(meetingId, 'Báo cáo chính trị');
    const pdf = await samplePdf(2);
    const files = [
      upload(pdf, '../Báo cáo chính trị.pdf', 'application/pdf'),
      upload(samplePng(), 'Sơ đồ.png', 'image/png'),
      upload(sampleJpeg(), 'ảnh hội nghị.JPEG'),
      upload(sampleDocx(), 'Tờ trình.docx'),
      upload(pdf, 'scan-khong-duoi'), // no extension: the bytes decide
    ];
    for (const file of files) {
      const state = await uploadMeetingDocument(initialActionState, uploadForm({ meetingId, agendaItemId: item }, file));
      expect(state).toMatchObject({ ok: true, message: 'agenda.documents.uploaded' });
    }
    const rows = await getDb()
      .select({ fileName: meetingDocuments.fileName, contentType: meetingDocuments.contentType, key: meetingDocuments.storageKey, title: meetingDocuments.title })
      .from(meetingDocuments)
      .where(eq(meetingDocuments.meetingId, meetingId))
      .orderBy(asc(meetingDocuments.createdAt));
    expect(rows.map((r) => [r.fileName, r.contentType])).toEqual([
      ['Báo cáo chính trị.pdf', 'application/pdf'],
      ['Sơ đồ.png', 'image/png'],
      ['ảnh hội nghị.jpg', 'image/jpeg'],
      ['Tờ trình.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['scan-khong-duoi.pdf', 'application/pdf'],
    ]);
    expect(rows[0]!.title).toBe('Báo cáo chính trị');
    expect(rows[4]!.key).toBe(rows[0]!.key); // same content, stored once
    expect(await getStorage().exists(rows[0]!.key)).toBe(true);
    expect(await lastAudit('meeting.document.upload')).toMatchObject({
      entityType: 'meeting_document',
      details: { meetingId, agendaItemId: item, fileName: 'scan-khong-duoi.pdf', contentType: 'application/pdf' },
    });
  });

  it('refuses a fake PDF, an empty file, a type not on the list and a missing file, with a message on the field', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    const cases: [File | null, string][] = [
      [upload(new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'Nghị quyết.pdf', 'application/pdf'), 'agenda.documents.errors.mismatch'],
      [upload(samplePng(), 'ảnh.pdf', 'application/pdf'), 'agenda.documents.errors.mismatch'],
      [upload(new Uint8Array(), 'rong.pdf', 'application/pdf'), 'agenda.documents.errors.empty'],
      [upload(new TextEncoder().encode('#!/bin/sh\nrm -rf /'), 'chay.sh'), 'agenda.documents.errors.notAllowed'],
      [upload(new TextEncoder().encode('<svg onload="alert(1)"/>'), 'logo.svg', 'image/svg+xml'), 'agenda.documents.errors.notAllowed'],
      [new File([], '', { type: 'application/octet-stream' }), 'agenda.documents.errors.required'],
    ];
    for (const [file, message] of cases) {
      const state = await uploadMeetingDocument(initialActionState, uploadForm({ meetingId }, file!));
      expect(state, message).toMatchObject({ ok: false, message, fieldErrors: { file: message } });
    }
    const noFile = await uploadMeetingDocument(initialActionState, form({ meetingId }));
    expect(noFile).toMatchObject({ ok: false, fieldErrors: { file: 'validation.required' } });
    expect(await getDb().select({ id: meetingDocuments.id }).from(meetingDocuments).where(eq(meetingDocuments.meetingId, meetingId))).toEqual([]);
  });

  it('refuses a file over 50 MB with a clear message', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.7'));
    const state = await uploadMeetingDocument(initialActionState, uploadForm({ meetingId }, upload(big, 'lon.pdf')));
    expect(state).toMatchObject({ ok: false, fieldErrors: { file: 'agenda.documents.errors.tooLarge' } });
  });

  it('lets a preparer remove a document (audited), and nobody else upload or remove', async () => {
    current.viewer = await viewerFor('clerk@quorum.local');
    const meetingId = await createDistrictMeeting();
    await uploadMeetingDocument(initialActionState, uploadForm({ meetingId }, upload(await samplePdf(1), 'Giấy mời.pdf')));
    const [doc] = await getDb().select({ id: meetingDocuments.id }).from(meetingDocuments).where(eq(meetingDocuments.meetingId, meetingId));

    current.viewer = await viewerFor('member@quorum.local');
    expect(await removeMeetingDocument(initialActionState, form({ meetingId, documentId: doc!.id }))).toMatchObject({
      ok: false,
      message: 'errors.NOT_FOUND',
    });
    expect(
      await uploadMeetingDocument(initialActionState, uploadForm({ meetingId }, upload(await samplePdf(1), 'x.pdf'))),
    ).toMatchObject({ ok: false, message: 'errors.NOT_FOUND' });

    current.viewer = await viewerFor('secretary@quorum.local');
    expect(await removeMeetingDocument(initialActionState, form({ meetingId, documentId: doc!.id }))).toMatchObject({ ok: true });
    expect(await lastAudit('meeting.document.remove')).toMatchObject({ entityId: doc!.id, details: { fileName: 'Giấy mời.pdf' } });
    expect(await removeMeetingDocument(initialActionState, form({ meetingId, documentId: doc!.id }))).toMatchObject({
      ok: false,
      message: 'agenda.documents.errors.gone',
    });
  });
});
