import type { AttendanceStatus, SeatStatus } from '@/db/schema';

/** Attendance that counts as taking part: in the room, online, or arrived late. */
export const PRESENT_STATUSES: readonly AttendanceStatus[] = ['present', 'online', 'late'];

export type QuorumRule = { numerator: number; denominator: number };

export type QuorumCount = {
  /** Members the rule counts (the denominator of "more than half"). */
  counted: number;
  /** Counted members who are present (guests never count). */
  present: number;
  /** The smallest number present that satisfies the rule. */
  required: number;
  met: boolean;
  notCounted: { temporarilyTransferred: number; suspended: number; detained: number; exemptedAbsent: number };
};

/** Seats never counted for quorum or majorities (24-QĐ/TW §9.3); exempted members count only when present. */
export const UNCOUNTED_SEAT_STATUSES: readonly SeatStatus[] = ['temporarily_transferred', 'suspended', 'detained'];

/**
 * Whether one seat counts (24-QĐ/TW §9.3, as in countQuorum): not temporarily transferred,
 * suspended or detained, and not exempted-and-absent. For lists of counted members.
 */
export function isCountedMember(status: SeatStatus, mark: AttendanceStatus | undefined): boolean {
  if (UNCOUNTED_SEAT_STATUSES.includes(status)) return false;
  return status !== 'exempted' || (mark !== undefined && PRESENT_STATUSES.includes(mark));
}

/**
 * Regulation 24-QĐ/TW §9.3: members on temporary transfer, suspended or detained members, and
 * members exempted from activity who are absent are not counted. The body's quorum rule is a
 * fraction that attendance must exceed (default more than 1/2 of counted members).
 */
export function countQuorum(
  seats: readonly { userId: string; status: SeatStatus }[],
  attendance: ReadonlyMap<string, AttendanceStatus>,
  rule: QuorumRule,
): QuorumCount {
  const notCounted = { temporarilyTransferred: 0, suspended: 0, detained: 0, exemptedAbsent: 0 };
  let counted = 0;
  let present = 0;
  for (const seat of seats) {
    const mark = attendance.get(seat.userId);
    const isPresent = mark !== undefined && PRESENT_STATUSES.includes(mark);
    if (isCountedMember(seat.status, mark)) {
      counted++;
      if (isPresent) present++;
    } else if (seat.status === 'temporarily_transferred') notCounted.temporarilyTransferred++;
    else if (seat.status === 'suspended') notCounted.suspended++;
    else if (seat.status === 'detained') notCounted.detained++;
    else notCounted.exemptedAbsent++;
  }
  const required = smallestMajority(counted, rule);
  return { counted, present, required, met: counted > 0 && present >= required, notCounted };
}

/** The smallest whole number strictly greater than counted × numerator / denominator. */
export function smallestMajority(counted: number, { numerator, denominator }: QuorumRule): number {
  return Math.floor((counted * numerator) / denominator) + 1;
}
