import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ballotParticipation } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type LiveFixture, liveMeeting } from '@/lib/meetings/room-fixtures';
import { viewerFor } from '@/lib/test/fixtures';
import { openMeetingBallot } from '@/lib/votes/ballots';
import { asVoter, mark } from '@/lib/votes/test-fixtures';
import votesVi from '@/lib/i18n/messages/vi/votes.json';
import { GET as getBallot, POST as cast } from './route';
import { GET as results } from './results/route';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
  viewerFromCookieHeader: async () => request.viewer,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace: namespace as never }) };
});

let live: LiveFixture;
let chair: Viewer;
let member: Viewer;
let ballotId: string;

const params = () => ({ params: Promise.resolve({ ballotId }) });
const post = (body: unknown) =>
  cast(new Request(`http://localhost:3000/api/v1/ballots/${ballotId}`, { method: 'POST', body: JSON.stringify(body), headers: { origin: 'http://localhost:3000', host: 'localhost:3000' } }), params());
const counted = async () =>
  (await getDb().select({ n: sql<number>`count(*)::int` }).from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballotId)))[0]!.n;

beforeAll(async () => {
  live = await liveMeeting();
  chair = await viewerFor(live.chairEmail);
  member = await viewerFor('member@quorum.local');
  for (const s of live.seats) await mark(live.meetingId, s.userId, 'present');
  ({ ballotId } = await asVoter(chair, (ctx) => openMeetingBallot(ctx, { meetingId: live.meetingId, agendaItemId: live.items[2]!, kind: 'secret' })));
});

describe('/api/v1/ballots/:ballotId', () => {
  it('casts once, and refuses a forged choice, a second vote and a non-eligible voter with a stable reason', async () => {
    request.viewer = member;
    const forged = await post({ choice: 'yes' });
    expect(forged.status).toBe(422);
    expect(await forged.json()).toEqual({ error: { code: 'VALIDATION_FAILED', reason: 'INVALID_CHOICE', message: votesVi.errors.invalidChoice } });
    expect(await counted()).toBe(0);

    const first = await post({ choice: 'agree' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, changed: false });
    const second = await post({ choice: 'disagree' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'CONFLICT', reason: 'ALREADY_VOTED' } });

    request.viewer = await viewerFor('secretary@quorum.local'); // oversees the cell, not on the voter list
    expect(await (await post({ choice: 'agree' })).json()).toMatchObject({ error: { reason: 'NOT_ELIGIBLE' } });
    request.viewer = await viewerFor('admin@quorum.local');
    expect((await post({ choice: 'agree' })).status).toBe(404);
    expect(await counted()).toBe(1);
  });

  it('shows the viewer their own part, and no tally until close', async () => {
    request.viewer = member;
    const response = await getBallot(new Request(`http://localhost:3000/api/v1/ballots/${ballotId}`), params());
    const { ballot } = (await response.json()) as { ballot: Record<string, unknown> };
    expect(ballot).toMatchObject({ status: 'open', voted: 1, result: null, me: { mayVote: true, voted: true, choice: null } });
    const early = await results(new Request(`http://localhost:3000/api/v1/ballots/${ballotId}/results`), params());
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { reason: 'BALLOT_NOT_CLOSED' } });
  });
});
