import 'server-only';
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core'; // no React: also runs in the CLI (seed)
import { type MeetingKind, bodies, meetings, organizations, programmeItems, workProgrammes } from '@/db/schema';
import type { AuditEntry } from '@/lib/audit/record';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import viProgrammes from '@/lib/i18n/messages/vi/programmes.json';
import { AppError, rootCause } from '@/lib/server/errors';
import { announceMeetingChange } from './events';

// Meeting titles and topics are records, written in Vietnamese whatever the reader's language.
const vi = createTranslator({ locale: 'vi', messages: { programmes: viProgrammes }, namespace: 'programmes' });

const HOUR = 60 * 60 * 1000;
/** Default start of a generated meeting: 19:30 Vietnam time (UTC+7), after working hours. */
export const DEFAULT_START = { hour: 19, minute: 30 } as const;
export const DEFAULT_DURATION_HOURS = 2;

/** 19:30 Vietnam time on a calendar day, as an instant. */
function eveningOf(year: number, month: number, day: number) {
  return new Date(Date.UTC(year, month - 1, day, DEFAULT_START.hour, DEFAULT_START.minute) - 7 * HOUR);
}

/** Monday–Friday, and not New Year's Day (the one fixed public holiday in a month's first week). */
function isWorkingDay(year: number, month: number, day: number) {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !(month === 1 && day === 1);
}

/** The first working day on or after `fromDay` of a month (for the regular meeting: fromDay 1). */
export function firstWorkingDay(year: number, month: number, fromDay = 1) {
  let day = fromDay;
  while (!isWorkingDay(year, month, day)) day++;
  return day;
}

/** Default date of the regular meeting of a month: its first working day, 19:30. */
export function regularMeetingStart(year: number, month: number) {
  return eveningOf(year, month, firstWorkingDay(year, month));
}

/** Default date of the thematic meeting of a quarter: last month, first working day from the 15th, 19:30. */
export function thematicMeetingStart(year: number, quarter: number) {
  const month = quarter * 3;
  return eveningOf(year, month, firstWorkingDay(year, month, 15));
}

/** Instant range of a Vietnam calendar month (`months` long). */
function monthRange(year: number, month: number, months = 1) {
  return { from: new Date(Date.UTC(year, month - 1, 1) - 7 * HOUR), to: new Date(Date.UTC(year, month - 1 + months, 1) - 7 * HOUR) };
}

const inScope = (viewer: Principal) =>
  sql`${workProgrammes.organizationId} in (select ${organizations.id} from ${organizations} where ${organizationScope(viewer, 'programme.manage')})`;

/** Bodies whose programmes the viewer manages (`programme.manage` in the body's organisation). */
export async function manageableBodies(db: Db, viewer: Principal) {
  return db
    .select({ id: bodies.id, name: bodies.name, kind: bodies.kind, organizationId: organizations.id, organizationName: organizations.name })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(organizationScope(viewer, 'programme.manage'))
    .orderBy(asc(organizations.depth), asc(organizations.name), asc(bodies.kind));
}

/** The year's programmes of bodies the viewer manages, with how many items and linked meetings. */
export async function listProgrammes(db: Db, viewer: Principal, year: number) {
  const rows = await db
    .select({
      id: workProgrammes.id,
      title: workProgrammes.title,
      year: workProgrammes.year,
      bodyName: bodies.name,
      organizationName: organizations.name,
      items: count(programmeItems.id),
      linked: count(programmeItems.meetingId),
    })
    .from(workProgrammes)
    .innerJoin(bodies, eq(bodies.id, workProgrammes.bodyId))
    .innerJoin(organizations, eq(organizations.id, workProgrammes.organizationId))
    .leftJoin(programmeItems, eq(programmeItems.programmeId, workProgrammes.id))
    .where(and(eq(workProgrammes.year, year), inScope(viewer)))
    .groupBy(workProgrammes.id, bodies.name, organizations.name, organizations.depth)
    .orderBy(asc(organizations.depth), asc(organizations.name), asc(bodies.name));
  return rows;
}

/** One programme the viewer manages (undefined otherwise), with its items and their meetings. */
export async function programmeDetail(db: Db, viewer: Principal, programmeId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(programmeId)) return undefined;
  const [programme] = await db
    .select({
      id: workProgrammes.id,
      title: workProgrammes.title,
      year: workProgrammes.year,
      bodyId: workProgrammes.bodyId,
      bodyName: bodies.name,
      bodyKind: bodies.kind,
      organizationId: workProgrammes.organizationId,
      organizationName: organizations.name,
      organizationPath: organizations.path,
    })
    .from(workProgrammes)
    .innerJoin(bodies, eq(bodies.id, workProgrammes.bodyId))
    .innerJoin(organizations, eq(organizations.id, workProgrammes.organizationId))
    .where(eq(workProgrammes.id, programmeId));
  if (!programme || !can(viewer, 'programme.manage', { organizationPath: programme.organizationPath })) return undefined;
  const items = await db
    .select({
      id: programmeItems.id,
      month: programmeItems.month,
      quarter: programmeItems.quarter,
      plannedDate: programmeItems.plannedDate,
      kind: programmeItems.kind,
      topic: programmeItems.topic,
      meetingId: programmeItems.meetingId,
      meetingStartsAt: meetings.startsAt,
      meetingStatus: meetings.status,
      meetingTitle: meetings.title,
    })
    .from(programmeItems)
    .leftJoin(meetings, eq(meetings.id, programmeItems.meetingId))
    .where(eq(programmeItems.programmeId, programmeId))
    .orderBy(
      sql`coalesce(${programmeItems.month}, ${programmeItems.quarter} * 3, 0)`,
      sql`${programmeItems.month} is null`,
      asc(programmeItems.kind),
      asc(programmeItems.createdAt),
    );
  return { ...programme, items };
}

export type ProgrammeDetail = NonNullable<Awaited<ReturnType<typeof programmeDetail>>>;

/** A body's programme for a year (one per body and year). */
export async function createProgramme(
  tx: Db,
  viewer: Principal & { id: string },
  input: { bodyId: string; year: number; title?: string },
) {
  const [body] = await tx
    .select({ id: bodies.id, name: bodies.name, organizationId: bodies.organizationId, path: organizations.path })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(bodies.id, input.bodyId));
  if (!body || !can(viewer, 'programme.manage', { organizationPath: body.path })) {
    throw new AppError('VALIDATION_FAILED', { field: 'bodyId', messageKey: 'programmes.errors.bodyNotAllowed' });
  }
  const title = input.title?.trim() || vi('create.defaultTitle', { year: input.year, body: body.name });
  try {
    const [row] = await tx
      .insert(workProgrammes)
      .values({ organizationId: body.organizationId, bodyId: body.id, year: input.year, title, createdBy: viewer.id })
      .returning({ id: workProgrammes.id });
    return { id: row!.id, organizationId: body.organizationId, title };
  } catch (error) {
    if (rootCause(error).code === '23505') throw new AppError('CONFLICT', { field: 'year', messageKey: 'programmes.errors.exists' });
    throw error;
  }
}

export type ItemPeriod = { period: 'year' } | { period: 'quarter'; quarter: number } | { period: 'month'; month: number };

export async function addProgrammeItem(
  tx: Db,
  programme: { id: string; year: number },
  input: ItemPeriod & { kind: MeetingKind; topic: string; plannedDate?: string },
) {
  if (input.plannedDate && !input.plannedDate.startsWith(`${programme.year}-`)) {
    throw new AppError('VALIDATION_FAILED', { field: 'plannedDate', messageKey: 'programmes.errors.dateOutsideYear' });
  }
  const [row] = await tx
    .insert(programmeItems)
    .values({
      programmeId: programme.id,
      month: input.period === 'month' ? input.month : null,
      quarter: input.period === 'quarter' ? input.quarter : null,
      kind: input.kind,
      topic: input.topic,
      plannedDate: input.plannedDate || null,
    })
    .returning({ id: programmeItems.id });
  return row!;
}

/** Removes an item; a meeting created from it stays, only unlinked. */
export async function removeProgrammeItem(tx: Db, programmeId: string, itemId: string) {
  const [row] = await tx
    .delete(programmeItems)
    .where(and(eq(programmeItems.id, itemId), eq(programmeItems.programmeId, programmeId)))
    .returning({ id: programmeItems.id, topic: programmeItems.topic });
  if (!row) throw new AppError('NOT_FOUND');
  await tx.update(meetings).set({ programmeItemId: null }).where(eq(meetings.programmeItemId, itemId));
  return row;
}

type Slot = { kind: 'regular'; month: number } | { kind: 'thematic'; quarter: number };

export type GenerationResult = {
  created: { kind: MeetingKind; month: number | null; quarter: number | null; meetingId: string; startsAt: Date }[];
  skipped: { kind: MeetingKind; month: number | null; quarter: number | null; meetingId: string }[];
  conflicts: { kind: MeetingKind; month: number | null; quarter: number | null; startsAt: Date }[];
};

/**
 * One step for the year: a draft regular meeting in each month (first working day, 19:30) and a
 * draft thematic meeting in each quarter, each linked to its programme item (created when
 * missing). A month (quarter) that already has a meeting of that kind is skipped (its item is
 * linked to it), so a re-run creates nothing twice; a slot that overlaps another meeting of the
 * body is reported, not created, and the rest goes on (each insert in its own savepoint).
 */
export async function generateYearMeetings(
  tx: Db,
  viewer: { id: string },
  programme: { id: string; year: number; bodyId: string; bodyName: string; bodyKind: string; organizationId: string },
  options: { monthly: boolean; thematic: boolean },
  audit: (entry: AuditEntry) => Promise<void>,
): Promise<GenerationResult> {
  // One generation at a time per programme: a second concurrent run waits, then skips everything.
  await tx.select({ id: workProgrammes.id }).from(workProgrammes).where(eq(workProgrammes.id, programme.id)).for('update');
  const { year } = programme;
  const slots: Slot[] = [
    ...(options.monthly ? Array.from({ length: 12 }, (_, i) => ({ kind: 'regular' as const, month: i + 1 })) : []),
    ...(options.thematic ? Array.from({ length: 4 }, (_, i) => ({ kind: 'thematic' as const, quarter: i + 1 })) : []),
  ];
  const yearRange = monthRange(year, 1, 12);
  const existing = await tx
    .select({ id: meetings.id, kind: meetings.kind, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, programme.bodyId),
        ne(meetings.status, 'cancelled'),
        inArray(meetings.kind, ['regular', 'thematic']),
        gte(meetings.startsAt, yearRange.from),
        lt(meetings.startsAt, yearRange.to),
      ),
    )
    .orderBy(asc(meetings.startsAt));
  const items = await tx
    .select({ id: programmeItems.id, kind: programmeItems.kind, month: programmeItems.month, quarter: programmeItems.quarter, meetingId: programmeItems.meetingId })
    .from(programmeItems)
    .where(eq(programmeItems.programmeId, programme.id));
  const linkedMeetings = new Set(
    (
      await tx
        .select({ id: meetings.id })
        .from(meetings)
        .innerJoin(programmeItems, eq(programmeItems.meetingId, meetings.id))
        .where(and(eq(programmeItems.programmeId, programme.id), isNotNull(programmeItems.meetingId), ne(meetings.status, 'cancelled')))
    ).map((m) => m.id),
  );

  const isCell = programme.bodyKind === 'cell_assembly';
  const result: GenerationResult = { created: [], skipped: [], conflicts: [] };
  for (const slot of slots) {
    const month = slot.kind === 'regular' ? slot.month : null;
    const quarter = slot.kind === 'thematic' ? slot.quarter : null;
    const range = slot.kind === 'regular' ? monthRange(year, slot.month) : monthRange(year, slot.quarter * 3 - 2, 3);
    let item = items.find((i) => i.kind === slot.kind && i.month === month && i.quarter === quarter);
    const already =
      (item?.meetingId && linkedMeetings.has(item.meetingId) ? existing.find((m) => m.id === item!.meetingId) : undefined) ??
      existing.find((m) => m.kind === slot.kind && m.startsAt >= range.from && m.startsAt < range.to);
    if (!item) {
      const topic =
        slot.kind === 'regular' ? vi('generated.regularTopic', { month: slot.month }) : vi('generated.thematicTopic', { quarter: slot.quarter });
      const [row] = await tx
        .insert(programmeItems)
        .values({ programmeId: programme.id, kind: slot.kind, month, quarter, topic })
        .returning({ id: programmeItems.id });
      item = { id: row!.id, kind: slot.kind, month, quarter, meetingId: null };
      items.push(item);
    }
    if (already) {
      // The plan's item and the meeting found for its month point at each other.
      if (item.meetingId !== already.id) {
        await tx.update(programmeItems).set({ meetingId: already.id }).where(eq(programmeItems.id, item.id));
        await tx
          .update(meetings)
          .set({ programmeItemId: item.id })
          .where(and(eq(meetings.id, already.id), isNull(meetings.programmeItemId)));
      }
      result.skipped.push({ kind: slot.kind, month, quarter, meetingId: already.id });
      continue;
    }
    const startsAt = slot.kind === 'regular' ? regularMeetingStart(year, slot.month) : thematicMeetingStart(year, slot.quarter);
    const title =
      slot.kind === 'regular'
        ? vi(isCell ? 'generated.regularCell' : 'generated.regularBody', { month: slot.month, year, body: programme.bodyName })
        : vi(isCell ? 'generated.thematicCell' : 'generated.thematicBody', { quarter: slot.quarter, year, body: programme.bodyName });
    let meetingId: string | undefined;
    try {
      // A savepoint: an overlap refused by the exclusion constraint undoes only this insert.
      meetingId = await tx.transaction(async (sp) => {
        const [row] = await sp
          .insert(meetings)
          .values({
            organizationId: programme.organizationId,
            bodyId: programme.bodyId,
            kind: slot.kind,
            title,
            startsAt,
            endsAt: new Date(startsAt.getTime() + DEFAULT_DURATION_HOURS * HOUR),
            programmeItemId: item!.id,
            createdBy: viewer.id,
          })
          .returning({ id: meetings.id });
        return row!.id;
      });
    } catch (error) {
      if (rootCause(error).code !== '23P01') throw error;
      result.conflicts.push({ kind: slot.kind, month, quarter, startsAt });
      continue;
    }
    await tx.update(programmeItems).set({ meetingId, plannedDate: toDateString(startsAt) }).where(eq(programmeItems.id, item.id));
    await audit({
      action: 'meeting.create',
      organizationId: programme.organizationId,
      entityType: 'meeting',
      entityId: meetingId,
      details: { bodyId: programme.bodyId, kind: slot.kind, startsAt: startsAt.toISOString(), programmeId: programme.id, programmeItemId: item.id },
    });
    await announceMeetingChange(tx, meetingId, 'status');
    result.created.push({ kind: slot.kind, month, quarter, meetingId, startsAt });
  }
  return result;
}

/** The Vietnam calendar date of an instant, `YYYY-MM-DD`. */
function toDateString(instant: Date) {
  return new Date(instant.getTime() + 7 * HOUR).toISOString().slice(0, 10);
}
