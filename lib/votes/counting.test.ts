import { describe, expect, it } from 'vitest';
import { type OptionCount, countElection, countQuestion, maxCandidates } from './counting';

const option = (label: string, votes: number): OptionCount => ({ optionId: label, label, choice: null, votes });
const counts = (validPapers: number) => ({ countedMembers: validPapers, eligibleVoters: validPapers, voted: validPapers, validPapers });

describe('maxCandidates (Decision 190-QĐ/TW)', () => {
  it('allows at most 30 % more candidates than seats, rounded down', () => {
    expect(maxCandidates(5, 30)).toBe(6);
    expect(maxCandidates(10, 30)).toBe(13);
    expect(maxCandidates(3, 30)).toBe(3);
    expect(maxCandidates(15, 30)).toBe(19);
    expect(maxCandidates(10, 0)).toBe(10);
  });
});

describe('countQuestion', () => {
  const answers = (agree: number, disagree: number, abstain: number): OptionCount[] => [
    { optionId: 'a', label: 'Tán thành', choice: 'agree', votes: agree },
    { optionId: 'd', label: 'Không tán thành', choice: 'disagree', votes: disagree },
    { optionId: 'x', label: 'Không biểu quyết', choice: 'abstain', votes: abstain },
  ];
  it('passes with more than half of ALL counted members agreeing, not of those voting', () => {
    const rule = { numerator: 1, denominator: 2 };
    expect(countQuestion('named', answers(17, 0, 0), { countedMembers: 35, eligibleVoters: 31, voted: 17 }, rule)).toMatchObject({ required: 18, passed: false });
    expect(countQuestion('named', answers(18, 13, 0), { countedMembers: 35, eligibleVoters: 31, voted: 31 }, rule)).toMatchObject({ required: 18, passed: true });
    // Exactly half is not more than half.
    expect(countQuestion('secret', answers(10, 10, 0), { countedMembers: 20, eligibleVoters: 20, voted: 20 }, rule).passed).toBe(false);
    expect(countQuestion('secret', answers(0, 0, 0), { countedMembers: 0, eligibleVoters: 0, voted: 0 }, rule).passed).toBe(false);
  });
  it('follows a 2/3 rule', () => {
    expect(countQuestion('named', answers(20, 10, 0), { countedMembers: 30, eligibleVoters: 30, voted: 30 }, { numerator: 2, denominator: 3 })).toMatchObject({ required: 21, passed: false });
  });
});

describe('countElection', () => {
  it('elects over half of valid ballots, highest first, up to the seats', () => {
    const result = countElection([option('A', 80), option('B', 51), option('C', 70), option('D', 50), option('E', 90)], counts(100), 3);
    expect(result.candidates.filter((c) => c.elected).map((c) => c.label)).toEqual(['E', 'A', 'C']);
    expect(result).toMatchObject({ required: 51, electedCount: 3, unfilledSeats: 0, tie: null, passed: true });
    expect(result.candidates.find((c) => c.label === 'B')).toMatchObject({ overHalf: true, elected: false, tied: false });
  });
  it('leaves seats unfilled when too few have more than half', () => {
    const result = countElection([option('A', 60), option('B', 50), option('C', 30)], counts(100), 2);
    expect(result).toMatchObject({ electedCount: 1, unfilledSeats: 1, tie: null, passed: false });
  });
  it('states a tie for the last seat instead of choosing', () => {
    const result = countElection([option('A', 90), option('B', 70), option('C', 70), option('D', 20)], counts(100), 2);
    expect(result.candidates.filter((c) => c.elected).map((c) => c.label)).toEqual(['A']);
    expect(result.tie).toEqual({ optionIds: ['B', 'C'], seats: 1, votes: 70 });
    expect(result.candidates.filter((c) => c.tied).map((c) => c.label)).toEqual(['B', 'C']);
    expect(result).toMatchObject({ unfilledSeats: 1, passed: false });
  });
  it('elects tied candidates when there are seats for all of them', () => {
    const result = countElection([option('A', 70), option('B', 70), option('C', 10)], counts(100), 2);
    expect(result).toMatchObject({ electedCount: 2, tie: null, passed: true });
  });
  it('elects nobody on no valid ballots', () => {
    expect(countElection([option('A', 0)], counts(0), 1)).toMatchObject({ electedCount: 0, passed: false });
  });
});
