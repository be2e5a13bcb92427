import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { listMinutes } from '@/lib/meetings/minutes';
import { cellBody, insertMeeting } from '@/lib/meetings/test-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import minutesVi from '@/lib/i18n/messages/vi/minutes.json';
import { GET as downloadMinutes } from '@/app/api/meetings/[meetingId]/minutes/[version]/route';
import { approveMinutes, correctMinutes, generateMinutes, saveMinutes } from './actions';

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
    getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }),
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

process.env.QUORUM_DATA_DIR = await mkdtemp(path.join(tmpdir(), 'quorum-minutes-actions-'));
resetEnvCache();
afterAll(() => rm(process.env.QUORUM_DATA_DIR!, { recursive: true, force: true }));

let chair: Viewer;
let deputy: Viewer;
let member: Viewer;
let other: Viewer;
let admin: Viewer;
let meetingId: string;

beforeAll(async () => {
  const cell = await cellBody('Chi bộ thôn Đồng Tâm');
  chair = await viewerFor(cell.secretaryEmail);
  deputy = await viewerFor(cell.deputyEmail);
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
  const plain = cell.seats.find((s) => s.status === 'active' && ![chair.id, deputy.id, member.id].includes(s.userId))!;
  other = await viewerFor(plain.email);
  meetingId = await insertMeeting({ cell, startsAt: new Date('2026-03-05T12:30:00Z'), chairId: chair.id, minuteTakerId: member.id });
});

const download = (version: number | string) =>
  downloadMinutes(new Request(`http://localhost/api/meetings/${meetingId}/minutes/${version}`), {
    params: Promise.resolve({ meetingId, version: String(version) }),
  });

describe('minutes actions', () => {
  it('walk through draft → two editors → double approval → download → correction, audited', async () => {
    // Only the minute-taker or a preparer drafts; others learn nothing.
    for (const viewer of [other, admin]) {
      request.viewer = viewer;
      expect(await generateMinutes(initialActionState, form({ meetingId }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    }
    request.viewer = member;
    expect(await generateMinutes(initialActionState, form({ meetingId }))).toMatchObject({ ok: true, message: minutesVi.generate.done });
    expect(await lastAudit('meeting.minutes.generate')).toMatchObject({ actorId: member.id, entityType: 'minutes', details: { meetingId, version: 1 } });

    // Two editors opened lockVersion 0: the second save is refused with the conflict message.
    const saved = await saveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '0', body: 'Bản thứ nhất' }));
    expect(saved).toMatchObject({ ok: true, message: minutesVi.edit.saved, data: { lockVersion: '1' } });
    request.viewer = chair; // the cell secretary prepares meetings, so may edit too
    const stale = await saveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '0', body: 'Bản thứ hai' }));
    expect(stale).toMatchObject({ ok: false, message: minutesVi.errors.stale, values: { body: 'Bản thứ hai', lockVersion: '0' } });
    request.viewer = other;
    expect(await saveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '1', body: 'Bản thứ ba' }))).toMatchObject({
      ok: false,
      message: errorsVi.NOT_FOUND,
    });
    request.viewer = member;
    expect((await listMinutes(getDb(), meetingId))[0]!.body).toBe('Bản thứ nhất');
    const empty = await saveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '1', body: '  ' }));
    expect(empty.ok).toBe(false);
    expect(empty.fieldErrors?.body).toBeTruthy();

    // No PDF before approval.
    request.viewer = member;
    expect((await download(1)).status).toBe(404);

    request.viewer = deputy;
    expect(await approveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '1', capacity: 'chair' }))).toMatchObject({
      ok: false,
      message: errorsVi.NOT_FOUND,
    });
    expect(await approveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '1', capacity: 'secretary' }))).toMatchObject({
      ok: true,
      data: { completed: 'false' },
    });
    request.viewer = chair;
    expect(await approveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '2', capacity: 'chair' }))).toMatchObject({
      ok: true,
      data: { completed: 'true' },
    });
    const approved = await lastAudit('meeting.minutes.approved');
    expect(approved).toMatchObject({ actorId: chair.id, details: { meetingId, version: 1, meetingStatus: 'minutes_approved' } });

    request.viewer = member;
    expect(await saveMinutes(initialActionState, form({ meetingId, version: '1', lockVersion: '3', body: 'Sửa sau khi duyệt' }))).toMatchObject({
      ok: false,
      message: minutesVi.errors.approved,
    });

    // The archived PDF: to members of the body; headers for a safe download.
    request.viewer = other;
    const response = await download(1);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="Bien ban - .*\.pdf"; filename\*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n/);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await lastAudit('meeting.minutes.download')).toMatchObject({ actorId: other.id, details: { version: 1 } });
    expect((await download(2)).status).toBe(404);
    expect((await download('x')).status).toBe(404);
    request.viewer = admin;
    expect((await download(1)).status).toBe(404);
    request.viewer = null;
    expect((await download(1)).status).toBe(401);

    // Correction: a reason is required; then version 2 is a draft again.
    request.viewer = member;
    const noReason = await correctMinutes(initialActionState, form({ meetingId, reason: '' }));
    expect(noReason.fieldErrors?.reason).toBeTruthy();
    expect(await correctMinutes(initialActionState, form({ meetingId, reason: 'Ghi nhầm giờ kết thúc' }))).toMatchObject({
      ok: true,
      message: minutesVi.correct.done,
    });
    expect(await lastAudit('meeting.minutes.correct')).toMatchObject({ details: { version: 2, reason: 'Ghi nhầm giờ kết thúc' } });
    const [v2, v1] = await listMinutes(getDb(), meetingId);
    expect(v2).toMatchObject({ version: 2, status: 'draft', body: 'Bản thứ nhất' });
    expect(v1!.status).toBe('approved');
  });
});
