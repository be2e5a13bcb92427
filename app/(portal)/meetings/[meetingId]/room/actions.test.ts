import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { attendance, meetings, speakerRequests } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { liveSnapshot } from '@/lib/meetings/live';
import { type LiveFixture, liveMeeting } from '@/lib/meetings/room-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import roomVi from '@/lib/i18n/messages/vi/room.json';
import validationVi from '@/lib/i18n/messages/vi/validation.json';
import { checkIn, endSpeech, giveFloor, markAttendance, moveAgenda, requestToSpeak, withdrawRequest } from './actions';

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

let live: LiveFixture;
let member: Viewer;
let chair: Viewer;
let deputy: Viewer;
let districtSecretary: Viewer;
let districtClerk: Viewer;
let guest: Viewer;

const as = (viewer: Viewer) => {
  request.viewer = viewer;
};

async function markOf(meetingId: string, userId: string) {
  const [row] = await getDb()
    .select({ status: attendance.status, reason: attendance.reason, markedBy: attendance.markedBy })
    .from(attendance)
    .where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId)));
  return row;
}

async function snapshot(viewer: Viewer, meetingId: string) {
  const access = await meetingAccess(getDb(), viewer, meetingId);
  return (await liveSnapshot(getDb(), viewer.id, access!))!;
}

beforeAll(async () => {
  live = await liveMeeting();
  member = await viewerFor('member@quorum.local');
  chair = await viewerFor(live.chairEmail);
  deputy = await viewerFor(live.deputyEmail);
  districtSecretary = await viewerFor('secretary@quorum.local');
  districtClerk = await viewerFor('clerk@quorum.local');
  guest = await viewerFor(live.guestEmail);
});

describe('check-in', () => {
  it('is refused with a clear message, and nothing written, while the meeting is not in progress', async () => {
    const invited = await liveMeeting({ status: 'invited' });
    as(member);
    const state = await checkIn(initialActionState, form({ meetingId: invited.meetingId, mode: 'present' }));
    expect(state).toMatchObject({ ok: false, message: roomVi.errors.notInProgress });
    expect(await markOf(invited.meetingId, member.id)).toBeUndefined();

    const closed = await liveMeeting({ status: 'closed' });
    expect(await checkIn(initialActionState, form({ meetingId: closed.meetingId, mode: 'online' }))).toMatchObject({
      ok: false,
      message: roomVi.errors.notInProgress,
    });
  });

  it('records the member present or online, audits it, and counts them in the quorum', async () => {
    as(member);
    const before = await snapshot(member, live.meetingId);
    const state = await checkIn(initialActionState, form({ meetingId: live.meetingId, mode: 'present' }));
    expect(state).toMatchObject({ ok: true, message: roomVi.checkIn.done });
    expect(await markOf(live.meetingId, member.id)).toMatchObject({ status: 'present', markedBy: member.id });
    expect(await lastAudit('meeting.attendance.check_in')).toMatchObject({
      actorId: member.id,
      entityType: 'meeting',
      entityId: live.meetingId,
      organizationId: live.organizationId,
      details: { status: 'present', previous: null },
    });
    const after = await snapshot(member, live.meetingId);
    expect(after.state.quorum.present).toBe(before.state.quorum.present + 1);
    expect(after.me.attendance).toBe('present');

    expect(await checkIn(initialActionState, form({ meetingId: live.meetingId, mode: 'online' }))).toMatchObject({ ok: true });
    expect(await markOf(live.meetingId, member.id)).toMatchObject({ status: 'online' });
    expect((await snapshot(member, live.meetingId)).state.quorum.present).toBe(after.state.quorum.present);
  });

  it('lets a guest check in without counting them', async () => {
    as(guest);
    const before = await snapshot(chair, live.meetingId);
    expect(await checkIn(initialActionState, form({ meetingId: live.meetingId, mode: 'present' }))).toMatchObject({ ok: true });
    const after = await snapshot(chair, live.meetingId);
    expect(after.state.quorum).toEqual(before.state.quorum);
    expect(after.state.attendance.guestsPresent).toBe(before.state.attendance.guestsPresent + 1);
  });

  it('answers "not found" to someone who may not see the meeting, and rejects other modes', async () => {
    as(await viewerFor('member@quorum.local'));
    const other = await liveMeeting({ cell: 'Chi bộ thôn Hồng Sơn' });
    expect(await checkIn(initialActionState, form({ meetingId: other.meetingId, mode: 'present' }))).toMatchObject({
      ok: false,
      message: errorsVi.NOT_FOUND,
    });
    const late = await checkIn(initialActionState, form({ meetingId: live.meetingId, mode: 'late' }));
    expect(late).toMatchObject({ ok: false, fieldErrors: { mode: validationVi.choose_one } });
  });

  it('is refused to someone who sees the meeting but is not on the list (the district secretary overseeing)', async () => {
    as(districtSecretary);
    expect(await checkIn(initialActionState, form({ meetingId: live.meetingId, mode: 'present' }))).toMatchObject({
      ok: false,
      message: roomVi.errors.notParticipant,
    });
  });
});

describe('attendance marking', () => {
  it('lets the cell leadership mark anyone, needs a reason for an excused absence, and audits without the reason', async () => {
    const absent = live.seats.find((s) => s.status === 'active' && s.email !== member.email && s.email !== live.chairEmail)!;
    as(deputy);
    const noReason = await markAttendance(
      initialActionState,
      form({ meetingId: live.meetingId, userId: absent.userId, status: 'excused_absent', reason: '  ' }),
    );
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: validationVi.required } });
    expect(await markOf(live.meetingId, absent.userId)).toBeUndefined();

    const saved = await markAttendance(
      initialActionState,
      form({ meetingId: live.meetingId, userId: absent.userId, status: 'excused_absent', reason: 'Đi công tác' }),
    );
    expect(saved).toMatchObject({ ok: true, message: roomVi.mark.saved });
    expect(await markOf(live.meetingId, absent.userId)).toMatchObject({ status: 'excused_absent', reason: 'Đi công tác', markedBy: deputy.id });
    const audit = await lastAudit('meeting.attendance.mark');
    expect(audit).toMatchObject({ actorId: deputy.id, details: { userId: absent.userId, status: 'excused_absent', reasonGiven: true } });
    expect(JSON.stringify(audit)).not.toContain('Đi công tác');

    as(chair);
    expect(
      await markAttendance(initialActionState, form({ meetingId: live.meetingId, userId: absent.userId, status: 'late' })),
    ).toMatchObject({ ok: true });
    expect(await markOf(live.meetingId, absent.userId)).toMatchObject({ status: 'late', reason: null });
  });

  it('refuses members and overseers, and people not expected at the meeting', async () => {
    const someone = live.seats.find((s) => s.email !== member.email)!;
    for (const viewer of [member, districtClerk, districtSecretary]) {
      as(viewer);
      const state = await markAttendance(
        initialActionState,
        form({ meetingId: live.meetingId, userId: someone.userId, status: 'unexcused_absent' }),
      );
      expect(state).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    }
    as(deputy);
    const stranger = await markAttendance(
      initialActionState,
      form({ meetingId: live.meetingId, userId: districtClerk.id, status: 'present' }),
    );
    expect(stranger).toMatchObject({ ok: false, fieldErrors: { userId: errorsVi.NOT_FOUND } });
  });
});

describe('chair controls', () => {
  it('are refused to members and to overseers who do not run the meeting', async () => {
    for (const viewer of [member, districtSecretary, districtClerk, guest]) {
      as(viewer);
      for (const [action, fields] of [
        [moveAgenda, { direction: 'next' }],
        [giveFloor, {}],
        [endSpeech, {}],
      ] as const) {
        const state = await action(initialActionState, form({ meetingId: live.meetingId, ...fields }));
        expect(state).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
      }
    }
    const [row] = await getDb().select({ current: meetings.currentAgendaItemId }).from(meetings).where(eq(meetings.id, live.meetingId));
    expect(row!.current).toBeNull();
  });

  it('move through the agenda, restarting the item timer, and refuse a stale move', async () => {
    as(chair);
    expect(await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'previous' }))).toMatchObject({
      ok: false,
      message: roomVi.errors.noPreviousItem,
    });
    expect(await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'next', from: '' }))).toMatchObject({
      ok: true,
      message: roomVi.chair.moved,
    });
    let state = (await snapshot(member, live.meetingId)).state;
    expect(state.current).toMatchObject({ id: live.items[0], title: 'Báo cáo kết quả tháng' });
    const firstStarted = state.currentStartedAt;
    expect(firstStarted).toBeTruthy();

    // A second tap made from the same screen (it still showed "no item") is refused, not a skip.
    expect(await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'next', from: '' }))).toMatchObject({
      ok: false,
      message: roomVi.errors.agendaMoved,
    });

    await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'next', from: live.items[0]! }));
    await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'next' }));
    state = (await snapshot(member, live.meetingId)).state;
    expect(state.current?.id).toBe(live.items[2]);
    expect(new Date(state.currentStartedAt!).getTime()).toBeGreaterThanOrEqual(new Date(firstStarted!).getTime());
    expect(await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'next' }))).toMatchObject({
      ok: false,
      message: roomVi.errors.noNextItem,
    });

    // The deputy secretary approves meetings of the cell, so may run it too.
    as(deputy);
    expect(await moveAgenda(initialActionState, form({ meetingId: live.meetingId, direction: 'previous' }))).toMatchObject({ ok: true });
    expect((await snapshot(member, live.meetingId)).state.current?.id).toBe(live.items[1]);
    expect(await lastAudit('meeting.live.agenda_move')).toMatchObject({
      actorId: deputy.id,
      details: { direction: 'previous', from: live.items[2], to: live.items[1] },
    });

    // A guest does not see the item hidden from guests, only that something is being discussed.
    const guestView = (await snapshot(guest, live.meetingId)).state;
    expect(guestView.current).toBeNull();
    expect(guestView.currentHidden).toBe(true);
    expect(guestView.agenda.map((i) => i.id)).toEqual([live.items[0], live.items[2]]);
  });

  it('are refused while the meeting is not in progress', async () => {
    const invited = await liveMeeting({ status: 'invited' });
    as(chair);
    expect(await moveAgenda(initialActionState, form({ meetingId: invited.meetingId, direction: 'next' }))).toMatchObject({
      ok: false,
      message: roomVi.errors.notInProgress,
    });
  });
});

describe('speaker queue', () => {
  it('keeps the order of asking, one open request per member, and one speaker at a time', async () => {
    const room = await liveMeeting({ cell: 'Chi bộ thôn Tân Lang' });
    const roomChair = await viewerFor(room.chairEmail);
    const speakers = await Promise.all(
      room.seats
        .filter((s) => s.status === 'active' && s.email !== room.chairEmail)
        .slice(0, 3)
        .map((s) => viewerFor(s.email)),
    );
    const [first, second, third] = speakers as [Viewer, Viewer, Viewer];

    as(roomChair);
    expect(await giveFloor(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({
      ok: false,
      message: roomVi.errors.queueEmpty,
    });

    for (const viewer of [first, second, third]) {
      as(viewer);
      expect(await requestToSpeak(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({
        ok: true,
        message: roomVi.speakers.asked,
      });
    }
    as(second);
    expect(await requestToSpeak(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({
      ok: false,
      message: roomVi.errors.alreadyRequested,
    });

    let view = await snapshot(third, room.meetingId);
    expect(view.state.speakers.map((s) => s.userId)).toEqual([first.id, second.id, third.id]);
    expect(view.me.speakerRequest).toMatchObject({ status: 'waiting', position: 3 });

    // The second withdraws; asking again puts them at the end.
    as(second);
    expect(await withdrawRequest(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({ ok: true });
    expect(await withdrawRequest(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({
      ok: false,
      message: roomVi.errors.noOpenRequest,
    });
    await requestToSpeak(initialActionState, form({ meetingId: room.meetingId }));

    as(roomChair);
    expect(await giveFloor(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({ ok: true });
    view = await snapshot(first, room.meetingId);
    expect(view.state.speakers.map((s) => [s.userId, s.status])).toEqual([
      [first.id, 'speaking'],
      [third.id, 'waiting'],
      [second.id, 'waiting'],
    ]);
    expect(view.state.speakers[0]!.startedAt).toBeTruthy();
    expect(view.me.speakerRequest).toMatchObject({ status: 'speaking' });

    // Giving the floor again ends the current speech first: never two speakers.
    await giveFloor(initialActionState, form({ meetingId: room.meetingId }));
    const rows = await getDb()
      .select({ userId: speakerRequests.userId, status: speakerRequests.status })
      .from(speakerRequests)
      .where(eq(speakerRequests.meetingId, room.meetingId));
    expect(rows.filter((r) => r.status === 'speaking').map((r) => r.userId)).toEqual([third.id]);
    expect(rows.find((r) => r.userId === first.id)?.status).toBe('done');

    // A speaker cannot withdraw; the chair ends the speech.
    as(third);
    expect(await withdrawRequest(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({ ok: false });
    as(roomChair);
    expect(await endSpeech(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({
      ok: true,
      message: roomVi.chair.speechEnded,
    });
    expect(await endSpeech(initialActionState, form({ meetingId: room.meetingId }))).toMatchObject({
      ok: false,
      message: roomVi.errors.nobodySpeaking,
    });
    expect(await lastAudit('meeting.speaker.end')).toMatchObject({ actorId: roomChair.id, entityId: room.meetingId });

    // Two chair taps at once: the meeting row lock makes them take turns.
    const results = await Promise.all([
      giveFloor(initialActionState, form({ meetingId: room.meetingId })),
      giveFloor(initialActionState, form({ meetingId: room.meetingId })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const speaking = await getDb()
      .select({ userId: speakerRequests.userId })
      .from(speakerRequests)
      .where(and(eq(speakerRequests.meetingId, room.meetingId), eq(speakerRequests.status, 'speaking')));
    expect(speaking.map((r) => r.userId)).toEqual([second.id]);
  });
});
