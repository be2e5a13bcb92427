import type { AttendanceStatus } from '@/db/schema';
import { PRESENT_STATUSES } from './quorum';

/** Guidance 12-HD/BTCTW: a cell meeting is of good quality when all three hold. */
export const GOOD_ATTENDANCE_RATE = 0.85;
export const MAX_EXCUSED_IN_A_ROW = 3;

export type MeetingAttendance = {
  meetingId: string;
  /** Counted members (see countQuorum) with their attendance; absent from the map = not marked. */
  counted: readonly string[];
  attendance: ReadonlyMap<string, AttendanceStatus>;
};

export type MeetingQuality = {
  meetingId: string;
  rate: number;
  unexcused: number;
  /** Members whose run of excused absences in the year has passed 3 at this meeting. */
  excusedTooOften: string[];
  good: boolean;
};

/**
 * Assesses a cell's meetings of one year, in date order: attendance above 85 %, no unexcused
 * absence, and no member excused more than 3 times in a row in the year. Not marked counts as an
 * unexcused absence: a closed meeting should have everyone marked.
 */
export function assessMeetings(meetingsInOrder: readonly MeetingAttendance[]): MeetingQuality[] {
  const streak = new Map<string, number>();
  return meetingsInOrder.map(({ meetingId, counted, attendance }) => {
    let present = 0;
    let unexcused = 0;
    const excusedTooOften: string[] = [];
    for (const userId of counted) {
      const mark = attendance.get(userId);
      if (mark && PRESENT_STATUSES.includes(mark)) {
        present++;
        streak.set(userId, 0);
      } else if (mark === 'excused_absent') {
        const run = (streak.get(userId) ?? 0) + 1;
        streak.set(userId, run);
        if (run > MAX_EXCUSED_IN_A_ROW) excusedTooOften.push(userId);
      } else {
        unexcused++;
        streak.set(userId, 0);
      }
    }
    const rate = counted.length ? present / counted.length : 0;
    return {
      meetingId,
      rate,
      unexcused,
      excusedTooOften,
      good: rate > GOOD_ATTENDANCE_RATE && unexcused === 0 && excusedTooOften.length === 0,
    };
  });
}
