import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import {
  type BallotChoice,
  type BallotKind,
  type BallotStatus,
  agendaItems,
  ballotOptions,
  ballotParticipation,
  ballotVoters,
  ballots,
  bodies,
  meetings,
  namedVotes,
  organizations,
  users,
} from '@/db/schema';
import type { Principal } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { type BallotAccess, ballotAccess, visibleWrittenQuestions } from './access';
import { closeIfExpired } from './ballots';
import type { BallotResult } from './counting';

/** What screens and the API show of one ballot. The tally is there only once it is closed. */
export type BallotView = {
  id: string;
  kind: BallotKind;
  status: BallotStatus;
  question: string;
  description: string | null;
  meetingId: string | null;
  meetingTitle: string | null;
  agendaItemId: string | null;
  agendaItemTitle: string | null;
  bodyName: string;
  organizationName: string;
  deadline: string | null;
  seats: number | null;
  allowChange: boolean;
  openedAt: string;
  closedAt: string | null;
  countedMembers: number;
  eligibleVoters: number;
  voted: number;
  options: { id: string; label: string; choice: BallotChoice | null }[];
  me: {
    mayVote: boolean;
    voted: boolean;
    /** Named votes only (a secret vote is never shown back, not even to the voter). */
    choice: BallotChoice | null;
  };
  canManage: boolean;
  canExport: boolean;
  result: BallotResult | null;
};

/**
 * One ballot for the viewer, or undefined when they may not see it (answer 404). An expired
 * written question is closed first (lazy close), so it is never shown as open past its deadline.
 */
export async function ballotView(db: Db, viewer: Principal & { id: string }, ballotId: string): Promise<BallotView | undefined> {
  await closeIfExpired(db, ballotId);
  const access = await ballotAccess(db, viewer, ballotId);
  if (!access) return undefined;
  return viewOf(db, viewer.id, access);
}

export async function viewOf(db: Db, viewerId: string, access: BallotAccess): Promise<BallotView> {
  const { ballot } = access;
  const [[context], options, [voted], [mine]] = await Promise.all([
    db
      .select({
        bodyName: bodies.name,
        organizationName: organizations.name,
        meetingTitle: meetings.title,
        agendaItemTitle: agendaItems.title,
      })
      .from(ballots)
      .innerJoin(bodies, eq(bodies.id, ballots.bodyId))
      .innerJoin(organizations, eq(organizations.id, ballots.organizationId))
      .leftJoin(meetings, eq(meetings.id, ballots.meetingId))
      .leftJoin(agendaItems, eq(agendaItems.id, ballots.agendaItemId))
      .where(eq(ballots.id, ballot.id)),
    db
      .select({ id: ballotOptions.id, label: ballotOptions.label, choice: ballotOptions.choice })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballot.id))
      .orderBy(asc(ballotOptions.position)),
    db.select({ n: count() }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)),
    db
      .select({
        mayVote: ballotVoters.mayVote,
        voted: sql<boolean>`${ballotParticipation.userId} is not null`,
        choice: ballot.kind === 'named' ? sql<BallotChoice | null>`(select o.choice from named_votes n join ballot_options o on o.id = n.option_id where n.ballot_id = ${ballot.id} and n.user_id = ${viewerId})` : sql<null>`null`,
      })
      .from(ballotVoters)
      .leftJoin(ballotParticipation, and(eq(ballotParticipation.ballotId, ballotVoters.ballotId), eq(ballotParticipation.userId, ballotVoters.userId)))
      .where(and(eq(ballotVoters.ballotId, ballot.id), eq(ballotVoters.userId, viewerId))),
  ]);
  return {
    id: ballot.id,
    kind: ballot.kind,
    status: ballot.status,
    question: ballot.question,
    description: ballot.description,
    meetingId: ballot.meetingId,
    meetingTitle: context?.meetingTitle ?? null,
    agendaItemId: ballot.agendaItemId,
    agendaItemTitle: context?.agendaItemTitle ?? null,
    bodyName: context!.bodyName,
    organizationName: context!.organizationName,
    deadline: ballot.deadline?.toISOString() ?? null,
    seats: ballot.seats,
    allowChange: ballot.allowChange,
    openedAt: ballot.openedAt.toISOString(),
    closedAt: ballot.closedAt?.toISOString() ?? null,
    countedMembers: ballot.countedMembers,
    eligibleVoters: ballot.eligibleVoters,
    voted: voted!.n,
    options,
    me: { mayVote: Boolean(mine?.mayVote), voted: Boolean(mine?.voted), choice: mine?.choice ?? null },
    canManage: access.canManage,
    canExport: access.canExport,
    result: ballot.status === 'closed' ? (ballot.result as unknown as BallotResult) : null,
  };
}

export type WrittenQuestionRow = {
  id: string;
  kind: BallotKind;
  status: BallotStatus;
  question: string;
  bodyName: string;
  organizationName: string;
  deadline: string;
  eligibleVoters: number;
  voted: number;
  passed: boolean | null;
  mayVote: boolean;
  hasVoted: boolean;
};

/** Written questions the viewer may see, open ones first (by deadline), then the latest closed. */
export async function listWrittenQuestions(db: Db, viewer: Principal & { id: string }, limit = 100): Promise<WrittenQuestionRow[]> {
  const rows = await db
    .select({
      id: ballots.id,
      kind: ballots.kind,
      status: ballots.status,
      question: ballots.question,
      bodyName: bodies.name,
      organizationName: organizations.name,
      deadline: ballots.deadline,
      eligibleVoters: ballots.eligibleVoters,
      voted: sql<number>`(select count(*) from ballot_participation p where p.ballot_id = "ballots"."id")::int`,
      passed: ballots.passed,
      mayVote: sql<boolean>`coalesce((select v.may_vote from ballot_voters v where v.ballot_id = "ballots"."id" and v.user_id = ${viewer.id}), false)`,
      hasVoted: sql<boolean>`exists (select 1 from ballot_participation p where p.ballot_id = "ballots"."id" and p.user_id = ${viewer.id})`,
      expired: sql<boolean>`${ballots.status} = 'open' and ${ballots.deadline} <= now()`,
    })
    .from(ballots)
    .innerJoin(bodies, eq(bodies.id, ballots.bodyId))
    .innerJoin(organizations, eq(organizations.id, ballots.organizationId))
    .where(visibleWrittenQuestions(viewer))
    .orderBy(sql`${ballots.status} = 'closed'`, sql`case when ${ballots.status} = 'open' then ${ballots.deadline} end asc`, desc(ballots.closedAt))
    .limit(limit);
  if (rows.some((r) => r.expired)) {
    for (const r of rows.filter((row) => row.expired)) await closeIfExpired(db, r.id);
    return listWrittenQuestions(db, viewer, limit);
  }
  return rows.map(({ expired: _expired, deadline, ...r }) => ({ ...r, deadline: deadline!.toISOString() }));
}

/** Bodies for which the viewer may create written questions (holders of `vote.manage`). */
export async function manageableBodies(db: Db, viewer: Principal) {
  return db
    .select({ id: bodies.id, name: bodies.name, organizationName: organizations.name })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(organizationScope(viewer, 'vote.manage'))
    .orderBy(asc(organizations.path), asc(bodies.kind));
}

export type MeetingBallotSummary = {
  id: string;
  kind: BallotKind;
  status: BallotStatus;
  question: string;
  agendaItemId: string | null;
  closedAt: string | null;
  result: BallotResult | null;
};

/** The ballots of a meeting (for the meeting page); results only for closed ones. Access checked by the caller. */
export async function meetingBallots(db: Db, meetingId: string): Promise<MeetingBallotSummary[]> {
  const rows = await db
    .select({
      id: ballots.id,
      kind: ballots.kind,
      status: ballots.status,
      question: ballots.question,
      agendaItemId: ballots.agendaItemId,
      closedAt: ballots.closedAt,
      result: ballots.result,
    })
    .from(ballots)
    .where(eq(ballots.meetingId, meetingId))
    .orderBy(asc(ballots.openedAt));
  return rows.map((r) => ({
    ...r,
    closedAt: r.closedAt?.toISOString() ?? null,
    result: r.status === 'closed' ? (r.result as unknown as BallotResult) : null,
  }));
}

/**
 * For resolutions: the latest closed ballot on an agenda item that passed (a question carried
 * under the body's rule, or an election with every seat filled). Undefined when none did.
 */
export async function passedBallotForAgendaItem(db: Db, agendaItemId: string) {
  const [row] = await db
    .select({
      id: ballots.id,
      kind: ballots.kind,
      question: ballots.question,
      meetingId: ballots.meetingId,
      organizationId: ballots.organizationId,
      bodyId: ballots.bodyId,
      closedAt: ballots.closedAt,
      result: ballots.result,
    })
    .from(ballots)
    .where(and(eq(ballots.agendaItemId, agendaItemId), eq(ballots.status, 'closed'), eq(ballots.passed, true)))
    .orderBy(desc(ballots.closedAt))
    .limit(1);
  return row && { ...row, result: row.result as unknown as BallotResult };
}

/** For resolutions: whether a ballot is closed and passed (e.g. to validate a ballot id given with a draft). */
export async function ballotOutcome(db: Db, ballotId: string) {
  const [row] = await db
    .select({ status: ballots.status, passed: ballots.passed, agendaItemId: ballots.agendaItemId, meetingId: ballots.meetingId, organizationId: ballots.organizationId })
    .from(ballots)
    .where(eq(ballots.id, ballotId));
  return row;
}

export type VoterListRow = {
  name: string;
  email: string;
  attendance: string | null;
  mayVote: boolean;
  voted: boolean;
  /** Named votes only. */
  choice: BallotChoice | null;
};

/** The eligibility snapshot with participation; for named votes, who chose what (after close only). */
export async function voterList(db: Db, ballotId: string, withChoices: boolean): Promise<VoterListRow[]> {
  const rows = await db
    .select({
      name: users.name,
      email: users.email,
      attendance: ballotVoters.attendance,
      mayVote: ballotVoters.mayVote,
      voted: sql<boolean>`${ballotParticipation.userId} is not null`,
      choice: withChoices ? ballotOptions.choice : sql<null>`null`,
    })
    .from(ballotVoters)
    .innerJoin(users, eq(users.id, ballotVoters.userId))
    .leftJoin(ballotParticipation, and(eq(ballotParticipation.ballotId, ballotVoters.ballotId), eq(ballotParticipation.userId, ballotVoters.userId)))
    .leftJoin(namedVotes, and(eq(namedVotes.ballotId, ballotVoters.ballotId), eq(namedVotes.userId, ballotVoters.userId)))
    .leftJoin(ballotOptions, eq(ballotOptions.id, namedVotes.optionId))
    .where(eq(ballotVoters.ballotId, ballotId))
    .orderBy(asc(users.name), asc(users.email));
  return rows;
}
