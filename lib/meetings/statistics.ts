import 'server-only';
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type AttendanceStatus, attendance, bodies, bodySeats, meetings, organizations, users } from '@/db/schema';
import type { Principal } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { GOOD_ATTENDANCE_RATE, MAX_EXCUSED_IN_A_ROW, assessMeetings } from './quality';
import { PRESENT_STATUSES, isCountedMember } from './quorum';
import { vietnamMonth, vietnamYear, vietnamYearRange } from './time';

export { GOOD_ATTENDANCE_RATE, MAX_EXCUSED_IN_A_ROW };

export type MeetingStatistics = {
  id: string;
  title: string;
  kind: string;
  startsAt: Date;
  counted: number;
  present: number;
  rate: number;
  unexcused: number;
  /** Names of members whose run of excused absences in the year passed 3 at this meeting. */
  excusedTooOften: string[];
  good: boolean;
};

export type CellStatistics = {
  id: string;
  name: string;
  parentName: string | null;
  /** Index 0 = January. `rate` is null in a month without a held meeting. */
  months: { month: number; meetings: number; present: number; counted: number; rate: number | null }[];
  year: { meetings: number; present: number; counted: number; rate: number | null; good: number };
  meetings: MeetingStatistics[];
};

/** Meetings that took place: closed, or with approved minutes. */
const HELD = ['closed', 'minutes_approved'] as const;

/**
 * Attendance of the year per cell in the viewer's scope (`meeting.statistics.view`, filtered in
 * SQL): the rate per month and for the year (present ÷ counted members, 24-QĐ/TW §9.3), and per
 * held meeting whether it meets the quality criterion of Guidance 12-HD/BTCTW (assessMeetings).
 * Seat statuses are today's: the schema keeps no history of them.
 */
export async function attendanceStatistics(db: Db, viewer: Principal, year: number): Promise<CellStatistics[]> {
  const parent = alias(organizations, 'parent');
  const cells = await db
    .select({ id: organizations.id, name: organizations.name, parentName: parent.name, bodyId: bodies.id })
    .from(organizations)
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .leftJoin(bodies, and(eq(bodies.organizationId, organizations.id), eq(bodies.kind, 'cell_assembly')))
    .where(and(eq(organizations.kind, 'cell'), organizationScope(viewer, 'meeting.statistics.view')))
    .orderBy(asc(parent.name), asc(organizations.name));
  const bodyIds = cells.map((c) => c.bodyId).filter((id): id is string => Boolean(id));
  if (bodyIds.length === 0) return cells.map((c) => emptyCell(c));

  const { from, to } = vietnamYearRange(year);
  const held = await db
    .select({ id: meetings.id, bodyId: meetings.bodyId, title: meetings.title, kind: meetings.kind, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(inArray(meetings.bodyId, bodyIds), inArray(meetings.status, [...HELD]), gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  const seats = await db
    .select({ bodyId: bodySeats.bodyId, userId: bodySeats.userId, status: bodySeats.status, name: users.name })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(inArray(bodySeats.bodyId, bodyIds));
  const marks = held.length
    ? await db
        .select({ meetingId: attendance.meetingId, userId: attendance.userId, status: attendance.status })
        .from(attendance)
        .where(inArray(attendance.meetingId, held.map((m) => m.id)))
    : [];
  const marksOf = new Map<string, Map<string, AttendanceStatus>>();
  for (const mark of marks) {
    if (!marksOf.has(mark.meetingId)) marksOf.set(mark.meetingId, new Map());
    marksOf.get(mark.meetingId)!.set(mark.userId, mark.status);
  }
  const names = new Map(seats.map((s) => [s.userId, s.name]));

  return cells.map((cell) => {
    const result = emptyCell(cell);
    if (!cell.bodyId) return result;
    const cellSeats = seats.filter((s) => s.bodyId === cell.bodyId);
    const cellMeetings = held.filter((m) => m.bodyId === cell.bodyId);
    const inputs = cellMeetings.map((m) => {
      const map = marksOf.get(m.id) ?? new Map<string, AttendanceStatus>();
      return { meetingId: m.id, counted: cellSeats.filter((s) => isCountedMember(s.status, map.get(s.userId))).map((s) => s.userId), attendance: map };
    });
    const quality = assessMeetings(inputs);
    cellMeetings.forEach((m, i) => {
      const q = quality[i]!;
      const input = inputs[i]!;
      const present = input.counted.filter((u) => {
        const mark = input.attendance.get(u);
        return mark !== undefined && PRESENT_STATUSES.includes(mark);
      }).length;
      result.meetings.push({
        id: m.id,
        title: m.title,
        kind: m.kind,
        startsAt: m.startsAt,
        counted: input.counted.length,
        present,
        rate: q.rate,
        unexcused: q.unexcused,
        excusedTooOften: q.excusedTooOften.map((u) => names.get(u) ?? u),
        good: q.good,
      });
      const month = result.months[vietnamMonth(m.startsAt) - 1]!;
      month.meetings++;
      month.present += present;
      month.counted += input.counted.length;
      result.year.meetings++;
      result.year.present += present;
      result.year.counted += input.counted.length;
      if (q.good) result.year.good++;
    });
    for (const month of result.months) month.rate = month.counted ? month.present / month.counted : null;
    result.year.rate = result.year.counted ? result.year.present / result.year.counted : null;
    return result;
  });
}

function emptyCell(cell: { id: string; name: string; parentName: string | null }): CellStatistics {
  return {
    id: cell.id,
    name: cell.name,
    parentName: cell.parentName,
    months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, meetings: 0, present: 0, counted: 0, rate: null })),
    year: { meetings: 0, present: 0, counted: 0, rate: null, good: 0 },
    meetings: [],
  };
}

/** Years offered by the year selector: those with meetings in scope, plus the current one. */
export async function statisticsYears(db: Db, viewer: Principal, now = new Date()): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${meetings.startsAt} at time zone 'Asia/Ho_Chi_Minh')::int` })
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .where(and(eq(organizations.kind, 'cell'), organizationScope(viewer, 'meeting.statistics.view')));
  const current = vietnamYear(now);
  return [...new Set([current, ...rows.map((r) => Number(r.year))])].sort((a, b) => b - a);
}
