import type { BallotChoice, BallotKind } from '@/db/schema';
import { smallestMajority } from '@/lib/meetings/quorum';

/**
 * The counting rules, pure (no database): used at close, for the results page, the vote-count
 * sheet and the tests.
 */

export type PassRule = { numerator: number; denominator: number };

/**
 * Decision 190-QĐ/TW: candidates may exceed seats by at most `surplusPercent` (default 30 %).
 * E.g. 7 seats × 1.3 = 9.1 → at most 9 candidates.
 */
export function maxCandidates(seats: number, surplusPercent: number): number {
  return Math.floor((seats * (100 + surplusPercent)) / 100);
}

export type OptionCount = { optionId: string; label: string; choice: BallotChoice | null; votes: number };

export type QuestionResult = {
  kind: 'named' | 'secret';
  countedMembers: number;
  eligibleVoters: number;
  voted: number;
  agree: number;
  disagree: number;
  abstain: number;
  /** "Agree" needed: more than numerator/denominator of ALL counted members (24-QĐ/TW §9.3). */
  required: number;
  rule: PassRule;
  passed: boolean;
  options: OptionCount[];
};

export type CandidateResult = OptionCount & {
  /** Share of valid ballots, 0–100, one decimal. */
  percent: number;
  /** More than half of the valid ballots. */
  overHalf: boolean;
  elected: boolean;
  /** Tied for the last seat(s) with more candidates than seats left: not elected, a new round decides. */
  tied: boolean;
};

export type ElectionResult = {
  kind: 'election';
  countedMembers: number;
  eligibleVoters: number;
  voted: number;
  seats: number;
  validPapers: number;
  /** Always 0 here: a paper with too many ticks is refused when cast, not counted as spoiled. */
  invalidPapers: number;
  /** Votes needed: more than half of the valid ballots. */
  required: number;
  candidates: CandidateResult[];
  electedCount: number;
  unfilledSeats: number;
  /** Set when a tie at the boundary kept seats unfilled: who is tied and for how many seats. */
  tie: { optionIds: string[]; seats: number; votes: number } | null;
  passed: boolean;
};

export type BallotResult = QuestionResult | ElectionResult;

/** A question passes when "agree" is more than the rule's fraction of all counted members. */
export function countQuestion(
  kind: 'named' | 'secret',
  options: OptionCount[],
  counts: { countedMembers: number; eligibleVoters: number; voted: number },
  rule: PassRule,
): QuestionResult {
  const of = (choice: BallotChoice) => options.find((o) => o.choice === choice)?.votes ?? 0;
  const required = smallestMajority(counts.countedMembers, rule);
  const agree = of('agree');
  return {
    kind,
    ...counts,
    agree,
    disagree: of('disagree'),
    abstain: of('abstain'),
    required,
    rule,
    passed: counts.countedMembers > 0 && agree >= required,
    options,
  };
}

/**
 * Elections: a candidate with more than half of the valid ballots is elected, highest first, up
 * to the seats. When candidates tied on the same number of votes would together exceed the
 * seats left, none of them is elected and the tie is stated (the congress votes again for them).
 */
export function countElection(
  options: OptionCount[],
  counts: { countedMembers: number; eligibleVoters: number; voted: number; validPapers: number },
  seats: number,
): ElectionResult {
  const required = Math.floor(counts.validPapers / 2) + 1;
  const sorted = [...options].sort((a, b) => b.votes - a.votes || a.label.localeCompare(b.label, 'vi'));
  const elected = new Set<string>();
  const tied = new Set<string>();
  let tie: ElectionResult['tie'] = null;
  let left = seats;
  for (let i = 0; i < sorted.length && left > 0; ) {
    const votes = sorted[i]!.votes;
    if (counts.validPapers === 0 || votes < required) break;
    const group = sorted.filter((o) => o.votes === votes);
    if (group.length <= left) {
      for (const o of group) elected.add(o.optionId);
      left -= group.length;
    } else {
      for (const o of group) tied.add(o.optionId);
      tie = { optionIds: group.map((o) => o.optionId), seats: left, votes };
      break;
    }
    i += group.length;
  }
  const candidates = sorted.map((o) => ({
    ...o,
    percent: counts.validPapers ? Math.round((o.votes * 1000) / counts.validPapers) / 10 : 0,
    overHalf: counts.validPapers > 0 && o.votes >= required,
    elected: elected.has(o.optionId),
    tied: tied.has(o.optionId),
  }));
  return {
    kind: 'election',
    ...counts,
    seats,
    invalidPapers: 0,
    required,
    candidates,
    electedCount: elected.size,
    unfilledSeats: seats - elected.size,
    tie,
    passed: elected.size === seats,
  };
}

export const QUESTION_CHOICES: readonly BallotChoice[] = ['agree', 'disagree', 'abstain'];

export const isSecretKind = (kind: BallotKind) => kind !== 'named';
