import 'server-only';
import { and, asc, count, eq, lte, sql } from 'drizzle-orm';
import {
  type Ballot,
  type BallotChoice,
  type BallotKind,
  agendaItems,
  attendance,
  ballotOptions,
  ballotParticipation,
  ballotVoters,
  ballots,
  bodies,
  bodySeats,
  meetings,
  namedVotes,
  organizations,
  secretTallies,
} from '@/db/schema';
import { type AuditEntry, type Auditor, insertAuditRows, recordAudit } from '@/lib/audit/record';
import { type Principal, can } from '@/lib/auth/permissions';
import { batchLoader, perDatabase } from '@/lib/db/batch-loader';
import { type Db, getDb } from '@/lib/db/client';
import { executePrepared } from '@/lib/db/prepared';
import { meetingAccess } from '@/lib/meetings/access';
import { announceMeetingChange, meetingChangeNotice } from '@/lib/meetings/events';
import { PRESENT_STATUSES, isCountedMember } from '@/lib/meetings/quorum';
import { logger } from '@/lib/log/logger';
import { AppError, rootCause } from '@/lib/server/errors';
import { ballotAccess } from './access';
import { type BallotResult, type OptionCount, QUESTION_CHOICES, countElection, countQuestion, maxCandidates } from './counting';
import { voteError } from './errors';

/**
 * The voting commands. Each runs in the caller's transaction (a server action's or a route's),
 * checks the ballot or meeting access rule itself, writes its audit row and, for ballots in a
 * meeting, announces the change on the live-meeting channel (delivered only on commit).
 *
 * Secret ballots (kind `secret` and `election`) — how unlinkability is kept:
 * - the fact of voting is a (ballot, user) row in `ballot_participation`, without time or sequence;
 * - the choice only ever increments counters in `secret_tallies` (no user, time or sequence), and
 *   every cast touches every counter of the ballot (+1 or +0), in a fixed order;
 * - both in ONE transaction, so there is never a vote without its participation or the reverse;
 * - the audit row says "X voted in ballot B", never what; nothing is logged about the choice; the
 *   live state shows only how many have voted until the ballot closes.
 * Residual links at the storage level, outside what the application can read or write: the
 * participation row and the counter row versions written by one cast carry the same transaction id
 * (xmin); because every counter is rewritten, the latest version says nothing about the choice,
 * but superseded row versions stay in the table's pages until (auto)vacuum removes them, and the
 * write-ahead log keeps every version until it is recycled. Someone with file-level access to
 * the database server during the vote could compare successive counter versions. Operators who
 * need more should run VACUUM on `secret_tallies` after the vote and keep WAL archiving off for it.
 */

export type VoteActor = Principal & { id: string; name?: string };

export type VoteContext = {
  tx: Db;
  viewer: VoteActor;
  audit: Auditor;
};

function auditOf(ballot: Pick<Ballot, 'id' | 'organizationId'>, action: string, details: Record<string, unknown>): AuditEntry {
  return { action, organizationId: ballot.organizationId, entityType: 'ballot', entityId: ballot.id, details };
}

/** Option labels of a question are stored in Vietnamese (the record language); screens translate by `choice`. */
const CHOICE_LABELS_VI: Record<BallotChoice, string> = { agree: 'Tán thành', disagree: 'Không tán thành', abstain: 'Không biểu quyết' };

async function bodyRules(db: Db, bodyId: string) {
  const [body] = await db
    .select({
      id: bodies.id,
      organizationId: bodies.organizationId,
      passNumerator: bodies.votePassNumerator,
      passDenominator: bodies.votePassDenominator,
      allowRemote: bodies.voteAllowRemote,
      allowChange: bodies.voteAllowChange,
      surplusPercent: bodies.electionSurplusPercent,
      organizationPath: organizations.path,
    })
    .from(bodies)
    .innerJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(bodies.id, bodyId));
  return body;
}

function cleanCandidates(candidates: readonly string[]) {
  const names = candidates.map((c) => c.trim().replace(/\s+/g, ' ')).filter(Boolean);
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLocaleLowerCase('vi');
    if (seen.has(key)) throw voteError('duplicateCandidate', 'candidates');
    seen.add(key);
  }
  return names;
}

type NewBallot = {
  organizationId: string;
  bodyId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  kind: BallotKind;
  question: string;
  description: string | null;
  seats: number | null;
  deadline: Date | null;
  rules: NonNullable<Awaited<ReturnType<typeof bodyRules>>>;
  voters: { userId: string; attendance: (typeof attendance.status.enumValues)[number] | null; mayVote: boolean }[];
  candidates: string[];
};

/** Inserts the ballot, its options (and secret counters) and the eligibility snapshot. */
async function insertBallot(ctx: VoteContext, spec: NewBallot) {
  const eligible = spec.voters.filter((v) => v.mayVote).length;
  if (eligible === 0) throw voteError('noEligibleVoters');
  const allowChange = spec.kind === 'named' && spec.rules.allowChange;
  const [ballot] = await ctx.tx
    .insert(ballots)
    .values({
      organizationId: spec.organizationId,
      bodyId: spec.bodyId,
      meetingId: spec.meetingId,
      agendaItemId: spec.agendaItemId,
      kind: spec.kind,
      question: spec.question,
      description: spec.description,
      seats: spec.seats,
      passNumerator: spec.rules.passNumerator,
      passDenominator: spec.rules.passDenominator,
      allowChange,
      deadline: spec.deadline,
      countedMembers: spec.voters.length,
      eligibleVoters: eligible,
      openedBy: ctx.viewer.id,
    })
    .returning();
  const options =
    spec.kind === 'election'
      ? spec.candidates.map((label, i) => ({ ballotId: ballot!.id, position: i + 1, label, choice: null }))
      : QUESTION_CHOICES.map((choice, i) => ({ ballotId: ballot!.id, position: i + 1, label: CHOICE_LABELS_VI[choice], choice }));
  const inserted = await ctx.tx.insert(ballotOptions).values(options).returning({ id: ballotOptions.id });
  if (spec.kind !== 'named') {
    await ctx.tx.insert(secretTallies).values(inserted.map((o) => ({ optionId: o.id, ballotId: ballot!.id })));
  }
  await ctx.tx.insert(ballotVoters).values(spec.voters.map((v) => ({ ballotId: ballot!.id, ...v })));
  return ballot!;
}

export type OpenMeetingBallotInput = {
  meetingId: string;
  agendaItemId: string;
  kind: BallotKind;
  question?: string | null;
  candidates?: readonly string[];
  seats?: number | null;
};

/**
 * The chair (or whoever runs the meeting or holds `vote.manage`) opens a vote on a decision or
 * election item of a meeting in progress. The eligibility snapshot is taken now: every counted
 * member of the body (24-QĐ/TW §9.3, as for the quorum) is in the base of the majority; of them,
 * those present (or online, where the body allows remote voting) may vote.
 */
export async function openMeetingBallot(ctx: VoteContext, input: OpenMeetingBallotInput) {
  const access = await meetingAccess(ctx.tx, ctx.viewer, input.meetingId);
  const scope = access && { organizationPath: access.organizationPath };
  if (!access || !(access.canRun || can(ctx.viewer, 'vote.manage', scope!))) throw new AppError('NOT_FOUND');
  const [meeting] = await ctx.tx
    .select({ status: meetings.status, bodyId: meetings.bodyId, organizationId: meetings.organizationId })
    .from(meetings)
    .where(eq(meetings.id, input.meetingId))
    .for('update');
  if (!meeting) throw new AppError('NOT_FOUND');
  if (meeting.status !== 'in_progress') throw voteError('notInProgress');
  const [item] = await ctx.tx
    .select({ id: agendaItems.id, title: agendaItems.title, kind: agendaItems.kind })
    .from(agendaItems)
    .where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, input.meetingId)));
  if (!item) throw voteError('wrongItem', 'agendaItemId');
  const fits = input.kind === 'election' ? item.kind === 'election' : item.kind === 'decision' || item.kind === 'election';
  if (!fits) throw voteError('wrongItem', 'agendaItemId');
  const [open] = await ctx.tx
    .select({ id: ballots.id })
    .from(ballots)
    .where(and(eq(ballots.meetingId, input.meetingId), eq(ballots.status, 'open')));
  if (open) throw voteError('alreadyOpen');

  const rules = (await bodyRules(ctx.tx, meeting.bodyId))!;
  const candidates = input.kind === 'election' ? cleanCandidates(input.candidates ?? []) : [];
  const seats = input.kind === 'election' ? (input.seats ?? 0) : null;
  if (input.kind === 'election') {
    if (!seats || seats < 1 || candidates.length < seats) throw voteError('tooFewCandidates', 'candidates');
    if (candidates.length > maxCandidates(seats, rules.surplusPercent)) throw voteError('tooManyCandidates', 'candidates');
  }

  const [seatRows, markRows] = await Promise.all([
    ctx.tx.select({ userId: bodySeats.userId, status: bodySeats.status }).from(bodySeats).where(eq(bodySeats.bodyId, meeting.bodyId)),
    ctx.tx.select({ userId: attendance.userId, status: attendance.status }).from(attendance).where(eq(attendance.meetingId, input.meetingId)),
  ]);
  const marks = new Map(markRows.map((m) => [m.userId, m.status]));
  const voters = seatRows
    .filter((seat) => isCountedMember(seat.status, marks.get(seat.userId)))
    .map((seat) => {
      const mark = marks.get(seat.userId) ?? null;
      const present = mark !== null && PRESENT_STATUSES.includes(mark);
      return { userId: seat.userId, attendance: mark, mayVote: present && (mark !== 'online' || rules.allowRemote) };
    });

  const ballot = await insertBallot(ctx, {
    organizationId: meeting.organizationId,
    bodyId: meeting.bodyId,
    meetingId: input.meetingId,
    agendaItemId: item.id,
    kind: input.kind,
    question: input.question?.trim() || item.title,
    description: null,
    seats,
    deadline: null,
    rules,
    voters,
    candidates,
  });
  await ctx.audit(
    auditOf(ballot, 'vote.ballot.open', {
      meetingId: input.meetingId,
      agendaItemId: item.id,
      kind: ballot.kind,
      countedMembers: ballot.countedMembers,
      eligibleVoters: ballot.eligibleVoters,
      ...(seats ? { seats, candidates: candidates.length } : {}),
    }),
  );
  await announceMeetingChange(ctx.tx, input.meetingId, 'ballot');
  return { ballotId: ballot.id };
}

export type WrittenQuestionInput = {
  bodyId: string;
  kind: 'named' | 'secret';
  question: string;
  description?: string | null;
  deadline: Date;
};

/**
 * A written question outside meetings (lấy ý kiến bằng văn bản), for one body, with a deadline.
 * There is no attendance: every member with an active seat may answer and forms the base of
 * the majority; members exempted from activity, on temporary transfer, suspended or detained are
 * not counted (24-QĐ/TW §9.3 counts exempted members only when they take part in a meeting).
 */
export async function createWrittenQuestion(ctx: VoteContext, input: WrittenQuestionInput) {
  const rules = await bodyRules(ctx.tx, input.bodyId);
  if (!rules || !can(ctx.viewer, 'vote.manage', { organizationPath: rules.organizationPath })) throw new AppError('NOT_FOUND');
  const [now] = await ctx.tx.select({ at: sql<Date>`now()`.mapWith((v: string) => new Date(v)) }).from(sql`(select 1) as one`);
  if (input.deadline.getTime() <= now!.at.getTime() + 60_000) throw voteError('deadlinePast', 'deadline');
  const seatRows = await ctx.tx
    .select({ userId: bodySeats.userId, status: bodySeats.status })
    .from(bodySeats)
    .where(and(eq(bodySeats.bodyId, input.bodyId), eq(bodySeats.status, 'active')));
  const ballot = await insertBallot(ctx, {
    organizationId: rules.organizationId,
    bodyId: input.bodyId,
    meetingId: null,
    agendaItemId: null,
    kind: input.kind,
    question: input.question.trim(),
    description: input.description?.trim() || null,
    seats: null,
    deadline: input.deadline,
    rules,
    voters: seatRows.map((s) => ({ userId: s.userId, attendance: null, mayVote: true })),
    candidates: [],
  });
  await ctx.audit(
    auditOf(ballot, 'vote.written_question.create', {
      bodyId: input.bodyId,
      kind: ballot.kind,
      deadline: input.deadline.toISOString(),
      eligibleVoters: ballot.eligibleVoters,
    }),
  );
  return { ballotId: ballot.id };
}

export type CastInput = { ballotId: string; choice?: string | null; optionIds?: readonly string[] };

type CastTarget = {
  id: string;
  organizationId: string;
  meetingId: string | null;
  kind: BallotKind;
  status: Ballot['status'];
  seats: number | null;
  allowChange: boolean;
  expired: boolean;
  mayVote: boolean | null;
  options: { id: string; choice: BallotChoice | null }[];
};

/** The options the cast chooses, or the refusal of a forged or over-full paper. */
function chosenOptions(target: CastTarget, input: CastInput): string[] {
  if (target.kind === 'election') {
    const ids = [...new Set(input.optionIds ?? [])];
    if (input.choice || ids.length !== (input.optionIds ?? []).length) throw voteError('invalidChoice');
    if (ids.some((id) => !target.options.some((o) => o.id === id))) throw voteError('invalidChoice');
    if (ids.length > target.seats!) throw voteError('tooManyTicks');
    return ids;
  }
  const option = target.options.find((o) => o.choice !== null && o.choice === input.choice);
  if (!option || (input.optionIds?.length ?? 0) > 0) throw voteError('invalidChoice');
  return [option.id];
}

/**
 * The writes of casts, as CTEs over `paper` (rows: ballot_id, user_id, kind, chosen uuid[],
 * meeting_id; at most one per voter and ballot, none when nothing is to be written): the
 * participation rows (one vote per voter by their primary key: insert … on conflict do nothing,
 * safe under concurrency, in key order so that concurrent statements queue instead of
 * deadlocking), `cast` (the papers whose participation row this statement wrote), then the named
 * votes, or every counter of the secret ballots rewritten (+k or +0) after locking them in a fixed
 * order (see the header comment). Announces progress on the live channel once per meeting.
 */
function castWrites() {
  return sql`participation as (
      insert into ballot_participation (ballot_id, user_id)
      select ballot_id, user_id from paper order by ballot_id, user_id
      on conflict do nothing returning ballot_id, user_id
    ), cast_paper as (
      select paper.* from paper join participation using (ballot_id, user_id)
    ), vote as (
      insert into named_votes (ballot_id, user_id, option_id)
      select ballot_id, user_id, chosen[1] from cast_paper where kind = 'named'
      returning 1
    ), locked as (
      select t.option_id from secret_tallies t
      where t.ballot_id in (select ballot_id from cast_paper where kind <> 'named')
      order by t.option_id for update
    ), counted as (
      update secret_tallies t set votes = t.votes + (select count(*) from cast_paper c where t.option_id = any(c.chosen))
      from locked where t.option_id = locked.option_id
      returning 1
    ), announced as (
      select ${meetingChangeNotice(sql`m.meeting_id`, 'ballot_progress')}
      from (select distinct meeting_id from cast_paper where meeting_id is not null) m
    ), written as (
      -- Read in full before any audit row (the audit trigger's chain lock, held until commit, is
      -- always the last lock a cast takes). Its value must be used, or nothing is announced.
      select (select count(*) from vote) + (select count(*) from counted) + (select count(*) from announced) as writes
    )`;
}

/** One voter's paper: who casts (the audit carries the request) and what. */
type Paper = { viewer: VoteActor; audit: Auditor; input: CastInput };

type CastRow = CastTarget & { voted: boolean; paperWritten: boolean };

/**
 * Casts the viewer's vote in the caller's transaction (or on its own: the usual paper is one
 * statement, see `castStatement`). An election's ticks or a changed vote need the paper checked
 * here first: those go through `castChecked` in a transaction. Named votes may be changed before
 * close where the body allows; secret votes never.
 */
export async function castVote(ctx: VoteContext, input: CastInput) {
  const [row] = await castStatement(ctx.tx, [{ viewer: ctx.viewer, audit: ctx.audit, input }]);
  return settleCast(ctx, input, row);
}

/**
 * `castVote` outside any transaction, for the ballot API: the papers of voters who cast together
 * (in one turn of the event loop, as when a whole committee votes at once) share one statement
 * and one commit. Each still gets its own answer; a paper that needs more (an election, a change,
 * a refusal) continues on its own exactly as in `castVote`.
 */
export async function castVoteTogether(ctx: Omit<VoteContext, 'tx'>, input: CastInput) {
  const db = getDb();
  const row = await castLoader(db).load({ viewer: ctx.viewer, audit: ctx.audit, input });
  return settleCast({ ...ctx, tx: db }, input, row);
}

const castLoader = perDatabase((db) =>
  batchLoader(
    async (papers: readonly Paper[]) => {
      try {
        return await castStatement(db, papers);
      } catch (error) {
        // One paper must not sink the others: when the failure may come from one paper's data
        // (a data or integrity error) or from meeting another writer (serialization, deadlock),
        // each is tried alone. A timeout or a lost database fails them all at once.
        if (papers.length === 1 || !/^(22|23|40)/.test(rootCause(error).code ?? '')) throw error;
        logger.warn({ err: error, papers: papers.length }, 'vote batch failed; casting its papers one by one');
        return Promise.all(papers.map((paper) => castStatement(db, [paper]).then(([row]) => row, (err: unknown) => toError(err))));
      }
    },
    { maxInFlight: 1 },
  ),
);

const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

async function settleCast(ctx: VoteContext, input: CastInput, target: CastRow | undefined) {
  if (!target) throw new AppError('NOT_FOUND');
  if (!target.mayVote) {
    if (!(await ballotAccess(ctx.tx, ctx.viewer, input.ballotId))) throw new AppError('NOT_FOUND');
    if (target.status !== 'open') throw voteError('closed');
    throw voteError('notEligible');
  }
  if (target.status !== 'open') throw voteError('closed');
  if (target.expired) {
    // Closed at its deadline: counted in its own transaction once this one has rolled back and
    // let go of its connection and lock (awaiting it here could starve the pool).
    setImmediate(() => void closeIfExpired(getDb(), target.id).catch((err: unknown) => logger.error({ err, ballotId: target.id }, 'lazy close failed')));
    throw voteError('closed');
  }
  if (target.paperWritten && target.voted) return { changed: false };
  return ctx.tx.transaction((tx) => castChecked({ ...ctx, tx, audit: ctx.audit.on(tx) }, input));
}

/**
 * The cast statement, for one paper or many: each target ballot as its voter sees it and, for
 * every valid paper on a question (the first one of a voter, when one sends two at once), the
 * writes (`castWrites`) and the audit rows. Nothing is written for a refused paper; the refusals
 * are raised by `settleCast`. The share lock on the ballot makes a close (which takes it for
 * update) wait for casts in flight, so no cast lands after it. One row per paper, in order
 * (undefined for a ballot that does not exist).
 */
async function castStatement(db: Db, papers: readonly Paper[]): Promise<(CastRow | undefined)[]> {
  // One array parameter per column (drizzle would spread a plain array into a list of parameters).
  const column = <T>(pick: (paper: Paper) => T) => sql.param(papers.map(pick));
  const rows = await executePrepared<CastRow & { n: number }>(
    db,
    sql`
      with input as (
        select * from unnest(
          ${column((p) => p.input.ballotId)}::uuid[], ${column((p) => p.viewer.id)}::uuid[], ${column((p) => p.input.choice ?? null)}::text[],
          ${column((p) => (p.input.optionIds?.length ?? 0) > 0)}::boolean[], ${column((p) => p.audit.actor?.id ?? null)}::uuid[],
          ${column((p) => p.audit.actor?.name ?? null)}::text[], ${column((p) => p.audit.meta.ip)}::inet[], ${column((p) => p.audit.meta.userAgent)}::text[]
        ) with ordinality as i(ballot_id, user_id, choice, ticked, actor_id, actor_name, ip, user_agent, n)
      ), ballot as (
        select b.id, b.organization_id, b.meeting_id, b.kind, b.status, b.seats, b.allow_change,
          coalesce(b.deadline <= now(), false) as expired,
          (select coalesce(json_agg(json_build_object('id', o.id, 'choice', o.choice) order by o.position), '[]'::json)
             from ballot_options o where o.ballot_id = b.id) as options
        from ballots b where b.id in (select ballot_id from input)
        for share of b
      ), target as (
        select i.*, b.organization_id, b.meeting_id, b.kind, b.status, b.seats, b.allow_change, b.expired, b.options, v.may_vote, c.chosen,
          -- One column, not five conditions: the planner then expects many papers, not one, and
          -- joins them to what was written by hashing instead of comparing every pair.
          coalesce(v.may_vote and b.status = 'open' and not b.expired and b.kind <> 'election' and c.chosen is not null and not i.ticked, false) as valid
        from input i join ballot b on b.id = i.ballot_id
        left join ballot_voters v on v.ballot_id = b.id and v.user_id = i.user_id
        left join lateral (select array[o.id] as chosen from ballot_options o where o.ballot_id = b.id and o.choice::text = i.choice) c on true
      ), paper as (
        select distinct on (ballot_id, user_id) * from target where valid
        order by ballot_id, user_id, n
      ), ${castWrites()}, audited as (
        ${insertAuditRows(sql`select c.actor_id, c.actor_name, 'vote.cast', c.organization_id, 'ballot', c.ballot_id::text, c.ip, c.user_agent, '{}'::jsonb
          from cast_paper c, written where written.writes >= 0 order by c.n`)}
      )
      select t.n::int as n, t.ballot_id as id, t.organization_id as "organizationId", t.meeting_id as "meetingId", t.kind, t.status, t.seats,
        t.allow_change as "allowChange", t.expired, t.may_vote as "mayVote", t.options,
        c.n is not null as voted, p.n is not null as "paperWritten"
      from target t
      left join (select n from paper) p on p.n = t.n
      left join (select n from cast_paper) c on c.n = t.n`,
  );
  const byN = new Map(rows.map(({ n, ...row }) => [n, row]));
  return papers.map((_, i) => byN.get(i + 1));
}

/** An election's paper or a changed vote, in a transaction: the statement again (for its lock and checks), then the paper. */
async function castChecked(ctx: VoteContext, input: CastInput) {
  const userId = ctx.viewer.id;
  const [target] = await castStatement(ctx.tx, [{ viewer: ctx.viewer, audit: ctx.audit, input }]);
  if (!target) throw new AppError('NOT_FOUND');
  let voted = target.voted;
  if (!target.paperWritten) {
    const chosen = chosenOptions(target, input);
    const [written] = (
      await ctx.tx.execute<{ voted: boolean }>(sql`
        with paper as (
          select ${target.id}::uuid as ballot_id, ${userId}::uuid as user_id, ${target.kind}::ballot_kind as kind,
            array[${sql.join(
              chosen.map((id) => sql`${id}::uuid`),
              sql`, `,
            )}]::uuid[] as chosen, ${target.meetingId}::uuid as meeting_id
        ), ${castWrites()}
        select exists (select 1 from cast_paper) as voted, (select writes from written) as writes`)
    ).rows;
    voted = written!.voted;
    if (voted) {
      await ctx.audit(auditOf(target, 'vote.cast', {}));
      return { changed: false };
    }
  } else if (voted) return { changed: false };

  if (target.kind !== 'named' || !target.allowChange) throw voteError('alreadyVoted');
  const [optionId] = chosenOptions(target, input);
  await ctx.tx
    .update(namedVotes)
    .set({ optionId, castAt: sql`now()`, changes: sql`${namedVotes.changes} + 1` })
    .where(and(eq(namedVotes.ballotId, target.id), eq(namedVotes.userId, userId)));
  if (target.meetingId) await announceMeetingChange(ctx.tx, target.meetingId, 'ballot');
  await ctx.audit(auditOf(target, 'vote.cast.change', {}));
  return { changed: true };
}

async function loadOptionCounts(db: Db, ballot: Pick<Ballot, 'id' | 'kind'>): Promise<OptionCount[]> {
  if (ballot.kind === 'named') {
    const rows = await db
      .select({
        optionId: ballotOptions.id,
        label: ballotOptions.label,
        choice: ballotOptions.choice,
        votes: sql<number>`(select count(*) from named_votes n where n.option_id = "ballot_options"."id")::int`,
      })
      .from(ballotOptions)
      .where(eq(ballotOptions.ballotId, ballot.id))
      .orderBy(asc(ballotOptions.position));
    return rows;
  }
  return db
    .select({ optionId: ballotOptions.id, label: ballotOptions.label, choice: ballotOptions.choice, votes: secretTallies.votes })
    .from(ballotOptions)
    .innerJoin(secretTallies, eq(secretTallies.optionId, ballotOptions.id))
    .where(eq(ballotOptions.ballotId, ballot.id))
    .orderBy(asc(ballotOptions.position));
}

/** The count of a ballot from its stored votes (used at close; also by tests). */
export async function countBallot(db: Db, ballot: Ballot): Promise<BallotResult> {
  const [options, [voted]] = await Promise.all([
    loadOptionCounts(db, ballot),
    db.select({ n: count() }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id)),
  ]);
  const counts = { countedMembers: ballot.countedMembers, eligibleVoters: ballot.eligibleVoters, voted: voted!.n };
  if (ballot.kind === 'election') return countElection(options, { ...counts, validPapers: voted!.n }, ballot.seats!);
  return countQuestion(ballot.kind, options, counts, { numerator: ballot.passNumerator, denominator: ballot.passDenominator });
}

/** Closes a locked, open ballot: counts it and fixes the result. */
async function finish(db: Db, ballot: Ballot, closedBy: string | null) {
  const result = await countBallot(db, ballot);
  await db
    .update(ballots)
    .set({ status: 'closed', closedAt: sql`now()`, closedBy, result: result as unknown as Record<string, unknown>, passed: result.passed })
    .where(eq(ballots.id, ballot.id));
  if (ballot.meetingId) await announceMeetingChange(db, ballot.meetingId, 'ballot');
  return result;
}

/** Those who manage the ballot close it; the result is counted and fixed at once. */
export async function closeBallot(ctx: VoteContext, ballotId: string) {
  const access = await ballotAccess(ctx.tx, ctx.viewer, ballotId);
  if (!access?.canManage) throw new AppError('NOT_FOUND');
  const [ballot] = await ctx.tx.select().from(ballots).where(eq(ballots.id, ballotId)).for('update');
  if (!ballot) throw new AppError('NOT_FOUND');
  if (ballot.status !== 'open') throw voteError('alreadyClosed');
  const result = await finish(ctx.tx, ballot, ctx.viewer.id);
  await ctx.audit(auditOf(ballot, 'vote.ballot.close', { voted: result.voted, passed: result.passed }));
  return result;
}

async function closeExpired(db: Db, where: ReturnType<typeof and>) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(ballots)
      .where(and(eq(ballots.status, 'open'), lte(ballots.deadline, sql`now()`), where))
      .orderBy(asc(ballots.id))
      .for('update', { skipLocked: true });
    for (const ballot of due) {
      const result = await finish(tx, ballot, null);
      await recordAudit(tx, null, { ip: null, userAgent: 'quorum' }, auditOf(ballot, 'vote.ballot.auto_close', { voted: result.voted, passed: result.passed }));
    }
    return due.length;
  });
}

/**
 * Closes every written question whose deadline has passed (the job queue runs it every minute;
 * reads and casts also close lazily). Idempotent: a closed ballot is never counted twice, and
 * rows another worker is closing are skipped. Returns how many were closed.
 */
export async function closeExpiredBallots(db: Db = getDb()): Promise<number> {
  return closeExpired(db, undefined);
}

/** Closes one ballot if its deadline has passed (lazy close on read and cast). */
export async function closeIfExpired(db: Db, ballotId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(ballotId)) return false;
  const [due] = await db
    .select({ id: ballots.id })
    .from(ballots)
    .where(and(eq(ballots.id, ballotId), eq(ballots.status, 'open'), lte(ballots.deadline, sql`now()`)));
  if (!due) return false;
  return (await closeExpired(db, eq(ballots.id, ballotId))) > 0;
}
