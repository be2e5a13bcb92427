import { beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { viewerFor } from '@/lib/test/fixtures';
import { isCountedMember } from './quorum';
import { attendanceStatistics, statisticsYears } from './statistics';
import { vietnamMonth, vietnamYearRange } from './time';
import { cellBody, insertMeeting } from './test-fixtures';

let cell: Awaited<ReturnType<typeof cellBody>>;
let districtSecretary: Viewer;

beforeAll(async () => {
  cell = await cellBody('Chi bộ thôn Bãi Giữa');
  districtSecretary = await viewerFor('secretary@quorum.local');
});

// Monthly meetings of 2025 at 19:30 Vietnam time on the 3rd.
const monthly = (month: number) => new Date(Date.UTC(2025, month - 1, 3, 12, 30));

describe('attendance statistics and the quality criterion', () => {
  it('rates per month and year, and fails the meeting where a member is excused for the 4th time in a row', async () => {
    const active = cell.seats.filter((s) => s.status === 'active');
    const often = active[0]!.userId;
    const absentee = active[1]!.userId;
    const excused = { status: 'excused_absent' as const, reason: 'Ốm' };
    for (const month of [1, 2, 3, 4]) await insertMeeting({ cell, startsAt: monthly(month), marks: { [often]: excused } });
    await insertMeeting({ cell, startsAt: monthly(5), marks: { [absentee]: { status: 'unexcused_absent' } } });
    // Low attendance in June: most members excused.
    await insertMeeting({
      cell,
      startsAt: monthly(6),
      marks: Object.fromEntries(active.slice(2, 8).map((s) => [s.userId, excused])),
    });
    // Not held yet, or in another year: not counted.
    await insertMeeting({ cell, startsAt: monthly(7), status: 'draft', defaultMark: null });
    await insertMeeting({ cell, startsAt: new Date(Date.UTC(2024, 11, 31, 17, 30)) }); // 1 Jan 2025, 00:30 in Vietnam
    await insertMeeting({ cell, startsAt: new Date(Date.UTC(2024, 11, 31, 12, 30)) }); // 31 Dec 2024 in Vietnam

    const stats = await attendanceStatistics(getDb(), districtSecretary, 2025);
    const row = stats.find((c) => c.name === 'Chi bộ thôn Bãi Giữa')!;
    expect(row.parentName).toBe('Đảng ủy xã Tân Sơn');
    expect(row.meetings).toHaveLength(7);
    const [newYear, jan, feb, mar, apr, may, jun] = row.meetings;
    // Everyone not named attended, exempted members too (then they count); transferred ones never count.
    const counted = cell.seats.filter((s) => s.status === 'active' || s.status === 'exempted').length;
    expect(jan).toMatchObject({ counted, present: counted - 1, unexcused: 0, excusedTooOften: [], good: true });
    expect(newYear!.good).toBe(true);
    expect(feb!.good).toBe(true);
    expect(mar!.good).toBe(true);
    expect(apr).toMatchObject({ good: false, unexcused: 0, excusedTooOften: [active[0]!.name] });
    expect(apr!.rate).toBeGreaterThan(0.85);
    expect(may).toMatchObject({ good: false, unexcused: 1, excusedTooOften: [] });
    expect(jun!.good).toBe(false);
    expect(jun!.rate).toBeCloseTo((counted - 6) / counted);
    expect(jun!.rate).toBeLessThanOrEqual(0.85);

    expect(row.months[0]).toMatchObject({ month: 1, meetings: 2, present: 2 * counted - 1, counted: 2 * counted });
    expect(row.months[0]!.rate).toBeCloseTo((2 * counted - 1) / (2 * counted));
    expect(row.months[6]).toMatchObject({ meetings: 0, rate: null });
    expect(row.year).toMatchObject({ meetings: 7, good: 4, counted: 7 * counted, present: 7 * counted - 4 - 1 - 6 });

    expect(await statisticsYears(getDb(), districtSecretary, new Date('2026-06-01T00:00:00Z'))).toEqual([2026, 2025, 2024]);
  });

  it('covers only the cells in the viewer’s scope', async () => {
    const names = async (viewer: Viewer) => (await attendanceStatistics(getDb(), viewer, 2025)).map((c) => c.name);
    const district = await names(districtSecretary);
    expect(district).toContain('Chi bộ thôn Bãi Giữa');
    expect(district).toContain('Chi bộ Trường THCS Thanh Sơn');
    expect(district).not.toContain('Chi bộ thôn Ninh Tào'); // another district
    expect(await names(await viewerFor(cell.secretaryEmail))).toEqual(['Chi bộ thôn Bãi Giữa']);
    expect(await names(await viewerFor('member@quorum.local'))).toEqual([]);
    expect(await names(await viewerFor('admin@quorum.local'))).toEqual([]);
  });

  it('uses Vietnam time for years and months', () => {
    expect(vietnamYearRange(2025).from.toISOString()).toBe('2024-12-31T17:00:00.000Z');
    expect(vietnamMonth(new Date('2025-01-31T17:30:00Z'))).toBe(2);
  });

  it('counts members by the same rule as the quorum (24-QĐ/TW §9.3)', () => {
    expect(isCountedMember('active', undefined)).toBe(true);
    expect(isCountedMember('exempted', 'excused_absent')).toBe(false);
    expect(isCountedMember('exempted', 'online')).toBe(true);
    for (const status of ['temporarily_transferred', 'suspended', 'detained'] as const) expect(isCountedMember(status, 'present')).toBe(false);
  });
});
