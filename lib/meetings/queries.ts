import 'server-only';
import { type SQL, and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type MeetingStatus,
  agendaItems,
  attendance,
  bodies,
  bodySeats,
  invitations,
  meetings,
  organizations,
  users,
} from '@/db/schema';
import { type Principal, grantsFor } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db/client';
import type { MeetingAccess } from './access';
import { visibleMeetings } from './access';
import { countQuorum } from './quorum';

type Viewer = Principal & { id: string };

export type MeetingListFilter = { bodyId?: string; status?: MeetingStatus };

/**
 * Meetings the viewer may see (the visibility rule is inside the SQL), upcoming ones soonest
 * first and past ones newest first, with the viewer's own reply.
 */
export async function listMeetings(
  db: Db,
  viewer: Viewer,
  filter: MeetingListFilter,
  when: 'upcoming' | 'recent',
  now = new Date(),
  limit = 50,
) {
  const conditions: SQL[] = [visibleMeetings(viewer), when === 'upcoming' ? gte(meetings.endsAt, now) : lt(meetings.endsAt, now)];
  if (filter.bodyId) conditions.push(eq(meetings.bodyId, filter.bodyId));
  if (filter.status) conditions.push(eq(meetings.status, filter.status));
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      kind: meetings.kind,
      status: meetings.status,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
      bodyId: meetings.bodyId,
      bodyName: bodies.name,
      organizationName: organizations.name,
      response: invitations.response,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .leftJoin(invitations, and(eq(invitations.meetingId, meetings.id), eq(invitations.userId, viewer.id)))
    .where(and(...conditions))
    .orderBy(when === 'upcoming' ? asc(meetings.startsAt) : desc(meetings.startsAt), asc(meetings.id))
    .limit(limit);
}

/** The bodies that appear among the viewer's visible meetings, for the list filter. */
export async function meetingBodyOptions(db: Db, viewer: Viewer) {
  return db
    .selectDistinct({ id: bodies.id, name: bodies.name, organizationName: organizations.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(visibleMeetings(viewer))
    .orderBy(organizations.name, bodies.name);
}

/**
 * Bodies of the organisations where the viewer prepares meetings, each with the holders of a
 * serving seat (candidates for chair and minute-taker).
 */
export async function preparableBodies(db: Db, viewer: Viewer) {
  const { ownIds } = grantsFor(viewer, 'meeting.prepare');
  if (!ownIds.length) return [];
  const rows = await db
    .select({ id: bodies.id, name: bodies.name, kind: bodies.kind, organizationName: organizations.name })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(inArray(bodies.organizationId, ownIds))
    .orderBy(organizations.depth, organizations.name, bodies.kind);
  if (!rows.length) return [];
  const seats = await db
    .select({ bodyId: bodySeats.bodyId, userId: bodySeats.userId, name: users.name, title: bodySeats.title })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(
      and(
        inArray(
          bodySeats.bodyId,
          rows.map((r) => r.id),
        ),
        inArray(bodySeats.status, ['active', 'exempted']),
      ),
    )
    .orderBy(bodySeats.createdAt, users.name);
  return rows.map((body) => ({
    ...body,
    seats: seats.filter((s) => s.bodyId === body.id).map(({ userId, name, title }) => ({ userId, name, title })),
  }));
}

/** Names around one meeting the viewer may see (checked by the caller with meetingAccess). */
export async function meetingDetail(db: Db, access: MeetingAccess) {
  const chair = alias(users, 'chair');
  const taker = alias(users, 'taker');
  const [row] = await db
    .select({
      bodyName: bodies.name,
      bodyKind: bodies.kind,
      organizationName: organizations.name,
      chairName: chair.name,
      minuteTakerName: taker.name,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .leftJoin(chair, eq(chair.id, meetings.chairId))
    .leftJoin(taker, eq(taker.id, meetings.minuteTakerId))
    .where(eq(meetings.id, access.meeting.id));
  return row!;
}

/** Who may see the invitee list with replies and reasons: preparers, approvers, overseers, the chair. */
export function canSeeInvitees(access: MeetingAccess) {
  return access.canPrepare || access.canApprove || access.canOversee || access.canRun;
}

/** Invitees with their replies (reasons are personal: only for canSeeInvitees). */
export async function meetingInvitees(db: Db, meetingId: string) {
  const rows = await db
    .select({
      userId: invitations.userId,
      name: users.name,
      isGuest: invitations.isGuest,
      response: invitations.response,
      reason: invitations.reason,
      respondedAt: invitations.respondedAt,
      seatTitle: bodySeats.title,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
    .leftJoin(bodySeats, and(eq(bodySeats.bodyId, meetings.bodyId), eq(bodySeats.userId, invitations.userId)))
    .where(eq(invitations.meetingId, meetingId))
    .orderBy(invitations.isGuest, bodySeats.createdAt, users.name);
  return rows;
}

/** The viewer's own invitation with the reason they gave. */
export async function ownInvitation(db: Db, meetingId: string, userId: string) {
  const [row] = await db
    .select({ response: invitations.response, reason: invitations.reason, isGuest: invitations.isGuest })
    .from(invitations)
    .where(and(eq(invitations.meetingId, meetingId), eq(invitations.userId, userId)));
  return row;
}

/** A guest only (no seat, no preparing, approving or oversight role) sees no items hidden from guests. */
export function isGuestOnly(access: MeetingAccess) {
  return Boolean(access.invitation?.isGuest) && !access.seat && !access.canPrepare && !access.canApprove && !access.canOversee && !access.canRun;
}

export async function meetingAgenda(db: Db, access: MeetingAccess) {
  const rows = await db
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      title: agendaItems.title,
      presenter: agendaItems.presenter,
      plannedMinutes: agendaItems.plannedMinutes,
      kind: agendaItems.kind,
      hiddenFromGuests: agendaItems.hiddenFromGuests,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, access.meeting.id))
    .orderBy(agendaItems.position, agendaItems.createdAt);
  return isGuestOnly(access) ? rows.filter((r) => !r.hiddenFromGuests) : rows;
}

/** Attendance marks of the body's seats and guests, and the quorum by the body's rule. */
export async function meetingAttendance(db: Db, access: MeetingAccess) {
  const meeting = access.meeting;
  const [body] = await db
    .select({ numerator: bodies.quorumNumerator, denominator: bodies.quorumDenominator })
    .from(bodies)
    .where(eq(bodies.id, meeting.bodyId));
  const seats = await db
    .select({ userId: bodySeats.userId, status: bodySeats.status, name: users.name, title: bodySeats.title })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(eq(bodySeats.bodyId, meeting.bodyId))
    .orderBy(bodySeats.createdAt, users.name);
  const marks = await db
    .select({
      userId: attendance.userId,
      name: users.name,
      status: attendance.status,
      checkedInAt: attendance.checkedInAt,
      reason: attendance.reason,
      isGuest: sql<boolean>`coalesce(${invitations.isGuest}, false)`,
    })
    .from(attendance)
    .innerJoin(users, eq(users.id, attendance.userId))
    .leftJoin(invitations, and(eq(invitations.meetingId, attendance.meetingId), eq(invitations.userId, attendance.userId)))
    .where(eq(attendance.meetingId, meeting.id));
  const seated = new Set(seats.map((s) => s.userId));
  // Guests never count: only marks of seat holders enter the quorum.
  const quorum = countQuorum(
    seats,
    new Map(marks.filter((m) => seated.has(m.userId)).map((m) => [m.userId, m.status])),
    { numerator: body?.numerator ?? 1, denominator: body?.denominator ?? 2 },
  );
  return { seats, marks: marks.map((m) => ({ ...m, isGuest: m.isGuest || !seated.has(m.userId) })), quorum };
}

/** Holders of a serving seat on a body (chair and minute-taker candidates). */
export async function servingSeats(db: Db, bodyId: string) {
  return db
    .select({ userId: bodySeats.userId, name: users.name, title: bodySeats.title })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(and(eq(bodySeats.bodyId, bodyId), inArray(bodySeats.status, ['active', 'exempted'])))
    .orderBy(bodySeats.createdAt, users.name);
}
