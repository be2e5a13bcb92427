import { describe, expect, it } from 'vitest';
import type { AttendanceStatus, SeatStatus } from '@/db/schema';
import { assessMeetings } from './quality';
import { countQuorum, smallestMajority } from './quorum';

const seats = (statuses: SeatStatus[]) => statuses.map((status, i) => ({ userId: `u${i}`, status }));
const marks = (entries: [number, AttendanceStatus][]) => new Map(entries.map(([i, s]) => [`u${i}`, s] as const));
const HALF = { numerator: 1, denominator: 2 };

describe('quorum (Regulation 24-QĐ/TW §9.3)', () => {
  it('needs more than half of counted members, not of those present', () => {
    expect(smallestMajority(20, HALF)).toBe(11);
    expect(smallestMajority(21, HALF)).toBe(11);
    expect(smallestMajority(9, { numerator: 2, denominator: 3 })).toBe(7);
    const ten = seats(Array(10).fill('active'));
    expect(countQuorum(ten, marks([[0, 'present'], [1, 'present'], [2, 'online'], [3, 'late'], [4, 'present']]), HALF)).toMatchObject({
      counted: 10,
      present: 5,
      required: 6,
      met: false,
    });
    expect(countQuorum(ten, marks([0, 1, 2, 3, 4, 5].map((i) => [i, 'present'])), HALF).met).toBe(true);
  });

  it('does not count transferred, suspended or detained members, nor exempted members who are absent', () => {
    const body = seats(['active', 'active', 'active', 'temporarily_transferred', 'suspended', 'detained', 'exempted', 'exempted']);
    const result = countQuorum(body, marks([[0, 'present'], [1, 'present'], [6, 'present'], [7, 'excused_absent']]), HALF);
    expect(result.notCounted).toEqual({ temporarilyTransferred: 1, suspended: 1, detained: 1, exemptedAbsent: 1 });
    // Counted: three active members and the exempted member who came.
    expect(result).toMatchObject({ counted: 4, present: 3, required: 3, met: true });
  });

  it('is never met by a body with nobody counted', () => {
    expect(countQuorum(seats(['suspended']), new Map(), HALF)).toMatchObject({ counted: 0, met: false });
  });
});

describe('cell meeting quality (Guidance 12-HD/BTCTW)', () => {
  const members = Array.from({ length: 20 }, (_, i) => `u${i}`);
  const meeting = (id: string, entries: [number, AttendanceStatus][], defaultMark: AttendanceStatus = 'present') => ({
    meetingId: id,
    counted: members,
    attendance: new Map(members.map((m, i) => [m, entries.find(([j]) => j === i)?.[1] ?? defaultMark] as const)),
  });

  it('needs attendance above 85 % and no unexcused absence', () => {
    const [good, exactly85, unexcused] = assessMeetings([
      meeting('a', [[0, 'excused_absent'], [1, 'excused_absent']]),
      meeting('b', [[0, 'excused_absent'], [1, 'excused_absent'], [2, 'excused_absent']]),
      meeting('c', [[0, 'unexcused_absent']]),
    ]);
    expect(good).toMatchObject({ rate: 0.9, good: true });
    expect(exactly85).toMatchObject({ rate: 0.85, good: false });
    expect(unexcused).toMatchObject({ unexcused: 1, good: false });
  });

  it('fails the meeting at which a member is excused for the fourth time in a row', () => {
    const results = assessMeetings([
      meeting('m1', [[7, 'excused_absent']]),
      meeting('m2', [[7, 'excused_absent']]),
      meeting('m3', [[7, 'excused_absent']]),
      meeting('m4', [[7, 'excused_absent']]),
      meeting('m5', [[7, 'present']]),
      meeting('m6', [[7, 'excused_absent']]),
    ]);
    expect(results.map((r) => r.good)).toEqual([true, true, true, false, true, true]);
    expect(results[3]!.excusedTooOften).toEqual(['u7']);
  });
});
