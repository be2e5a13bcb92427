import 'server-only';
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import {
  type AgendaItemKind,
  type AttendanceStatus,
  type MeetingStatus,
  type SeatStatus,
  agendaItems,
  attendance,
  bodies,
  bodySeats,
  invitations,
  meetings,
  speakerRequests,
  users,
} from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { type LiveBallot, type LiveBallotMe, NOT_A_VOTER, loadLiveBallot } from '@/lib/votes/live';
import type { MeetingAccess } from './access';
import { countQuorum } from './quorum';

/**
 * The live state of a meeting (the meeting room): one snapshot, built in a fixed number of
 * queries whatever the number of participants, shared by every viewer of the same audience kind.
 * The viewer's own part (`LiveMe`) is derived from the build in memory, without further queries,
 * so the SSE fan-out (lib/meetings/live-hub.ts) builds once per change and writes to everyone.
 */

/** Guests do not see items hidden from guests; staff (preparers and those who run the meeting) get the roster. */
export type Audience = 'guest' | 'member' | 'staff';

export type SpeakerStatus = 'waiting' | 'speaking';

export type LiveAgendaItem = {
  id: string;
  position: number;
  title: string;
  presenter: string | null;
  plannedMinutes: number | null;
  kind: AgendaItemKind;
};

export type LiveSpeaker = {
  id: string;
  userId: string;
  name: string;
  status: SpeakerStatus;
  requestedAt: string;
  startedAt: string | null;
};

export type RosterEntry = {
  userId: string;
  name: string;
  isGuest: boolean;
  seatStatus: SeatStatus | null;
  attendance: AttendanceStatus | null;
  reason: string | null;
};

export type AttendanceCounts = Record<AttendanceStatus, number> & {
  /** Members (not guests) with no attendance mark yet. */
  notMarked: number;
  /** Guests present, online or late: shown, never counted. */
  guestsPresent: number;
};

export type LiveState = {
  meetingId: string;
  title: string;
  status: MeetingStatus;
  /** The current item; null before the chair starts the agenda. Hidden items are withheld from guests. */
  current: (LiveAgendaItem & { startedAt: string | null }) | null;
  /** True for a guest when the current item is hidden from guests (the title is withheld). */
  currentHidden: boolean;
  currentStartedAt: string | null;
  agenda: LiveAgendaItem[];
  attendance: AttendanceCounts;
  quorum: { counted: number; present: number; required: number; met: boolean };
  speakers: LiveSpeaker[];
  /** Staff only: everyone expected (seats and invitees), with their marks. */
  roster: RosterEntry[] | null;
  /** The open ballot, or the last closed one with its result (lib/votes/live.ts); null for guests. */
  ballot: LiveBallot | null;
  /** Server clock when built, so tablets with a wrong clock still show correct timers. */
  serverTime: string;
};

export type LiveMe = {
  userId: string;
  attendance: AttendanceStatus | null;
  speakerRequest: { id: string; status: SpeakerStatus; position: number } | null;
  /** May check in and ask to speak: holds a seat or an invitation. */
  isParticipant: boolean;
  isGuest: boolean;
  canRun: boolean;
  canMark: boolean;
  /** The viewer in the current ballot: may vote, has voted (and, for named votes, what). */
  ballot: LiveBallotMe;
};

export type LiveSnapshot = { state: LiveState; me: LiveMe };

/** The result of one build: the shared state, plus lookups to derive each viewer's own part. */
export type LiveBuild = {
  state: LiveState;
  attendanceOf: ReadonlyMap<string, AttendanceStatus>;
  requestOf: ReadonlyMap<string, { id: string; status: SpeakerStatus; position: number }>;
  ballotVoterOf: ReadonlyMap<string, LiveBallotMe>;
};

/** What a viewer is in the room, from the meeting access rule (lib/meetings/access.ts). */
export type ViewerRole = {
  userId: string;
  audience: Audience;
  isParticipant: boolean;
  isGuest: boolean;
  canRun: boolean;
  canMark: boolean;
};

export function viewerRole(userId: string, access: MeetingAccess): ViewerRole {
  const canMark = access.canPrepare || access.canRun;
  const isGuest = Boolean(access.invitation?.isGuest) && !access.seat;
  const seesAll = canMark || access.canOversee || Boolean(access.seat) || access.isChair || access.isMinuteTaker;
  return {
    userId,
    audience: canMark ? 'staff' : isGuest && !seesAll ? 'guest' : 'member',
    isParticipant: Boolean(access.seat || access.invitation),
    isGuest,
    canRun: access.canRun,
    canMark,
  };
}

const COUNTED_STATUSES = ['present', 'online', 'late'] as const;

/** Builds the live state for one audience: 5 queries (6 for staff), run side by side. */
export async function buildLiveState(db: Db, meetingId: string, audience: Audience): Promise<LiveBuild | undefined> {
  const bodyOf = sql`(select ${meetings.bodyId} from ${meetings} where ${meetings.id} = ${meetingId})`;
  const [meetingRows, itemRows, seatRows, markRows, speakerRows, rosterRows, liveBallot] = await Promise.all([
    db
      .select({
        id: meetings.id,
        title: meetings.title,
        status: meetings.status,
        currentAgendaItemId: meetings.currentAgendaItemId,
        currentItemStartedAt: meetings.currentItemStartedAt,
        numerator: bodies.quorumNumerator,
        denominator: bodies.quorumDenominator,
        nowMs: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::float8`.mapWith(Number),
      })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(eq(meetings.id, meetingId)),
    db
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
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt)),
    db
      .select({ userId: bodySeats.userId, status: bodySeats.status })
      .from(bodySeats)
      .where(sql`${bodySeats.bodyId} = ${bodyOf}`),
    db
      .select({ userId: attendance.userId, status: attendance.status, reason: attendance.reason })
      .from(attendance)
      .where(eq(attendance.meetingId, meetingId)),
    db
      .select({
        id: speakerRequests.id,
        userId: speakerRequests.userId,
        name: users.name,
        status: speakerRequests.status,
        requestedAt: speakerRequests.requestedAt,
        startedAt: speakerRequests.startedAt,
      })
      .from(speakerRequests)
      .innerJoin(users, eq(users.id, speakerRequests.userId))
      .where(and(eq(speakerRequests.meetingId, meetingId), inArray(speakerRequests.status, ['waiting', 'speaking'])))
      .orderBy(asc(speakerRequests.requestedAt), asc(speakerRequests.id)),
    audience === 'staff'
      ? db
          .select({
            userId: users.id,
            name: users.name,
            seatStatus: bodySeats.status,
          })
          .from(users)
          .leftJoin(bodySeats, and(eq(bodySeats.userId, users.id), sql`${bodySeats.bodyId} = ${bodyOf}`))
          .leftJoin(invitations, and(eq(invitations.userId, users.id), eq(invitations.meetingId, meetingId)))
          .where(or(isNotNull(bodySeats.userId), isNotNull(invitations.userId)))
          .orderBy(asc(users.name), asc(users.id))
      : Promise.resolve(null),
    audience === 'guest' ? Promise.resolve(null) : loadLiveBallot(db, meetingId),
  ]);
  const meeting = meetingRows[0];
  if (!meeting) return undefined;

  const visibleItems = itemRows.filter((item) => audience !== 'guest' || !item.hiddenFromGuests);
  const agenda: LiveAgendaItem[] = visibleItems.map(({ hiddenFromGuests: _hidden, ...item }) => item);
  const currentRow = itemRows.find((item) => item.id === meeting.currentAgendaItemId);
  const currentVisible = agenda.find((item) => item.id === meeting.currentAgendaItemId);
  const startedAt = meeting.currentItemStartedAt?.toISOString() ?? null;

  const attendanceOf = new Map(markRows.map((row) => [row.userId, row.status]));
  const seated = new Set(seatRows.map((seat) => seat.userId));
  const quorum = countQuorum(seatRows, attendanceOf, { numerator: meeting.numerator, denominator: meeting.denominator });

  const counts: AttendanceCounts = {
    present: 0,
    online: 0,
    late: 0,
    excused_absent: 0,
    unexcused_absent: 0,
    notMarked: 0,
    guestsPresent: 0,
  };
  for (const row of markRows) {
    if (seated.has(row.userId)) counts[row.status]++;
    else if ((COUNTED_STATUSES as readonly string[]).includes(row.status)) counts.guestsPresent++;
  }
  for (const seat of seatRows) if (!attendanceOf.has(seat.userId)) counts.notMarked++;

  let waiting = 0;
  const requestOf = new Map<string, { id: string; status: SpeakerStatus; position: number }>();
  const speakers: LiveSpeaker[] = speakerRows.map((row) => {
    const status = row.status as SpeakerStatus;
    requestOf.set(row.userId, { id: row.id, status, position: status === 'waiting' ? ++waiting : 0 });
    return {
      id: row.id,
      userId: row.userId,
      name: row.name,
      status,
      requestedAt: row.requestedAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
    };
  });
  // The speaker holding the floor first, then the queue in the order of asking.
  speakers.sort((a, b) => Number(b.status === 'speaking') - Number(a.status === 'speaking'));

  const marks = new Map(markRows.map((row) => [row.userId, row]));
  const roster: RosterEntry[] | null = rosterRows
    ? rosterRows.map((row) => ({
        userId: row.userId,
        name: row.name,
        isGuest: !row.seatStatus,
        seatStatus: row.seatStatus,
        attendance: marks.get(row.userId)?.status ?? null,
        reason: marks.get(row.userId)?.reason ?? null,
      }))
    : null;

  return {
    state: {
      meetingId: meeting.id,
      title: meeting.title,
      status: meeting.status,
      current: currentVisible ? { ...currentVisible, startedAt } : null,
      currentHidden: Boolean(currentRow && !currentVisible),
      currentStartedAt: startedAt,
      agenda,
      attendance: counts,
      quorum: { counted: quorum.counted, present: quorum.present, required: quorum.required, met: quorum.met },
      speakers,
      roster,
      ballot: liveBallot?.ballot ?? null,
      serverTime: new Date(meeting.nowMs).toISOString(),
    },
    attendanceOf,
    requestOf,
    ballotVoterOf: liveBallot?.voterOf ?? new Map(),
  };
}

/** The viewer's own part of a build (no queries). */
export function meFrom(build: LiveBuild, role: ViewerRole): LiveMe {
  return {
    userId: role.userId,
    attendance: build.attendanceOf.get(role.userId) ?? null,
    speakerRequest: build.requestOf.get(role.userId) ?? null,
    isParticipant: role.isParticipant,
    isGuest: role.isGuest,
    canRun: role.canRun,
    canMark: role.canMark,
    ballot: build.ballotVoterOf.get(role.userId) ?? NOT_A_VOTER,
  };
}

/** The full snapshot for one viewer whose access has been checked (pages, tests). */
export async function liveSnapshot(db: Db, viewerId: string, access: MeetingAccess): Promise<LiveSnapshot | undefined> {
  const role = viewerRole(viewerId, access);
  const build = await buildLiveState(db, access.meeting.id, role.audience);
  return build && { state: build.state, me: meFrom(build, role) };
}
