import { and, eq, sql } from 'drizzle-orm';
import {
  type MeetingStatus,
  type SeatStatus,
  agendaItems,
  bodies,
  bodySeats,
  invitations,
  meetings,
  memberships,
  organizations,
  users,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { TEST_META, viewerFor } from '@/lib/test/fixtures';
import type { RoomContext } from './room';

// Test data for the live meeting room (imported by tests only).

let day = 0;

export type LiveFixture = {
  meetingId: string;
  bodyId: string;
  organizationId: string;
  chairEmail: string;
  deputyEmail: string;
  seats: { userId: string; email: string; status: SeatStatus }[];
  items: string[];
  guestEmail: string;
};

async function holder(organizationId: string, role: 'secretary' | 'deputy_secretary') {
  const [row] = await getDb()
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, role)));
  return row!;
}

/**
 * A meeting of a cell's assembly with three agenda items (the second hidden from guests), every
 * seat holder invited and one guest (a member of another cell), in the given status.
 */
export async function liveMeeting(
  options: { cell?: string; status?: MeetingStatus; guestCell?: string } = {},
): Promise<LiveFixture> {
  const db = getDb();
  const cell = options.cell ?? 'Chi bộ thôn Đồng Tâm';
  const [body] = await db
    .select({ id: bodies.id, organizationId: bodies.organizationId })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(eq(organizations.name, cell), eq(bodies.kind, 'cell_assembly')));
  const chair = await holder(body!.organizationId, 'secretary');
  const deputy = await holder(body!.organizationId, 'deputy_secretary');
  const startsAt = new Date(Date.UTC(2027, 0, 1) + day++ * 86_400_000);
  const [meeting] = await db
    .insert(meetings)
    .values({
      organizationId: body!.organizationId,
      bodyId: body!.id,
      kind: 'regular',
      title: 'Sinh hoạt chi bộ định kỳ',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      chairId: chair.id,
      minuteTakerId: deputy.id,
      status: options.status ?? 'in_progress',
      startedAt: options.status === 'in_progress' || !options.status ? sql`now()` : null,
    })
    .returning({ id: meetings.id });
  const items = await db
    .insert(agendaItems)
    .values([
      { meetingId: meeting!.id, position: 1, title: 'Báo cáo kết quả tháng', kind: 'report' as const, plannedMinutes: 15 },
      { meetingId: meeting!.id, position: 2, title: 'Công tác nhân sự', kind: 'discussion' as const, hiddenFromGuests: true },
      { meetingId: meeting!.id, position: 3, title: 'Phương hướng tháng tới', kind: 'decision' as const, presenter: 'Bí thư' },
    ])
    .returning({ id: agendaItems.id, position: agendaItems.position });
  const seats = await db
    .select({ userId: bodySeats.userId, email: users.email, status: bodySeats.status })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(eq(bodySeats.bodyId, body!.id))
    .orderBy(users.email);
  const [guest] = await db
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(organizations.name, options.guestCell ?? 'Chi bộ thôn Ninh Tào'), eq(memberships.role, 'member')))
    .orderBy(users.email)
    .limit(1);
  await db.insert(invitations).values([
    ...seats.map((s) => ({ meetingId: meeting!.id, userId: s.userId })),
    { meetingId: meeting!.id, userId: guest!.id, isGuest: true },
  ]);
  return {
    meetingId: meeting!.id,
    bodyId: body!.id,
    organizationId: body!.organizationId,
    chairEmail: chair.email,
    deputyEmail: deputy.email,
    seats,
    items: items.sort((a, b) => a.position - b.position).map((i) => i.id),
    guestEmail: guest!.email,
  };
}

/** Runs a room command as `viewer` in its own transaction, as the server action would. */
export async function asRoomViewer<T>(viewer: Viewer, command: (ctx: RoomContext) => Promise<T>): Promise<T> {
  return getDb().transaction((tx) =>
    command({ tx, viewer, audit: (entry) => recordAudit(tx, { id: viewer.id, name: viewer.name }, TEST_META, entry) }),
  );
}

export { viewerFor };
