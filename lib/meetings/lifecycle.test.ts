import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodySeats, invitations, meetings, notifications } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import { lastAudit, viewerFor } from '@/lib/test/fixtures';
import { addGuest, removeGuest, replyToInvitation } from './invitations';
import {
  cancelMeeting,
  closeMeeting,
  createMeeting,
  openMeeting,
  rescheduleMeeting,
  sendInvitations,
  updateMeeting,
} from './lifecycle';
import { asViewer, demoBody } from './test-helpers';
import { fromVietnamTime } from './time';

let secretary: Viewer;
let deputy: Viewer;
let clerk: Viewer;
let member: Viewer;
let admin: Viewer;
let executive: Awaited<ReturnType<typeof demoBody>>;

beforeAll(async () => {
  secretary = await viewerFor('secretary@quorum.local');
  deputy = await viewerFor('deputy@quorum.local');
  clerk = await viewerFor('clerk@quorum.local');
  member = await viewerFor('member@quorum.local');
  admin = await viewerFor('admin@quorum.local');
  executive = await demoBody('Huyện ủy Kim Bảng', 'executive_committee');
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let day = 1;
/** A new draft meeting of the district executive committee, each on its own day. */
async function draft(viewer: Viewer = clerk) {
  const date = `2027-01-${String(day++).padStart(2, '0')}`;
  return (
    await asViewer(viewer, (ctx) =>
      createMeeting(ctx, {
        bodyId: executive.id,
        kind: 'regular',
        title: 'Hội nghị Ban Chấp hành thường kỳ',
        date,
        startTime: '08:00',
        endTime: '11:00',
        startsAt: fromVietnamTime(date, '08:00')!,
        endsAt: fromVietnamTime(date, '11:00')!,
        location: 'Hội trường Huyện ủy',
        onlineUrl: null,
        chairId: secretary.id,
        minuteTakerId: deputy.id,
      }),
    )
  ).meetingId;
}

const statusOf = async (id: string) =>
  (await getDb().select({ status: meetings.status }).from(meetings).where(eq(meetings.id, id)))[0]?.status;

describe('meeting lifecycle', () => {
  it('creates a draft for preparers only, stored in UTC from Vietnam time, audited', async () => {
    const id = await draft(clerk);
    const [row] = await getDb().select().from(meetings).where(eq(meetings.id, id));
    expect(row).toMatchObject({ status: 'draft', createdBy: clerk.id, chairId: secretary.id });
    expect(row!.startsAt.toISOString()).toMatch(/T01:00:00.000Z$/);
    expect(await lastAudit('meeting.create')).toMatchObject({ actorId: clerk.id, entityId: id, organizationId: executive.organizationId });

    for (const viewer of [member, admin]) {
      const error = await refusal(draft(viewer));
      expect(error.options).toMatchObject({ field: 'bodyId', messageKey: 'meetings.errors.bodyNotAllowed' });
    }
  });

  it('refuses a chair who does not hold a seat on the body', async () => {
    const date = '2027-02-01';
    const error = await refusal(
      asViewer(clerk, (ctx) =>
        createMeeting(ctx, {
          bodyId: executive.id,
          kind: 'extraordinary',
          title: 'Họp bất thường',
          date,
          startTime: '08:00',
          endTime: '09:00',
          startsAt: fromVietnamTime(date, '08:00')!,
          endsAt: fromVietnamTime(date, '09:00')!,
          location: 'Phòng họp',
          onlineUrl: null,
          chairId: member.id,
          minuteTakerId: deputy.id,
        }),
      ),
    );
    expect(error.options).toMatchObject({ field: 'chairId', messageKey: 'meetings.errors.notSeatHolder' });
  });

  it('refuses an overlapping meeting of the same body with a message on the start time', async () => {
    const date = '2027-03-01';
    const input = (start: string, end: string) => ({
      bodyId: executive.id,
      kind: 'thematic' as const,
      title: 'Chuyên đề',
      date,
      startTime: start,
      endTime: end,
      startsAt: fromVietnamTime(date, start)!,
      endsAt: fromVietnamTime(date, end)!,
      location: 'Hội trường',
      onlineUrl: null,
      chairId: secretary.id,
      minuteTakerId: deputy.id,
    });
    await asViewer(clerk, (ctx) => createMeeting(ctx, input('08:00', '10:00')));
    const error = await refusal(asViewer(clerk, (ctx) => createMeeting(ctx, input('09:30', '11:00'))));
    expect(error).toMatchObject({ code: 'CONFLICT', options: { field: 'startsAt', messageKey: 'meetings.errors.overlap' } });
    await asViewer(clerk, (ctx) => createMeeting(ctx, input('10:00', '11:00'))); // touching is fine

    const other = await draft();
    const moved = await refusal(
      asViewer(clerk, (ctx) =>
        rescheduleMeeting(ctx, {
          meetingId: other,
          date,
          startTime: '08:30',
          endTime: '09:00',
          startsAt: fromVietnamTime(date, '08:30')!,
          endsAt: fromVietnamTime(date, '09:00')!,
          reason: null,
        }),
      ),
    );
    expect(moved.options.messageKey).toBe('meetings.errors.overlap');
  });

  it('sends invitations (approvers only) to every seat but transferred, suspended and detained ones, keeping guests', async () => {
    const id = await draft();
    const [suspended, detained] = executive.seats.filter((s) => s.status === 'active' && ![secretary.id, deputy.id].includes(s.userId));
    await getDb().update(bodySeats).set({ status: 'suspended' }).where(and(eq(bodySeats.bodyId, executive.id), eq(bodySeats.userId, suspended!.userId)));
    await getDb().update(bodySeats).set({ status: 'detained' }).where(and(eq(bodySeats.bodyId, executive.id), eq(bodySeats.userId, detained!.userId)));
    const transferred = executive.seats.find((s) => s.status === 'temporarily_transferred')!;

    await asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'MEMBER@quorum.local' }));
    expect(await lastAudit('meeting.guest.add')).toMatchObject({ entityId: id, details: { userId: member.id, notified: false } });
    const seatError = await refusal(asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'deputy@quorum.local' })));
    expect(seatError.options.messageKey).toBe('meetings.errors.guestIsSeatHolder');
    const unknown = await refusal(asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'nobody@quorum.local' })));
    expect(unknown.options).toMatchObject({ field: 'email', messageKey: 'meetings.errors.guestNotFound' });

    // The clerk prepares but does not approve; the member only sees the meeting as a guest.
    for (const viewer of [clerk, member]) expect((await refusal(asViewer(viewer, (ctx) => sendInvitations(ctx, id)))).code).toBe('NOT_FOUND');

    const { invited } = await asViewer(deputy, (ctx) => sendInvitations(ctx, id));
    const rows = await getDb().select().from(invitations).where(eq(invitations.meetingId, id));
    const invitedIds = new Set(rows.map((r) => r.userId));
    expect(invited).toBe(executive.seats.length - 3 + 1);
    expect(invitedIds.has(suspended!.userId)).toBe(false);
    expect(invitedIds.has(detained!.userId)).toBe(false);
    expect(invitedIds.has(transferred.userId)).toBe(false);
    expect(rows.find((r) => r.userId === member.id)).toMatchObject({ isGuest: true, response: 'pending' });
    expect(rows.every((r) => r.notifiedAt)).toBe(true);
    expect(await statusOf(id)).toBe('invited');
    expect(await lastAudit('meeting.invite')).toMatchObject({ actorId: deputy.id, entityId: id, details: { invited, guests: 1 } });

    const notes = await getDb().select().from(notifications).where(eq(notifications.userId, member.id));
    expect(notes.some((n) => n.kind === 'meeting.invited' && n.link === `/meetings/${id}` && n.title.includes('Hội nghị'))).toBe(true);

    const again = await refusal(asViewer(secretary, (ctx) => sendInvitations(ctx, id)));
    expect(again).toMatchObject({ code: 'CONFLICT', options: { messageKey: 'meetings.errors.notDraft' } });

    await getDb().update(bodySeats).set({ status: 'active' }).where(eq(bodySeats.bodyId, executive.id));
    await getDb()
      .update(bodySeats)
      .set({ status: 'temporarily_transferred' })
      .where(and(eq(bodySeats.bodyId, executive.id), eq(bodySeats.userId, transferred.userId)));
  });

  it('lets invitees reply (reason for excused), opens and closes for chair or approver only, then refuses replies', async () => {
    const id = await draft();
    await asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'member@quorum.local' }));
    // A guest cannot see (so cannot answer) a draft before the invitations go out.
    const early = await refusal(asViewer(member, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'attending', reason: null })));
    expect(early.code).toBe('NOT_FOUND');
    const notOpen = await refusal(asViewer(secretary, (ctx) => openMeeting(ctx, id)));
    expect(notOpen.options.messageKey).toBe('meetings.errors.notOpenable');

    await asViewer(secretary, (ctx) => sendInvitations(ctx, id));
    await asViewer(member, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'excused', reason: 'Đi công tác' }));
    const [reply] = await getDb()
      .select()
      .from(invitations)
      .where(and(eq(invitations.meetingId, id), eq(invitations.userId, member.id)));
    expect(reply).toMatchObject({ response: 'excused', reason: 'Đi công tác' });
    const audit = await lastAudit('meeting.reply');
    expect(audit).toMatchObject({ actorId: member.id, entityId: id, details: { response: 'excused', guest: true } });
    expect(JSON.stringify(audit)).not.toContain('công tác');
    // The clerk is not invited to this meeting.
    expect((await refusal(asViewer(clerk, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'attending', reason: null })))).code).toBe(
      'NOT_FOUND',
    );

    for (const viewer of [clerk, member]) expect((await refusal(asViewer(viewer, (ctx) => openMeeting(ctx, id)))).code).toBe('NOT_FOUND');
    await asViewer(secretary, (ctx) => openMeeting(ctx, id)); // the chair
    expect(await statusOf(id)).toBe('in_progress');
    expect(await lastAudit('meeting.open')).toMatchObject({ actorId: secretary.id, entityId: id });
    expect((await refusal(asViewer(secretary, (ctx) => cancelMeeting(ctx, { meetingId: id, reason: 'x' })))).options.messageKey).toBe(
      'meetings.errors.notCancellable',
    );

    await asViewer(member, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'attending', reason: null }));
    expect((await refusal(asViewer(clerk, (ctx) => closeMeeting(ctx, id)))).code).toBe('NOT_FOUND');
    await asViewer(deputy, (ctx) => closeMeeting(ctx, id)); // an approver who is not the chair
    expect(await statusOf(id)).toBe('closed');
    expect(await lastAudit('meeting.close')).toMatchObject({ actorId: deputy.id });
    expect((await refusal(asViewer(deputy, (ctx) => closeMeeting(ctx, id)))).options.messageKey).toBe('meetings.errors.notClosable');

    const late = await refusal(asViewer(member, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'excused', reason: 'Ốm' })));
    expect(late).toMatchObject({ code: 'CONFLICT', options: { messageKey: 'meetings.errors.replyClosed' } });
    const [unchanged] = await getDb()
      .select({ response: invitations.response })
      .from(invitations)
      .where(and(eq(invitations.meetingId, id), eq(invitations.userId, member.id)));
    expect(unchanged?.response).toBe('attending');
    expect((await refusal(asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'admin@quorum.local' })))).options.messageKey).toBe(
      'meetings.errors.guestsLocked',
    );
  });

  it('cancels with a reason (approvers only), notifying invitees, and frees the slot', async () => {
    const id = await draft();
    await asViewer(secretary, (ctx) => sendInvitations(ctx, id));
    expect((await refusal(asViewer(clerk, (ctx) => cancelMeeting(ctx, { meetingId: id, reason: 'Trùng lịch' })))).code).toBe('NOT_FOUND');
    await asViewer(secretary, (ctx) => cancelMeeting(ctx, { meetingId: id, reason: 'Trùng lịch tiếp dân' }));
    const [row] = await getDb().select().from(meetings).where(eq(meetings.id, id));
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'Trùng lịch tiếp dân' });
    expect(await lastAudit('meeting.cancel')).toMatchObject({ entityId: id, details: { from: 'invited', reason: 'Trùng lịch tiếp dân' } });
    const [note] = await getDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, deputy.id), eq(notifications.kind, 'meeting.cancelled')));
    expect(note?.body).toContain('Trùng lịch tiếp dân');
    const reply = await refusal(asViewer(deputy, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'attending', reason: null })));
    expect(reply.options.messageKey).toBe('meetings.errors.replyCancelled');
    expect((await refusal(asViewer(secretary, (ctx) => openMeeting(ctx, id)))).options.messageKey).toBe('meetings.errors.notOpenable');
    // The cancelled meeting no longer holds its time.
    const [again] = await getDb().select({ startsAt: meetings.startsAt, endsAt: meetings.endsAt }).from(meetings).where(eq(meetings.id, id));
    await getDb().insert(meetings).values({ ...again!, bodyId: executive.id, organizationId: executive.organizationId, kind: 'regular', title: 'Thay thế' });
  });

  it('reschedules (preparers), resetting replies and notifying invitees; edits details', async () => {
    const id = await draft();
    await asViewer(secretary, (ctx) => sendInvitations(ctx, id));
    await asViewer(deputy, (ctx) => replyToInvitation(ctx, { meetingId: id, response: 'attending', reason: null }));
    const date = '2027-04-15';
    const input = {
      meetingId: id,
      date,
      startTime: '14:00',
      endTime: '16:00',
      startsAt: fromVietnamTime(date, '14:00')!,
      endsAt: fromVietnamTime(date, '16:00')!,
      reason: 'Trùng lịch họp tỉnh',
    };
    expect((await refusal(asViewer(member, (ctx) => rescheduleMeeting(ctx, input)))).code).toBe('NOT_FOUND');
    await asViewer(clerk, (ctx) => rescheduleMeeting(ctx, input));
    const [row] = await getDb().select().from(meetings).where(eq(meetings.id, id));
    expect(row!.startsAt.toISOString()).toBe('2027-04-15T07:00:00.000Z');
    const [reply] = await getDb()
      .select({ response: invitations.response })
      .from(invitations)
      .where(and(eq(invitations.meetingId, id), eq(invitations.userId, deputy.id)));
    expect(reply?.response).toBe('pending');
    const [note] = await getDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, deputy.id), eq(notifications.kind, 'meeting.rescheduled')));
    expect(note?.body).toContain('15/04/2027');
    expect(note?.body).toContain('Trùng lịch họp tỉnh');
    expect(await lastAudit('meeting.reschedule')).toMatchObject({ actorId: clerk.id, entityId: id, details: { to: '2027-04-15T07:00:00.000Z' } });

    await asViewer(clerk, (ctx) =>
      updateMeeting(ctx, {
        meetingId: id,
        kind: 'thematic',
        title: 'Chuyên đề học tập',
        location: null,
        onlineUrl: 'https://hop.example.vn/abc',
        chairId: deputy.id,
        minuteTakerId: secretary.id,
      }),
    );
    expect(await lastAudit('meeting.update')).toMatchObject({ details: { changed: ['kind', 'title', 'location', 'onlineUrl', 'chairId', 'minuteTakerId'] } });
    const updated = await getDb().select().from(notifications).where(and(eq(notifications.userId, secretary.id), eq(notifications.kind, 'meeting.updated')));
    expect(updated[0]?.body).toContain('https://hop.example.vn/abc');
  });

  it('removes a guest only while the meeting has not started', async () => {
    const id = await draft();
    await asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'member@quorum.local' }));
    const dup = await refusal(asViewer(clerk, (ctx) => addGuest(ctx, { meetingId: id, email: 'member@quorum.local' })));
    expect(dup.options.messageKey).toBe('meetings.errors.guestAlreadyInvited');
    expect((await refusal(asViewer(member, (ctx) => removeGuest(ctx, { meetingId: id, userId: member.id })))).code).toBe('NOT_FOUND');
    await asViewer(clerk, (ctx) => removeGuest(ctx, { meetingId: id, userId: member.id }));
    expect(await getDb().select().from(invitations).where(eq(invitations.meetingId, id))).toEqual([]);
    expect(await lastAudit('meeting.guest.remove')).toMatchObject({ entityId: id, details: { userId: member.id } });
  });
});
