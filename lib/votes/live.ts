import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { type BallotChoice, type BallotKind, type BallotStatus, ballots } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import type { BallotResult } from './counting';

/**
 * The ballot part of the live meeting state (lib/meetings/live.ts): the open ballot, or the last
 * closed one with its result. While open it says how many have voted, never the tally — not even
 * to the chair. Built once per change and shared; each viewer's own part (`LiveBallotMe`) comes
 * from `voterOf` without further queries.
 */
export type LiveBallot = {
  id: string;
  kind: BallotKind;
  status: BallotStatus;
  question: string;
  agendaItemId: string | null;
  seats: number | null;
  allowChange: boolean;
  options: { id: string; label: string; choice: BallotChoice | null }[];
  countedMembers: number;
  eligibleVoters: number;
  voted: number;
  result: BallotResult | null;
};

export type LiveBallotMe = { mayVote: boolean; voted: boolean; choice: BallotChoice | null };

export type LiveBallotBuild = { ballot: LiveBallot | null; voterOf: ReadonlyMap<string, LiveBallotMe> };

const NONE: LiveBallotBuild = { ballot: null, voterOf: new Map() };

/** One query (the live state's query count stays fixed): the ballot with its options and voters as JSON. */
export async function loadLiveBallot(db: Db, meetingId: string): Promise<LiveBallotBuild> {
  const [ballot] = await db
    .select({
      id: ballots.id,
      kind: ballots.kind,
      status: ballots.status,
      question: ballots.question,
      agendaItemId: ballots.agendaItemId,
      seats: ballots.seats,
      allowChange: ballots.allowChange,
      countedMembers: ballots.countedMembers,
      eligibleVoters: ballots.eligibleVoters,
      result: ballots.result,
      // Qualified by hand: inside the correlated subqueries an unqualified column would be theirs.
      options: sql<LiveBallot['options']>`coalesce((select json_agg(json_build_object('id', o.id, 'label', o.label, 'choice', o.choice) order by o.position)
        from ballot_options o where o.ballot_id = "ballots"."id"), '[]'::json)`,
      voters: sql<[string, boolean, boolean, string | null][]>`coalesce((select json_agg(json_build_array(v.user_id, v.may_vote, p.user_id is not null, n.option_id))
        from ballot_voters v
        left join ballot_participation p on p.ballot_id = v.ballot_id and p.user_id = v.user_id
        left join named_votes n on n.ballot_id = v.ballot_id and n.user_id = v.user_id
        where v.ballot_id = "ballots"."id"), '[]'::json)`,
    })
    .from(ballots)
    .where(eq(ballots.meetingId, meetingId))
    .orderBy(sql`${ballots.status} = 'open' desc`, desc(ballots.openedAt))
    .limit(1);
  if (!ballot) return NONE;
  const { options, voters, ...rest } = ballot;
  const choiceOf = new Map(options.map((o) => [o.id, o.choice]));
  const voterOf = new Map<string, LiveBallotMe>();
  let voted = 0;
  for (const [userId, mayVote, hasVoted, optionId] of voters) {
    if (hasVoted) voted++;
    voterOf.set(userId, { mayVote, voted: hasVoted, choice: optionId ? (choiceOf.get(optionId) ?? null) : null });
  }
  return {
    ballot: { ...rest, options, voted, result: rest.status === 'closed' ? (rest.result as unknown as BallotResult) : null },
    voterOf,
  };
}

export const NOT_A_VOTER: LiveBallotMe = { mayVote: false, voted: false, choice: null };
