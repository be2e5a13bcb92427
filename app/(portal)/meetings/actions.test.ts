import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { invitations, meetings, notifications } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import { demoBody, roleHolderEmail } from '@/lib/meetings/test-helpers';
import meetingsVi from '@/lib/i18n/messages/vi/meetings.json';
import notificationsVi from '@/lib/i18n/messages/vi/notifications.json';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import validationVi from '@/lib/i18n/messages/vi/validation.json';
import { createMeeting } from './actions';
import {
  addGuest,
  cancelMeeting,
  closeMeeting,
  openMeeting,
  removeGuest,
  replyToMeeting,
  rescheduleMeeting,
  sendInvitations,
  updateMeeting,
} from './[meetingId]/actions';
import { markAllRead } from '../notifications/actions';

// The actions run as in a request: the signed-in viewer and the translations are the only stand-ins.
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
  return { getTranslations: async () => createTranslator({ locale: 'vi', messages }) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

let secretary: Viewer;
let deputy: Viewer;
let clerk: Viewer;
let member: Viewer;
let admin: Viewer;
let bodyId: string;

beforeAll(async () => {
  secretary = await viewerFor('secretary@quorum.local');
  deputy = await viewerFor('deputy@quorum.local');
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
  bodyId = (await demoBody('Huyện ủy Kim Bảng', 'standing_committee')).id;
});

const as = (viewer: Viewer) => {
  request.viewer = viewer;
};

let day = 1;
const newMeeting = (overrides: Record<string, string> = {}) =>
  form({
    bodyId,
    kind: 'regular',
    title: 'Hội nghị Ban Thường vụ',
    date: `2027-05-${String(day++).padStart(2, '0')}`,
    startTime: '08:00',
    endTime: '10:30',
    location: 'Phòng họp số 1',
    onlineUrl: '',
    chairId: secretary.id,
    minuteTakerId: deputy.id,
    ...overrides,
  });

async function prepared() {
  as(clerk);
  const state = await createMeeting(initialActionState, newMeeting());
  expect(state.ok).toBe(true);
  return state.data!.meetingId!;
}

describe('meeting actions', () => {
  it('create: preparers only; fields checked; the draft is audited', async () => {
    as(member);
    expect(await createMeeting(initialActionState, newMeeting())).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    as(admin);
    expect(await createMeeting(initialActionState, newMeeting())).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });

    as(clerk);
    const invalid = await createMeeting(initialActionState, newMeeting({ location: '', onlineUrl: '', endTime: '07:00', title: '' }));
    expect(invalid.fieldErrors).toMatchObject({
      location: validationVi.meeting_place_or_link,
      endTime: validationVi.meeting_end_after_start,
      title: validationVi.required,
    });
    const badUrl = await createMeeting(initialActionState, newMeeting({ onlineUrl: 'javascript:alert(1)' }));
    expect(badUrl.fieldErrors?.onlineUrl).toBe(validationVi.url);

    const state = await createMeeting(initialActionState, newMeeting({ date: '2027-06-01', location: '', onlineUrl: 'https://hop.example.vn/1' }));
    expect(state).toMatchObject({ ok: true, message: meetingsVi.new.created });
    expect(await lastAudit('meeting.create')).toMatchObject({ actorId: clerk.id, entityId: state.data!.meetingId });

    const clash = await createMeeting(initialActionState, newMeeting({ date: '2027-06-01', startTime: '09:00', endTime: '12:00' }));
    expect(clash).toMatchObject({ ok: false, message: meetingsVi.errors.overlap, fieldErrors: { startsAt: meetingsVi.errors.overlap } });
  });

  it('invite, reply, open, close: each for its roles, with clear messages', async () => {
    const meetingId = await prepared();
    as(clerk);
    expect(await addGuest(initialActionState, form({ meetingId, email: 'member@quorum.local' }))).toMatchObject({ ok: true, message: meetingsVi.guests.added });
    expect(await sendInvitations(initialActionState, form({ meetingId }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    as(deputy);
    expect(await sendInvitations(initialActionState, form({ meetingId }))).toMatchObject({ ok: true, message: meetingsVi.lifecycle.invited });
    expect(await lastAudit('meeting.invite')).toMatchObject({ actorId: deputy.id, entityId: meetingId });

    as(member);
    const noReason = await replyToMeeting(initialActionState, form({ meetingId, response: 'excused', reason: '' }));
    expect(noReason.fieldErrors?.reason).toBe(validationVi.reason_required);
    expect(await replyToMeeting(initialActionState, form({ meetingId, response: 'excused', reason: 'Ốm' }))).toMatchObject({
      ok: true,
      message: meetingsVi.reply.saved,
    });
    expect(await openMeeting(initialActionState, form({ meetingId }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });

    as(secretary);
    expect(await openMeeting(initialActionState, form({ meetingId }))).toMatchObject({ ok: true, message: meetingsVi.lifecycle.opened });
    expect(await closeMeeting(initialActionState, form({ meetingId }))).toMatchObject({ ok: true, message: meetingsVi.lifecycle.closed });
    expect(await closeMeeting(initialActionState, form({ meetingId }))).toMatchObject({ ok: false, message: meetingsVi.errors.notClosable });

    as(member);
    expect(await replyToMeeting(initialActionState, form({ meetingId, response: 'attending' }))).toMatchObject({
      ok: false,
      message: meetingsVi.errors.replyClosed,
    });
    const [own] = await getDb()
      .select({ response: invitations.response })
      .from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, member.id)));
    expect(own?.response).toBe('excused');

    // The member reads the invitation among their notifications and marks everything read.
    const unread = await getDb().select().from(notifications).where(eq(notifications.userId, member.id));
    expect(unread.some((n) => n.kind === 'meeting.invited' && !n.readAt)).toBe(true);
    expect(await markAllRead(initialActionState, form({}))).toMatchObject({ ok: true, message: notificationsVi.markedRead });
    const after = await getDb().select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.userId, member.id));
    expect(after.every((n) => n.readAt)).toBe(true);
  });

  it('reschedule, update, guests and cancel: preparers and approvers only', async () => {
    const meetingId = await prepared();
    as(member);
    expect(await rescheduleMeeting(initialActionState, form({ meetingId, date: '2027-07-01', startTime: '08:00', endTime: '09:00' }))).toMatchObject({
      ok: false,
      message: errorsVi.NOT_FOUND,
    });
    as(clerk);
    expect(await rescheduleMeeting(initialActionState, form({ meetingId, date: '2027-07-01', startTime: '08:00', endTime: '09:00', reason: '' }))).toMatchObject({
      ok: true,
      message: meetingsVi.lifecycle.rescheduled,
    });
    const [row] = await getDb().select({ startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, meetingId));
    expect(row!.startsAt.toISOString()).toBe('2027-07-01T01:00:00.000Z');

    const update = await updateMeeting(
      initialActionState,
      form({ meetingId, kind: 'thematic', title: 'Chuyên đề', location: 'Hội trường', onlineUrl: '', chairId: member.id, minuteTakerId: deputy.id }),
    );
    expect(update).toMatchObject({ ok: false, fieldErrors: { chairId: meetingsVi.errors.notSeatHolder } });

    expect(await addGuest(initialActionState, form({ meetingId, email: 'admin@quorum.local' }))).toMatchObject({ ok: true });
    expect(await removeGuest(initialActionState, form({ meetingId, userId: admin.id }))).toMatchObject({ ok: true, message: meetingsVi.guests.removed });

    expect(await cancelMeeting(initialActionState, form({ meetingId, reason: 'Trùng lịch' }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    as(secretary);
    expect((await cancelMeeting(initialActionState, form({ meetingId, reason: ' ' }))).fieldErrors?.reason).toBe(validationVi.reason_required);
    expect(await cancelMeeting(initialActionState, form({ meetingId, reason: 'Trùng lịch' }))).toMatchObject({ ok: true, message: meetingsVi.lifecycle.cancelled });
    expect(await cancelMeeting(initialActionState, form({ meetingId, reason: 'Lần nữa' }))).toMatchObject({ ok: false, message: meetingsVi.errors.notCancellable });
  });

  it('keep meetings hidden ("not found") from leaders of other organisations and from non-invitees', async () => {
    const meetingId = await prepared();
    const otherSecretary = await viewerFor(await roleHolderEmail('Chi bộ thôn Ninh Tào', 'secretary'));
    for (const viewer of [otherSecretary, member]) {
      as(viewer);
      expect(await sendInvitations(initialActionState, form({ meetingId }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
      expect(await replyToMeeting(initialActionState, form({ meetingId, response: 'attending' }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
      expect(await openMeeting(initialActionState, form({ meetingId }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    }
  });
});
