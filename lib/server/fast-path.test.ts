import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, desc, eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { authSecret, sessionCookieName } from '@/lib/auth/cookies';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import votesEn from '@/lib/i18n/messages/en/votes.json';
import votesVi from '@/lib/i18n/messages/vi/votes.json';
import { type LiveFixture, liveMeeting } from '@/lib/meetings/room-fixtures';
import { viewerFor } from '@/lib/test/fixtures';
import { openMeetingBallot } from '@/lib/votes/ballots';
import { asVoter, mark } from '@/lib/votes/test-fixtures';
import { serveFast } from './fast-path';
import { FAST_ROUTES } from './fast-routes';

type ApiBody = { ok?: boolean; changed?: boolean; error?: { code: string; reason?: string; message: string; fields?: Record<string, string> } };

// The fast path over real HTTP: real session cookies, the real ballot route, a real database.
let server: http.Server;
let base: string;
let live: LiveFixture;
let ballotId: string;
let member: Viewer;
const handedToNext: string[] = [];

const cookieOf = async (viewer: Viewer) =>
  `${sessionCookieName()}=${await encode({ token: { sub: viewer.id, sid: viewer.sessionId }, secret: authSecret() })}`;

async function post(path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, { method: 'POST', body, headers: { origin: base, 'content-type': 'application/json', ...headers } });
  return { status: response.status, headers: response.headers, body: (await response.json().catch(() => null)) as ApiBody | null };
}

beforeAll(async () => {
  live = await liveMeeting();
  const chair = await viewerFor(live.chairEmail);
  member = await viewerFor('member@quorum.local');
  for (const s of live.seats) await mark(live.meetingId, s.userId, 'present');
  ({ ballotId } = await asVoter(chair, (ctx) => openMeetingBallot(ctx, { meetingId: live.meetingId, agendaItemId: live.items[2]!, kind: 'named' })));
  server = http.createServer((req, res) => {
    if (serveFast(FAST_ROUTES, req, res)) return;
    handedToNext.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the fast path for POST /api/v1/ballots/:ballotId', () => {
  it('casts with the session cookie and answers as the route does, with the security headers', async () => {
    const cookie = await cookieOf(member);
    const first = await post(`/api/v1/ballots/${ballotId}`, JSON.stringify({ choice: 'agree' }), { cookie });
    expect(first).toMatchObject({ status: 200, body: { ok: true, changed: false } });
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const [audit] = await getDb()
      .select({ actorId: auditEvents.actorId, ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'vote.cast'), eq(auditEvents.entityId, ballotId)))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(audit).toEqual({ actorId: member.id, ip: '127.0.0.1' });

    const second = await post(`/api/v1/ballots/${ballotId}`, JSON.stringify({ choice: 'disagree' }), { cookie });
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', reason: 'ALREADY_VOTED', message: votesVi.errors.alreadyVoted } } });
    const english = await post(`/api/v1/ballots/${ballotId}`, JSON.stringify({ choice: 'disagree' }), { cookie: `${cookie}; NEXT_LOCALE=en` });
    expect(english.body?.error?.message).toBe(votesEn.errors.alreadyVoted);
  });

  it('refuses what the route refuses: no session, another site, a forged session, bad JSON, a bad id', async () => {
    const cookie = await cookieOf(member);
    const path = `/api/v1/ballots/${ballotId}`;
    expect((await post(path, '{"choice":"agree"}', {})).body?.error?.code).toBe('UNAUTHENTICATED');
    expect((await post(path, '{"choice":"agree"}', { cookie: `${sessionCookieName()}=not-a-token` })).status).toBe(401);
    expect((await post(path, '{"choice":"agree"}', { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(path, '{"choice":', { cookie })).body?.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post(path, JSON.stringify({ choice: 'x'.repeat(70_000) }), { cookie })).status).toBe(422);
    expect((await post('/api/v1/ballots/not-a-uuid', '{"choice":"agree"}', { cookie })).body?.error?.fields).toHaveProperty('ballotId');
  });

  it('leaves every other request to Next', async () => {
    await fetch(`${base}/api/v1/ballots/${ballotId}`);
    await fetch(`${base}/api/v1/ballots/${ballotId}/results`, { method: 'POST' });
    expect(handedToNext).toEqual([`GET /api/v1/ballots/${ballotId}`, `POST /api/v1/ballots/${ballotId}/results`]);
  });
});
