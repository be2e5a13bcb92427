import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { agendaItems, ballots } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { liveSnapshot } from '@/lib/meetings/live';
import { type LiveFixture, liveMeeting } from '@/lib/meetings/room-fixtures';
import { initialActionState } from '@/lib/server/action-state';
import { TEST_META, form, lastAudit, viewerFor } from '@/lib/test/fixtures';
import { mark } from '@/lib/votes/test-fixtures';
import votesVi from '@/lib/i18n/messages/vi/votes.json';
import errorsVi from '@/lib/i18n/messages/vi/errors.json';
import { POST as castRoute } from '@/app/api/v1/ballots/[ballotId]/route';
import { closeBallot, openBallot } from './actions';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  viewerFromCookieHeader: async () => request.viewer,
  getRequestMeta: async () => TEST_META,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async () => createTranslator({ locale: 'vi', messages }) };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

let live: LiveFixture;
let chair: Viewer;
let member: Viewer;

/** A paper as the room's voting form sends it (to the ballot API). */
async function castBallot(ballotId: string, choice: string) {
  const headers = new Headers({ origin: 'http://localhost:3000', host: 'localhost:3000' });
  const url = `http://localhost:3000/api/v1/ballots/${ballotId}`;
  const { body } = await castRoute.serve({ method: 'POST', url, headers, json: async () => ({ choice }) }, { ballotId });
  const reply = body as { ok?: boolean; error?: { message: string } };
  return reply.ok ? { ok: true } : { ok: false, message: reply.error?.message };
}

const as = (viewer: Viewer) => {
  request.viewer = viewer;
};

beforeAll(async () => {
  live = await liveMeeting();
  chair = await viewerFor(live.chairEmail);
  member = await viewerFor('member@quorum.local');
  for (const s of live.seats) await mark(live.meetingId, s.userId, 'present');
});

describe('votes in the room', () => {
  it('lets only those who run the meeting open and close, members cast once, and the live state follow', async () => {
    as(member);
    const refused = await openBallot(initialActionState, form({ meetingId: live.meetingId, agendaItemId: live.items[2]!, kind: 'named' }));
    expect(refused).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });

    as(chair);
    const wrong = await openBallot(initialActionState, form({ meetingId: live.meetingId, agendaItemId: live.items[0]!, kind: 'named' }));
    expect(wrong).toMatchObject({ ok: false, message: votesVi.errors.wrongItem, fieldErrors: { agendaItemId: votesVi.errors.wrongItem } });
    const opened = await openBallot(initialActionState, form({ meetingId: live.meetingId, agendaItemId: live.items[2]!, kind: 'named', question: '' }));
    expect(opened).toMatchObject({ ok: true, message: votesVi.done.opened });
    const ballotId = opened.data!.ballotId!;
    expect(await lastAudit('vote.ballot.open')).toMatchObject({ actorId: chair.id, entityType: 'ballot', entityId: ballotId });

    as(member);
    expect(await castBallot(ballotId, 'agree')).toEqual({ ok: true });
    expect(await castBallot(ballotId, 'agree')).toEqual({ ok: false, message: votesVi.errors.alreadyVoted });
    expect(await lastAudit('vote.cast')).toMatchObject({ actorId: member.id, entityId: ballotId, details: {} });

    // A member whose tablet reconnects gets the open ballot and knows they already voted.
    const access = await meetingAccess(getDb(), member, live.meetingId);
    const snapshot = (await liveSnapshot(getDb(), member.id, access!))!;
    expect(snapshot.state.ballot).toMatchObject({ id: ballotId, status: 'open', voted: 1, result: null });
    expect(snapshot.me.ballot).toEqual({ mayVote: true, voted: true, choice: 'agree' });

    expect(await closeBallot(initialActionState, form({ ballotId }))).toMatchObject({ ok: false, message: errorsVi.NOT_FOUND });
    as(chair);
    expect(await closeBallot(initialActionState, form({ ballotId }))).toMatchObject({ ok: true, message: votesVi.done.closed });
    const [row] = await getDb().select({ status: ballots.status, passed: ballots.passed }).from(ballots).where(eq(ballots.id, ballotId));
    expect(row).toEqual({ status: 'closed', passed: false });
    as(member);
    expect(await castBallot(ballotId, 'agree')).toEqual({ ok: false, message: votesVi.errors.closed });
    const after = (await liveSnapshot(getDb(), member.id, access!))!;
    expect(after.state.ballot).toMatchObject({ status: 'closed', result: { agree: 1, passed: false } });
  });

  it('refuses an election with more candidates than seats × 1.3, with the message on the field', async () => {
    const [item] = await getDb()
      .insert(agendaItems)
      .values({ meetingId: live.meetingId, position: 8, title: 'Bầu chi ủy', kind: 'election' })
      .returning({ id: agendaItems.id });
    as(chair);
    const state = await openBallot(
      initialActionState,
      form({ meetingId: live.meetingId, agendaItemId: item!.id, kind: 'election', seats: '3', candidates: 'An\nBình\nCường\nDung' }),
    );
    expect(state).toMatchObject({ ok: false, message: votesVi.errors.tooManyCandidates, fieldErrors: { candidates: votesVi.errors.tooManyCandidates } });
  });
});
