import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { meetings, programmeItems } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { TEST_META, viewerFor } from '@/lib/test/fixtures';
import { createProgramme, firstWorkingDay, generateYearMeetings, programmeDetail, regularMeetingStart, thematicMeetingStart } from './programmes';
import { cellBody, insertMeeting } from './test-fixtures';

let cell: Awaited<ReturnType<typeof cellBody>>;
let secretary: Viewer;

beforeAll(async () => {
  cell = await cellBody('Chi bộ thôn Tân Lang');
  secretary = await viewerFor(cell.secretaryEmail);
});

const generate = (programmeId: string, options = { monthly: true, thematic: true }) =>
  getDb().transaction(async (tx) => {
    const programme = (await programmeDetail(tx, secretary, programmeId))!;
    return generateYearMeetings(tx, secretary, programme, options, (entry) => recordAudit(tx, secretary, TEST_META, entry));
  });

describe('default dates', () => {
  it('first working day of the month at 19:30 Vietnam time; thematic from the 15th of the quarter’s last month', () => {
    expect(firstWorkingDay(2027, 1)).toBe(4); // 1 Jan is a holiday, 2–3 Jan a weekend
    expect(regularMeetingStart(2027, 1).toISOString()).toBe('2027-01-04T12:30:00.000Z');
    expect(firstWorkingDay(2027, 5)).toBe(3); // 1 May 2027 is a Saturday
    expect(thematicMeetingStart(2027, 1).toISOString()).toBe('2027-03-15T12:30:00.000Z'); // a Monday
    expect(thematicMeetingStart(2027, 2).toISOString()).toBe('2027-06-15T12:30:00.000Z');
  });
});

describe('work programme generation', () => {
  it('creates 12 regular and 4 thematic draft meetings linked to items; a re-run creates nothing', async () => {
    const created = await getDb().transaction((tx) => createProgramme(tx, secretary, { bodyId: cell.id, year: 2027 }));
    expect(created.title).toBe('Chương trình công tác năm 2027 của Đảng viên Chi bộ thôn Tân Lang');
    const duplicate = await getDb()
      .transaction((tx) => createProgramme(tx, secretary, { bodyId: cell.id, year: 2027 }))
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(AppError);
    expect((duplicate as AppError).options.messageKey).toBe('programmes.errors.exists');

    const first = await generate(created.id);
    expect(first.created.filter((c) => c.kind === 'regular')).toHaveLength(12);
    expect(first.created.filter((c) => c.kind === 'thematic')).toHaveLength(4);
    expect(first.skipped).toHaveLength(0);
    expect(first.conflicts).toHaveLength(0);

    const rows = await getDb()
      .select({ id: meetings.id, status: meetings.status, kind: meetings.kind, title: meetings.title, itemId: meetings.programmeItemId, startsAt: meetings.startsAt })
      .from(meetings)
      .where(inArray(meetings.id, first.created.map((c) => c.meetingId)));
    expect(rows.every((r) => r.status === 'draft' && r.itemId)).toBe(true);
    expect(rows.find((r) => r.startsAt.toISOString() === '2027-01-04T12:30:00.000Z')?.title).toBe('Sinh hoạt chi bộ định kỳ tháng 1/2027');
    expect(rows.find((r) => r.kind === 'thematic' && r.startsAt.toISOString() === '2027-03-15T12:30:00.000Z')?.title).toBe('Sinh hoạt chuyên đề quý 1/2027');

    const detail = (await programmeDetail(getDb(), secretary, created.id))!;
    expect(detail.items).toHaveLength(16);
    expect(detail.items.every((i) => i.meetingId && i.meetingStatus === 'draft')).toBe(true);

    const again = await generate(created.id);
    expect(again.created).toHaveLength(0);
    expect(again.skipped).toHaveLength(16);
    expect((await programmeDetail(getDb(), secretary, created.id))!.items).toHaveLength(16);
  });

  it('skips months that already have a meeting, links them, and reports overlaps without failing', async () => {
    const created = await getDb().transaction((tx) => createProgramme(tx, secretary, { bodyId: cell.id, year: 2028, title: 'Chương trình 2028' }));
    // March already has its regular meeting (on another day); an extraordinary one blocks 1 Feb evening.
    const march = await insertMeeting({ cell, startsAt: new Date('2028-03-10T12:30:00Z'), status: 'draft', defaultMark: null });
    await insertMeeting({ cell, kind: 'extraordinary', startsAt: new Date('2028-02-01T12:00:00Z'), status: 'draft', defaultMark: null });

    const result = await generate(created.id, { monthly: true, thematic: false });
    expect(result.created).toHaveLength(10);
    expect(result.skipped).toEqual([{ kind: 'regular', month: 3, quarter: null, meetingId: march }]);
    expect(result.conflicts).toEqual([{ kind: 'regular', month: 2, quarter: null, startsAt: new Date('2028-02-01T12:30:00Z') }]);
    const [marchItem] = await getDb()
      .select({ meetingId: programmeItems.meetingId })
      .from(programmeItems)
      .where(and(eq(programmeItems.programmeId, created.id), eq(programmeItems.month, 3)));
    expect(marchItem!.meetingId).toBe(march);
    // February's item stays in the plan, without a meeting.
    const detail = (await programmeDetail(getDb(), secretary, created.id))!;
    expect(detail.items.find((i) => i.month === 2)).toMatchObject({ meetingId: null });
  });

  it('is only for those who manage the body', async () => {
    const member = await viewerFor('member@quorum.local');
    const districtSecretary = await viewerFor('secretary@quorum.local');
    for (const viewer of [member, districtSecretary]) {
      const refused = await getDb()
        .transaction((tx) => createProgramme(tx, viewer, { bodyId: cell.id, year: 2029 }))
        .catch((e: unknown) => e);
      expect((refused as AppError).options.messageKey).toBe('programmes.errors.bodyNotAllowed');
    }
    const [any] = await getDb().select({ id: programmeItems.programmeId }).from(programmeItems).limit(1);
    expect(await programmeDetail(getDb(), districtSecretary, any!.id)).toBeUndefined();
  });
});
