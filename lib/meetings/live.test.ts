import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, bodySeats } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from './access';
import { buildLiveState, liveSnapshot, viewerRole } from './live';
import { liveMeeting, viewerFor } from './room-fixtures';

describe('live meeting snapshot', () => {
  it('counts the quorum over the body with the 24-QĐ/TW §9.3 exclusions, and never counts guests', async () => {
    const live = await liveMeeting({ cell: 'Chi bộ thôn Bãi Giữa' });
    const db = getDb();
    const others = live.seats.filter((s) => s.email !== live.chairEmail && s.email !== live.deputyEmail);
    const [suspended, detained, transferred, exemptedAbsent, exemptedPresent, ...active] = others;
    await db.update(bodySeats).set({ status: 'active' }).where(eq(bodySeats.bodyId, live.bodyId));
    for (const [seat, status] of [
      [suspended, 'suspended'],
      [detained, 'detained'],
      [transferred, 'temporarily_transferred'],
      [exemptedAbsent, 'exempted'],
      [exemptedPresent, 'exempted'],
    ] as const) {
      await db
        .update(bodySeats)
        .set({ status })
        .where(and(eq(bodySeats.bodyId, live.bodyId), eq(bodySeats.userId, seat!.userId)));
    }
    const guest = await viewerFor(live.guestEmail);
    const present = active.slice(0, 5);
    await db.insert(attendance).values([
      ...present.map((s, i) => ({ meetingId: live.meetingId, userId: s.userId, status: (['present', 'online', 'late'] as const)[i % 3]! })),
      { meetingId: live.meetingId, userId: exemptedPresent!.userId, status: 'present' as const },
      { meetingId: live.meetingId, userId: suspended!.userId, status: 'present' as const },
      { meetingId: live.meetingId, userId: active[5]!.userId, status: 'excused_absent' as const, reason: 'Ốm' },
      { meetingId: live.meetingId, userId: active[6]!.userId, status: 'unexcused_absent' as const },
      { meetingId: live.meetingId, userId: guest.id, status: 'present' as const },
    ]);

    const chair = await viewerFor(live.chairEmail);
    const snapshot = (await liveSnapshot(db, chair.id, (await meetingAccess(db, chair, live.meetingId))!))!;
    // Counted: every seat but the suspended, detained, transferred and the exempted member who stayed away.
    const counted = live.seats.length - 4;
    expect(snapshot.state.quorum).toEqual({
      counted,
      present: present.length + 1,
      required: Math.floor(counted / 2) + 1,
      met: present.length + 1 > counted / 2,
    });
    expect(snapshot.state.attendance).toMatchObject({
      present: 4, // two of the five, the exempted member who came, and the suspended one (shown, not counted)
      online: 2,
      late: 1,
      excused_absent: 1,
      unexcused_absent: 1,
      guestsPresent: 1,
      notMarked: live.seats.length - 9,
    });
    expect(snapshot.me).toMatchObject({ userId: chair.id, canRun: true, canMark: true, isGuest: false, attendance: null });
    // Those who mark attendance get the roster, with names, guests flagged, absence reasons.
    const roster = snapshot.state.roster!;
    expect(roster).toHaveLength(live.seats.length + 1);
    expect(roster.find((r) => r.userId === guest.id)).toMatchObject({ isGuest: true, seatStatus: null, attendance: 'present' });
    expect(roster.find((r) => r.userId === active[5]!.userId)).toMatchObject({ attendance: 'excused_absent', reason: 'Ốm' });

    // Members and guests get the counts, not the roster.
    const memberView = await viewerFor(active[0]!.email);
    const memberSnap = (await liveSnapshot(db, memberView.id, (await meetingAccess(db, memberView, live.meetingId))!))!;
    expect(memberSnap.state.roster).toBeNull();
    expect(memberSnap.state.quorum).toEqual(snapshot.state.quorum);
    expect(memberSnap.me).toMatchObject({ attendance: 'present', isParticipant: true, canRun: false, canMark: false });
    const guestAccess = (await meetingAccess(db, guest, live.meetingId))!;
    expect(viewerRole(guest.id, guestAccess)).toMatchObject({ audience: 'guest', isGuest: true, isParticipant: true });
    const guestSnap = (await liveSnapshot(db, guest.id, guestAccess))!;
    expect(guestSnap.state.roster).toBeNull();
    expect(guestSnap.state.agenda.map((i) => i.title)).toEqual(['Báo cáo kết quả tháng', 'Phương hướng tháng tới']);
    expect(guestSnap.me.attendance).toBe('present');

    await db.delete(attendance).where(inArray(attendance.userId, [guest.id]));
  });

  it('builds in the same number of queries whatever the number of participants', async () => {
    const live = await liveMeeting({ cell: 'Chi bộ Trường THCS Thanh Sơn' });
    let queries = 0;
    const db = getDb();
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'select') {
          return (...args: unknown[]) => {
            queries++;
            return (target.select as (...a: unknown[]) => unknown)(...args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    await buildLiveState(counting, live.meetingId, 'staff');
    const small = queries;
    await db.insert(attendance).values(live.seats.map((s) => ({ meetingId: live.meetingId, userId: s.userId, status: 'present' as const })));
    queries = 0;
    const build = await buildLiveState(counting, live.meetingId, 'staff');
    expect(queries).toBe(small);
    expect(small).toBeLessThanOrEqual(7); // 6 for the meeting, 1 for its ballot (lib/votes/live.ts)
    expect(build!.state.attendance.present).toBe(live.seats.length);
  });
});
