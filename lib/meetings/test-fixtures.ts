import { type AttendanceStatus, agendaItems, attendance, invitations, meetings, speakerRequests } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { demoBody, roleHolderEmail } from './test-helpers';

// Test data for the minutes, statistics and exports tests (not imported by app code).

/** A cell's assembly with its seats, and the e-mails of the cell's own secretary and deputy. */
export async function cellBody(cellName: string) {
  const body = await demoBody(cellName, 'cell_assembly');
  const [secretaryEmail, deputyEmail] = await Promise.all([
    roleHolderEmail(cellName, 'secretary'),
    roleHolderEmail(cellName, 'deputy_secretary'),
  ]);
  return { ...body, secretaryEmail, deputyEmail };
}

type MeetingSpec = {
  cell: Awaited<ReturnType<typeof cellBody>>;
  startsAt: Date;
  title?: string;
  kind?: 'regular' | 'thematic' | 'extraordinary';
  status?: 'draft' | 'closed' | 'minutes_approved' | 'in_progress';
  chairId?: string | null;
  minuteTakerId?: string | null;
  /** Attendance by user id; members not named are present unless `defaultMark` says otherwise. */
  marks?: Record<string, { status: AttendanceStatus; reason?: string }>;
  defaultMark?: AttendanceStatus | null;
  agenda?: { title: string; presenter?: string; speakers?: string[] }[];
  guests?: string[];
};

/** A meeting of a cell with attendance, agenda and who spoke, inserted directly. */
export async function insertMeeting(spec: MeetingSpec) {
  const db = getDb();
  const endsAt = new Date(spec.startsAt.getTime() + 2 * 60 * 60 * 1000);
  const [meeting] = await db
    .insert(meetings)
    .values({
      organizationId: spec.cell.organizationId,
      bodyId: spec.cell.id,
      kind: spec.kind ?? 'regular',
      title: spec.title ?? 'Sinh hoạt chi bộ định kỳ',
      startsAt: spec.startsAt,
      endsAt,
      location: 'Nhà văn hóa thôn',
      chairId: spec.chairId ?? null,
      minuteTakerId: spec.minuteTakerId ?? null,
      status: spec.status ?? 'closed',
      startedAt: spec.startsAt,
      closedAt: endsAt,
    })
    .returning({ id: meetings.id });
  const meetingId = meeting!.id;
  const rows = spec.cell.seats
    .map((seat) => {
      const mark = spec.marks?.[seat.userId];
      const status = mark?.status ?? (spec.defaultMark === undefined ? 'present' : spec.defaultMark);
      return status ? { meetingId, userId: seat.userId, status, reason: mark?.reason ?? null } : undefined;
    })
    .filter((r) => r !== undefined);
  if (rows.length) await db.insert(attendance).values(rows);
  await db.insert(invitations).values(spec.cell.seats.map((s) => ({ meetingId, userId: s.userId, response: 'attending' as const })));
  for (const guest of spec.guests ?? []) {
    await db.insert(invitations).values({ meetingId, userId: guest, isGuest: true, response: 'attending' });
    await db.insert(attendance).values({ meetingId, userId: guest, status: 'present' });
  }
  let position = 0;
  for (const item of spec.agenda ?? []) {
    const [row] = await db
      .insert(agendaItems)
      .values({ meetingId, position: position++, title: item.title, presenter: item.presenter ?? null })
      .returning({ id: agendaItems.id });
    let minute = 0;
    for (const userId of item.speakers ?? []) {
      const at = new Date(spec.startsAt.getTime() + ++minute * 60_000 + position * 3_600_000);
      await db.insert(speakerRequests).values({ meetingId, agendaItemId: row!.id, userId, status: 'done', requestedAt: at, startedAt: at, endedAt: at });
    }
  }
  return meetingId;
}
