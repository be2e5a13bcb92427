import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { agendaItems, auditEvents, ballotParticipation, ballots, bodies, namedVotes, secretTallies } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type LiveFixture, liveMeeting } from '@/lib/meetings/room-fixtures';
import { demoBody, roleHolderEmail } from '@/lib/meetings/test-helpers';
import { liveSnapshot } from '@/lib/meetings/live';
import { MEETING_CHANNEL } from '@/lib/meetings/events';
import { meetingAccess } from '@/lib/meetings/access';
import { AppError } from '@/lib/server/errors';
import { TEST_META, createTestUser, viewerFor } from '@/lib/test/fixtures';
import { auditor } from '@/lib/audit/record';
import { castVote, castVoteTogether, closeBallot, closeExpiredBallots, createWrittenQuestion, openMeetingBallot } from './ballots';
import type { ElectionResult, QuestionResult } from './counting';
import { voteErrorOf } from './errors';
import { ballotView, passedBallotForAgendaItem } from './queries';
import { addSeatedUsers, asVoter, mark, principalOf, setSeatStatus } from './test-fixtures';

let chair: Viewer;
let live: LiveFixture;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return voteErrorOf(error)?.key ?? (error instanceof AppError ? error.code : String(error));
  }
  return 'accepted';
}

async function participationCount(ballotId: string) {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballotId));
  return row!.n;
}

async function tallySum(ballotId: string) {
  const [row] = await getDb().select({ n: sql<number>`coalesce(sum(votes), 0)::int` }).from(secretTallies).where(eq(secretTallies.ballotId, ballotId));
  return row!.n;
}

async function addElectionItem(meetingId: string) {
  const [row] = await getDb()
    .insert(agendaItems)
    .values({ meetingId, position: 9, title: 'Bầu cấp ủy', kind: 'election' })
    .returning({ id: agendaItems.id });
  return row!.id;
}

beforeAll(async () => {
  live = await liveMeeting();
  chair = await viewerFor(live.chairEmail);
});

describe('one vote per voter, under concurrency', () => {
  it('counts exactly 200 of 200 distinct voters casting at once plus 50 duplicate attempts', async () => {
    const body = await demoBody('Chi bộ thôn Bãi Giữa', 'cell_assembly');
    const voters = await addSeatedUsers(body.id, 200);
    const secretary = await viewerFor(await roleHolderEmail('Chi bộ thôn Bãi Giữa', 'secretary'));
    const { ballotId } = await asVoter(secretary, (ctx) =>
      createWrittenQuestion(ctx, { bodyId: body.id, kind: 'secret', question: 'Thông qua kế hoạch', deadline: new Date(Date.now() + 86_400_000) }),
    );
    const choices = ['agree', 'disagree', 'abstain'] as const;
    const attempts = [
      ...voters.map((id, i) => ({ id, choice: choices[i % 3]! })),
      ...voters.slice(0, 50).map((id) => ({ id, choice: 'agree' as const })),
    ];
    const outcomes = await Promise.all(
      attempts.map((a) => refusal(asVoter(principalOf(a.id), (ctx) => castVote(ctx, { ballotId, choice: a.choice })))),
    );
    expect(outcomes.filter((o) => o !== 'accepted' && o !== 'alreadyVoted')).toEqual([]);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(200);
    expect(outcomes.filter((o) => o === 'alreadyVoted')).toHaveLength(50);
    expect(await participationCount(ballotId)).toBe(200);
    expect(await tallySum(ballotId)).toBe(200);

    const result = (await asVoter(secretary, (ctx) => closeBallot(ctx, ballotId))) as QuestionResult;
    expect(result.voted).toBe(200);
    expect(result.agree + result.disagree + result.abstain).toBe(200);
    // 67 agree of all counted members (the cell's active seats plus the 200) is not a majority.
    expect(result.agree).toBe(67);
    expect(result.passed).toBe(false);
  });
});

describe('papers cast together (the ballot API under a burst)', () => {
  const together = (id: string, input: { ballotId: string; choice?: string; optionIds?: string[] }) =>
    refusal(castVoteTogether({ viewer: principalOf(id), audit: auditor(getDb(), { id, name: 'Đảng viên' }, TEST_META) }, input));

  it('share statements, yet each paper gets its own answer and nothing is counted twice', async () => {
    const body = await demoBody('Chi bộ thôn Bãi Giữa', 'cell_assembly');
    const voters = await addSeatedUsers(body.id, 200);
    const secretary = await viewerFor(await roleHolderEmail('Chi bộ thôn Bãi Giữa', 'secretary'));
    const { ballotId } = await asVoter(secretary, (ctx) =>
      createWrittenQuestion(ctx, { bodyId: body.id, kind: 'named', question: 'Thông qua quy chế', deadline: new Date(Date.now() + 86_400_000) }),
    );
    const outsiders = await Promise.all([1, 2, 3, 4, 5].map((i) => createTestUser(`ngoai-${i}-${Date.now()}@test.local`)));
    const choices = ['agree', 'disagree', 'abstain'] as const;
    const attempts = [
      ...voters.map((id, i) => ({ id, choice: choices[i % 3]! as string })),
      ...voters.slice(0, 50).map((id) => ({ id, choice: 'disagree' })),
      ...voters.slice(50, 55).map((id) => ({ id, choice: 'yes-please' })),
      ...outsiders.map((id) => ({ id, choice: 'agree' })),
    ];
    const outcomes = await Promise.all(attempts.map((a) => together(a.id, { ballotId, choice: a.choice })));
    const tally = (o: string) => outcomes.filter((x) => x === o).length;
    expect({ accepted: tally('accepted'), alreadyVoted: tally('alreadyVoted'), invalidChoice: tally('invalidChoice'), notFound: tally('NOT_FOUND') }).toEqual({
      accepted: 200,
      alreadyVoted: 50,
      invalidChoice: 5,
      notFound: 5, // users outside the cell may not even see the question
    });
    // Each first paper stands, whatever came after it.
    expect(outcomes.slice(0, 200).every((o) => o === 'accepted')).toBe(true);
    expect(await participationCount(ballotId)).toBe(200);
    const [votes] = await getDb().select({ n: sql<number>`count(*)::int` }).from(namedVotes).where(eq(namedVotes.ballotId, ballotId));
    expect(votes!.n).toBe(200);
    const [audits] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'vote.cast'), eq(auditEvents.entityId, ballotId)));
    expect(audits!.n).toBe(200);
    // Fewer transactions than votes: the papers really were written together.
    const [transactions] = await getDb()
      .select({ n: sql<number>`count(distinct xmin::text)::int` })
      .from(ballotParticipation)
      .where(eq(ballotParticipation.ballotId, ballotId));
    expect(transactions!.n).toBeLessThan(200);

    const result = (await asVoter(secretary, (ctx) => closeBallot(ctx, ballotId))) as QuestionResult;
    expect(result.voted).toBe(200);
    expect([result.agree, result.disagree, result.abstain]).toEqual([67, 67, 66]);
    expect(await together(voters[199]!, { ballotId, choice: 'agree' })).toBe('closed');
  });

  it('announce the progress of a meeting ballot on the live channel', async () => {
    const meeting = await liveMeeting();
    const meetingChair = await viewerFor(meeting.chairEmail);
    for (const s of meeting.seats) await mark(meeting.meetingId, s.userId, 'present');
    const { ballotId } = await asVoter(meetingChair, (ctx) => openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[2]!, kind: 'named' }));
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (message) => heard.push(message.payload ?? ''));
      await listener.query(`LISTEN ${MEETING_CHANNEL}`);
      const voters = meeting.seats.slice(0, 3).map((s) => s.userId);
      expect(await Promise.all(voters.map((id) => together(id, { ballotId, choice: 'agree' })))).toEqual(['accepted', 'accepted', 'accepted']);
      await expect.poll(() => heard.map((p) => JSON.parse(p))).toContainEqual({ meetingId: meeting.meetingId, kind: 'ballot_progress' });
    } finally {
      await listener.end();
    }
  });

  it('count secret papers into the counters only, and refuse ticks on a question', async () => {
    const body = await demoBody('Chi bộ thôn Bãi Giữa', 'cell_assembly');
    const voters = await addSeatedUsers(body.id, 60);
    const secretary = await viewerFor(await roleHolderEmail('Chi bộ thôn Bãi Giữa', 'secretary'));
    const { ballotId } = await asVoter(secretary, (ctx) =>
      createWrittenQuestion(ctx, { bodyId: body.id, kind: 'secret', question: 'Thông qua kế hoạch', deadline: new Date(Date.now() + 86_400_000) }),
    );
    const outcomes = await Promise.all(voters.map((id, i) => together(id, { ballotId, choice: i < 40 ? 'agree' : 'abstain' })));
    expect(outcomes.every((o) => o === 'accepted')).toBe(true);
    expect(await tallySum(ballotId)).toBe(60);
    const [named] = await getDb().select({ n: sql<number>`count(*)::int` }).from(namedVotes).where(eq(namedVotes.ballotId, ballotId));
    expect(named!.n).toBe(0);
    // Ticks on a question are a forged paper, refused like any other.
    expect(await together(voters[0]!, { ballotId, optionIds: [ballotId] })).toBe('invalidChoice');
    const result = (await asVoter(secretary, (ctx) => closeBallot(ctx, ballotId))) as QuestionResult;
    expect([result.agree, result.abstain]).toEqual([40, 20]);
  });
});

describe('counting a question against all counted members (24-QĐ/TW §9.3)', () => {
  it('leaves out transferred, suspended, detained and exempted-and-absent members, and counts agree against all counted members', async () => {
    const meeting = await liveMeeting();
    const [s1, s2, s3, s4, s5, ...rest] = meeting.seats.filter((s) => s.email !== meeting.chairEmail && s.email !== meeting.deputyEmail);
    for (const s of meeting.seats) await setSeatStatus(meeting.bodyId, s.userId, 'active');
    await setSeatStatus(meeting.bodyId, s1!.userId, 'temporarily_transferred');
    await setSeatStatus(meeting.bodyId, s2!.userId, 'suspended');
    await setSeatStatus(meeting.bodyId, s3!.userId, 'detained');
    await setSeatStatus(meeting.bodyId, s4!.userId, 'exempted'); // absent: not counted
    await setSeatStatus(meeting.bodyId, s5!.userId, 'exempted'); // present: counted
    await mark(meeting.meetingId, s5!.userId, 'present');
    // Everyone else present except two absent members (absent members still count in the base).
    const absent = rest.slice(0, 2);
    const present = [...meeting.seats.filter((s) => s.email === meeting.chairEmail || s.email === meeting.deputyEmail), ...rest.slice(2)];
    for (const s of present) await mark(meeting.meetingId, s.userId, 'present');
    await mark(meeting.meetingId, absent[0]!.userId, 'unexcused_absent');

    const counted = meeting.seats.length - 4;
    const required = Math.floor(counted / 2) + 1;
    const meetingChair = await viewerFor(meeting.chairEmail);
    const voters = [s5!.userId, ...present.map((s) => s.userId)];

    // Exactly `required - 1` agree, nobody else votes: a majority of those voting, not of the body.
    const first = await asVoter(meetingChair, (ctx) =>
      openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[2]!, kind: 'named' }),
    );
    const [row] = await getDb().select().from(ballots).where(eq(ballots.id, first.ballotId));
    expect(row!.countedMembers).toBe(counted);
    expect(row!.eligibleVoters).toBe(voters.length);
    for (const id of voters.slice(0, required - 1)) await asVoter(principalOf(id), (ctx) => castVote(ctx, { ballotId: first.ballotId, choice: 'agree' }));
    const failed = (await asVoter(meetingChair, (ctx) => closeBallot(ctx, first.ballotId))) as QuestionResult;
    expect(failed).toMatchObject({ agree: required - 1, required, countedMembers: counted, passed: false });
    expect(await passedBallotForAgendaItem(getDb(), meeting.items[2]!)).toBeUndefined();

    // The absent and the excluded may not vote.
    const second = await asVoter(meetingChair, (ctx) =>
      openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[2]!, kind: 'named' }),
    );
    for (const s of [s1, s2, s3, s4, absent[0], absent[1]]) {
      expect(await refusal(asVoter(principalOf(s!.userId), (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'agree' })))).toBe('notEligible');
    }
    for (const id of voters.slice(0, required)) await asVoter(principalOf(id), (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'agree' }));
    await asVoter(principalOf(voters[required]!), (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'disagree' }));
    const passed = (await asVoter(meetingChair, (ctx) => closeBallot(ctx, second.ballotId))) as QuestionResult;
    expect(passed).toMatchObject({ agree: required, disagree: 1, passed: true });
    expect((await passedBallotForAgendaItem(getDb(), meeting.items[2]!))?.id).toBe(second.ballotId);
  });

  it('lets online members vote only where the body allows it, and follows the body pass rule (2/3)', async () => {
    const meeting = await liveMeeting({ cell: 'Chi bộ thôn Tân Lang' });
    for (const s of meeting.seats) await setSeatStatus(meeting.bodyId, s.userId, 'active');
    for (const s of meeting.seats) await mark(meeting.meetingId, s.userId, 'present');
    const online = meeting.seats.find((s) => s.email !== meeting.chairEmail)!;
    await mark(meeting.meetingId, online.userId, 'online');
    const meetingChair = await viewerFor(meeting.chairEmail);
    const open = () => asVoter(meetingChair, (ctx) => openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[2]!, kind: 'named' }));

    const first = await open();
    expect(await refusal(asVoter(principalOf(online.userId), (ctx) => castVote(ctx, { ballotId: first.ballotId, choice: 'agree' })))).toBe('notEligible');
    await asVoter(meetingChair, (ctx) => closeBallot(ctx, first.ballotId));

    await getDb().update(bodies).set({ voteAllowRemote: true, votePassNumerator: 2, votePassDenominator: 3 }).where(eq(bodies.id, meeting.bodyId));
    const second = await open();
    expect(await refusal(asVoter(principalOf(online.userId), (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'agree' })))).toBe('accepted');
    const n = meeting.seats.length;
    const twoThirds = Math.floor((2 * n) / 3) + 1;
    const others = meeting.seats.filter((s) => s.userId !== online.userId).slice(0, twoThirds - 2);
    for (const s of others) await asVoter(principalOf(s.userId), (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'agree' }));
    const result = (await asVoter(meetingChair, (ctx) => closeBallot(ctx, second.ballotId))) as QuestionResult;
    expect(result).toMatchObject({ agree: twoThirds - 1, required: twoThirds, passed: false, rule: { numerator: 2, denominator: 3 } });
  });
});

describe('elections', () => {
  it('refuses more candidates than seats × 1.3 and bad papers, and elects over half of valid ballots, highest first', async () => {
    const meeting = await liveMeeting({ cell: 'Chi bộ thôn Hồng Sơn' });
    for (const s of meeting.seats) await setSeatStatus(meeting.bodyId, s.userId, 'active');
    for (const s of meeting.seats) await mark(meeting.meetingId, s.userId, 'present');
    const itemId = await addElectionItem(meeting.meetingId);
    const meetingChair = await viewerFor(meeting.chairEmail);
    const open = (candidates: string[], seats: number) =>
      asVoter(meetingChair, (ctx) => openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: itemId, kind: 'election', candidates, seats }));

    // 5 seats × 1.3 = 6.5: at most 6 candidates.
    expect(await refusal(open(['A', 'B', 'C', 'D', 'E', 'F', 'G'], 5))).toBe('tooManyCandidates');
    expect(await refusal(open(['A', 'B'], 3))).toBe('tooFewCandidates');
    expect(await refusal(open(['An', 'an ', 'Bình'], 2))).toBe('duplicateCandidate');
    // A named vote cannot be an election on a decision item.
    expect(
      await refusal(asVoter(meetingChair, (ctx) => openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[0]!, kind: 'named' }))),
    ).toBe('wrongItem');

    const { ballotId } = await open(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'], 4);
    const view = (await ballotView(getDb(), meetingChair, ballotId))!;
    const [a, b, c, d, e] = view.options.map((o) => o.id);
    const voters = meeting.seats.map((s) => s.userId);
    // Too many ticks, a forged option, a duplicate tick: refused, nothing counted.
    expect(await refusal(asVoter(principalOf(voters[0]!), (ctx) => castVote(ctx, { ballotId, optionIds: [a!, b!, c!, d!, e!] })))).toBe('tooManyTicks');
    expect(await refusal(asVoter(principalOf(voters[0]!), (ctx) => castVote(ctx, { ballotId, optionIds: [a!, '00000000-0000-4000-8000-000000000000'] })))).toBe('invalidChoice');
    expect(await refusal(asVoter(principalOf(voters[0]!), (ctx) => castVote(ctx, { ballotId, optionIds: [a!, a!] })))).toBe('invalidChoice');
    expect(await refusal(asVoter(principalOf(voters[0]!), (ctx) => castVote(ctx, { ballotId, choice: 'agree' })))).toBe('invalidChoice');
    expect(await participationCount(ballotId)).toBe(0);
    expect(await tallySum(ballotId)).toBe(0);

    // Everyone ticks An; just over half also tick Bình and Cường; nobody ticks Dung.
    const n = voters.length;
    const half = Math.floor(n / 2) + 1;
    for (const [i, id] of voters.entries()) {
      await asVoter(principalOf(id), (ctx) => castVote(ctx, { ballotId, optionIds: i < half ? [a!, b!, c!] : [a!] }));
    }
    const result = (await asVoter(meetingChair, (ctx) => closeBallot(ctx, ballotId))) as ElectionResult;
    expect(result).toMatchObject({ validPapers: n, required: half, electedCount: 3, unfilledSeats: 1, tie: null, passed: false });
    expect(result.candidates.map((x) => [x.label, x.votes, x.elected])).toEqual([
      ['Nguyễn Văn An', n, true],
      ['Lê Văn Cường', half, true],
      ['Trần Thị Bình', half, true],
      ['Hoàng Văn Em', 0, false],
      ['Phạm Thị Dung', 0, false],
    ]);
  });
});

describe('refusals', () => {
  it('refuses a forged choice, a second vote, a vote after close and a non-eligible voter, and counts nothing for them', async () => {
    for (const s of live.seats) await mark(live.meetingId, s.userId, 'present');
    const { ballotId } = await asVoter(chair, (ctx) => openMeetingBallot(ctx, { meetingId: live.meetingId, agendaItemId: live.items[2]!, kind: 'secret' }));
    expect(await refusal(asVoter(chair, (ctx) => openMeetingBallot(ctx, { meetingId: live.meetingId, agendaItemId: live.items[2]!, kind: 'named' })))).toBe('alreadyOpen');
    const eligible = (await getDb().select({ userId: sql<string>`user_id` }).from(sql`ballot_voters`).where(sql`ballot_id = ${ballotId} and may_vote`)).map((r) => r.userId);
    const voter = principalOf(eligible[0]!);
    expect(await refusal(asVoter(voter, (ctx) => castVote(ctx, { ballotId, choice: 'yes-please' })))).toBe('invalidChoice');
    expect(await refusal(asVoter(voter, (ctx) => castVote(ctx, { ballotId, optionIds: ['x'] })))).toBe('invalidChoice');
    expect(await refusal(asVoter(voter, (ctx) => castVote(ctx, { ballotId, choice: 'agree' })))).toBe('accepted');
    expect(await refusal(asVoter(voter, (ctx) => castVote(ctx, { ballotId, choice: 'disagree' })))).toBe('alreadyVoted');
    const guest = await viewerFor(live.guestEmail);
    expect(await refusal(asVoter(guest, (ctx) => castVote(ctx, { ballotId, choice: 'agree' })))).toBe('NOT_FOUND');
    const districtSecretary = await viewerFor('secretary@quorum.local');
    // The district secretary oversees the cell and sees the ballot, but is not on its voter list.
    expect(await refusal(asVoter(districtSecretary, (ctx) => castVote(ctx, { ballotId, choice: 'agree' })))).toBe('notEligible');
    // A member may not close; the chair may.
    expect(await refusal(asVoter(voter, (ctx) => closeBallot(ctx, ballotId)))).toBe('NOT_FOUND');
    await asVoter(chair, (ctx) => closeBallot(ctx, ballotId));
    expect(await refusal(asVoter(chair, (ctx) => closeBallot(ctx, ballotId)))).toBe('alreadyClosed');
    expect(await refusal(asVoter(principalOf(eligible[1]!), (ctx) => castVote(ctx, { ballotId, choice: 'agree' })))).toBe('closed');
    expect(await participationCount(ballotId)).toBe(1);
    expect(await tallySum(ballotId)).toBe(1);
  });

  it('lets a named vote be changed before close only where the body allows it', async () => {
    const meeting = await liveMeeting({ cell: 'Chi bộ Trường THCS Thanh Sơn' });
    for (const s of meeting.seats) await mark(meeting.meetingId, s.userId, 'present');
    const meetingChair = await viewerFor(meeting.chairEmail);
    const open = (kind: 'named' | 'secret') => asVoter(meetingChair, (ctx) => openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[2]!, kind }));
    const voter = principalOf(meeting.seats.find((s) => s.email === meeting.chairEmail)!.userId);

    const first = await open('named');
    await asVoter(voter, (ctx) => castVote(ctx, { ballotId: first.ballotId, choice: 'agree' }));
    expect(await refusal(asVoter(voter, (ctx) => castVote(ctx, { ballotId: first.ballotId, choice: 'disagree' })))).toBe('alreadyVoted');
    await asVoter(meetingChair, (ctx) => closeBallot(ctx, first.ballotId));

    await getDb().update(bodies).set({ voteAllowChange: true }).where(eq(bodies.id, meeting.bodyId));
    const second = await open('named');
    await asVoter(voter, (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'agree' }));
    expect(await asVoter(voter, (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'disagree' }))).toEqual({ changed: true });
    const [vote] = await getDb().select({ changes: namedVotes.changes }).from(namedVotes).where(and(eq(namedVotes.ballotId, second.ballotId), eq(namedVotes.userId, voter.id)));
    expect(vote!.changes).toBe(1);
    const changed = (await asVoter(meetingChair, (ctx) => closeBallot(ctx, second.ballotId))) as QuestionResult;
    expect(changed).toMatchObject({ agree: 0, disagree: 1, voted: 1 });

    // Never for a secret ballot, whatever the body says.
    const third = await open('secret');
    await asVoter(voter, (ctx) => castVote(ctx, { ballotId: third.ballotId, choice: 'agree' }));
    expect(await refusal(asVoter(voter, (ctx) => castVote(ctx, { ballotId: third.ballotId, choice: 'disagree' })))).toBe('alreadyVoted');
    await asVoter(meetingChair, (ctx) => closeBallot(ctx, third.ballotId));
  });
});

describe('secret ballot unlinkability', () => {
  it('stores the choice with no voter, time, sequence or order, and the fact of voting with no time or sequence', async () => {
    const db = getDb();
    const columns = async (table: string) =>
      (
        await db.execute<{ column_name: string; data_type: string; column_default: string | null }>(
          sql`select column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name = ${table}`,
        )
      ).rows;
    const tally = await columns('secret_tallies');
    expect(tally.map((c) => c.column_name).sort()).toEqual(['ballot_id', 'option_id', 'votes']);
    const participation = await columns('ballot_participation');
    expect(participation.map((c) => c.column_name).sort()).toEqual(['ballot_id', 'user_id']);
    for (const c of [...tally, ...participation]) {
      expect(c.data_type).not.toMatch(/time|date|serial/);
      expect(c.column_default ?? '').not.toMatch(/nextval|now|clock|timestamp/);
    }
    // No identity columns, no sequences owned by either table, no triggers that could copy rows.
    const owned = await db.execute(
      sql`select 1 from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S' join pg_class t on t.oid = d.refobjid where t.relname in ('secret_tallies', 'ballot_participation')`,
    );
    expect(owned.rows).toHaveLength(0);
    const triggers = await db.execute(sql`select 1 from information_schema.triggers where event_object_table in ('secret_tallies', 'ballot_participation')`);
    expect(triggers.rows).toHaveLength(0);
    // No foreign key from a tally to anything that names a user.
    const tallyRefs = await db.execute<{ table: string }>(
      sql`select ccu.table_name as table from information_schema.table_constraints tc join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name where tc.table_name = 'secret_tallies' and tc.constraint_type = 'FOREIGN KEY'`,
    );
    expect(tallyRefs.rows.map((r) => r.table).sort()).toEqual(['ballot_options', 'ballots']);
  });

  it('leaves nothing in the data that tells who chose what', async () => {
    const meeting = await liveMeeting({ cell: 'Chi bộ thôn Ninh Tào', guestCell: 'Chi bộ thôn Đồng Tâm' });
    for (const s of meeting.seats) await mark(meeting.meetingId, s.userId, 'present');
    const meetingChair = await viewerFor(meeting.chairEmail);
    const { ballotId } = await asVoter(meetingChair, (ctx) => openMeetingBallot(ctx, { meetingId: meeting.meetingId, agendaItemId: meeting.items[2]!, kind: 'secret' }));
    const eligible = (await getDb().select({ userId: sql<string>`user_id` }).from(sql`ballot_voters`).where(sql`ballot_id = ${ballotId} and may_vote`)).map((r) => r.userId);
    const [first, second] = eligible;
    const view = (await ballotView(getDb(), meetingChair, ballotId))!;
    await asVoter(principalOf(first!), (ctx) => castVote(ctx, { ballotId, choice: 'agree' }));
    await asVoter(principalOf(second!), (ctx) => castVote(ctx, { ballotId, choice: 'disagree' }));

    // Every counter was rewritten by the last cast: the row versions' transaction ids are all the same.
    const xmins = await getDb().execute<{ xmin: string }>(sql`select xmin::text from secret_tallies where ballot_id = ${ballotId}`);
    expect(new Set(xmins.rows.map((r) => r.xmin)).size).toBe(1);
    // The counters hold sums only.
    const counters = await getDb().select({ optionId: secretTallies.optionId, votes: secretTallies.votes }).from(secretTallies).where(eq(secretTallies.ballotId, ballotId));
    expect(counters.map((c) => c.votes).sort()).toEqual([0, 1, 1]);
    // The audit rows say who voted, never what.
    const audit = await getDb().select({ details: auditEvents.details, action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.entityId, ballotId), eq(auditEvents.action, 'vote.cast')));
    expect(audit).toHaveLength(2);
    const text = JSON.stringify(audit);
    for (const option of view.options) expect(text).not.toContain(option.id);
    expect(text).not.toMatch(/agree|disagree|abstain/);
    // The voter's own view and the live state never show a secret choice back.
    const mine = (await ballotView(getDb(), { ...principalOf(first!) }, ballotId))?.me;
    expect(mine).toMatchObject({ voted: true, choice: null });
    const access = await meetingAccess(getDb(), meetingChair, meeting.meetingId);
    const snapshot = (await liveSnapshot(getDb(), meetingChair.id, access!))!;
    expect(snapshot.state.ballot).toMatchObject({ id: ballotId, voted: 2, result: null });
    expect(JSON.stringify(snapshot.state.ballot)).not.toMatch(/"votes"/);
    // No named vote rows exist for a secret ballot.
    const named = await getDb().select({ n: sql<number>`count(*)::int` }).from(namedVotes).where(eq(namedVotes.ballotId, ballotId));
    expect(named[0]!.n).toBe(0);
    await asVoter(meetingChair, (ctx) => closeBallot(ctx, ballotId));
  });
});

describe('written questions', () => {
  it('closes automatically at the deadline: by the job (idempotent) and lazily on read or cast', async () => {
    const body = await demoBody('Huyện ủy Kim Bảng', 'standing_committee');
    const secretary = await viewerFor('secretary@quorum.local');
    const member = await viewerFor('member@quorum.local');
    expect(
      await refusal(
        asVoter(member, (ctx) => createWrittenQuestion(ctx, { bodyId: body.id, kind: 'named', question: 'Q', deadline: new Date(Date.now() + 86_400_000) })),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await refusal(asVoter(secretary, (ctx) => createWrittenQuestion(ctx, { bodyId: body.id, kind: 'named', question: 'Q', deadline: new Date(Date.now() - 1000) }))),
    ).toBe('deadlinePast');
    const make = () =>
      asVoter(secretary, (ctx) =>
        createWrittenQuestion(ctx, { bodyId: body.id, kind: 'named', question: 'Xin ý kiến về chủ trương đầu tư', deadline: new Date(Date.now() + 86_400_000) }),
      );
    const first = await make();
    const second = await make();
    const third = await make();
    const active = body.seats.filter((s) => s.status === 'active');
    await asVoter(principalOf(active[0]!.userId), (ctx) => castVote(ctx, { ballotId: first.ballotId, choice: 'agree' }));
    const expire = (id: string) => getDb().update(ballots).set({ deadline: sql`now() - interval '1 second'` }).where(eq(ballots.id, id));
    await expire(first.ballotId);
    await expire(second.ballotId);
    await expire(third.ballotId);

    // A cast on an expired question closes it and is refused.
    expect(await refusal(asVoter(principalOf(active[1]!.userId), (ctx) => castVote(ctx, { ballotId: second.ballotId, choice: 'agree' })))).toBe('closed');
    await expect.poll(async () => (await getDb().select({ status: ballots.status }).from(ballots).where(eq(ballots.id, second.ballotId)))[0]!.status).toBe('closed');
    // A read closes it.
    expect((await ballotView(getDb(), secretary, third.ballotId))?.status).toBe('closed');
    // The job closes the rest, once.
    expect(await closeExpiredBallots(getDb())).toBe(1);
    expect(await closeExpiredBallots(getDb())).toBe(0);
    const [closed] = await getDb().select().from(ballots).where(eq(ballots.id, first.ballotId));
    expect(closed).toMatchObject({ status: 'closed', closedBy: null, passed: false });
    expect((closed!.result as unknown as QuestionResult).agree).toBe(1);
    const autoClosed = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.entityId, first.ballotId), eq(auditEvents.action, 'vote.ballot.auto_close')));
    expect(autoClosed[0]!.n).toBe(1);
  });
});
