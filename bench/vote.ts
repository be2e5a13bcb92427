// `npm run bench:vote [-- --voters 1000 --live 200 --no-build]`
//
// 1,000 eligible voters cast a named vote in ONE burst over HTTP (POST /api/v1/ballots/:id, each
// with its own session) against the real production web server (lib/cli/serve.ts, built here
// first unless --no-build) backed by its own embedded PostgreSQL in a temporary folder. `--live`
// members also hold the live-meeting SSE stream. The meeting takes two decisions: the first
// vote meets a server whose vote path has never run (reported as `firstVoteOfTheMeeting`); the
// second is the measured burst, after which the chair closes the vote and the time from the
// start of the close to the result reaching every live client is measured. This client runs on
// the same 2 cores as the server and the database; the CPU each used during a burst is reported.
// Prints accepted votes/s and p50/p95 latency, and writes bench/results/vote.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { Pool } from 'undici';
import { args, cpuMs, ensureBuild, logger, option, percentile, root, sleep, startBenchStack } from './harness';
import { auditor } from '@/lib/audit/record';
import { getDb, getPool } from '@/lib/db/client';
import { insertOrganization } from '@/lib/organizations/tree';
import { closeBallot, openMeetingBallot } from '@/lib/votes/ballots';

const VOTERS = option('voters', 1000);
const LIVE = Math.min(option('live', 200), VOTERS);
const DELIVERY_TIMEOUT_MS = 15_000;
const log = logger('bench:vote');

ensureBuild(log, { always: !args.includes('--no-build') });
const stack = await startBenchStack('vote', log);
const { authSecret, sockets } = stack;

try {
  // ── a body of N members, all present in a meeting in progress, each with a session ──────────
  const organization = await getDb().transaction((tx) =>
    insertOrganization(tx, { parentId: null, kind: 'grassroots_committee', name: 'Đảng bộ thử tải biểu quyết', code: 'TB', currentTerm: '2025–2030' }),
  );
  const setup = await getPool().connect();
  let meetingId: string;
  let firstItemId: string;
  let itemId: string;
  let ids: string[];
  const sessions: { userId: string; sessionId: string }[] = [];
  try {
    await setup.query('begin');
    const { rows: bodyRows } = await setup.query<{ id: string }>(
      `insert into bodies (organization_id, kind, name) values ($1, 'executive_committee', 'Ban Chấp hành thử tải') returning id`,
      [organization.id],
    );
    const bodyId = bodyRows[0]!.id;
    const { rows: hash } = await setup.query<{ h: string }>(`select password_hash as h from users where email = 'member@quorum.local'`);
    const { rows: people } = await setup.query<{ id: string }>(
      `insert into users (email, name, password_hash)
       select 'cu-tri-' || g || '@bench.local', 'Cử tri ' || g, $1 from generate_series(1, $2::int) g returning id`,
      [hash[0]!.h, VOTERS],
    );
    ids = people.map((p) => p.id);
    await setup.query(`insert into memberships (user_id, organization_id, role) select unnest($1::uuid[]), $2, 'member'`, [ids, organization.id]);
    await setup.query(`insert into body_seats (body_id, user_id, title) select $1, unnest($2::uuid[]), 'Ủy viên'`, [bodyId, ids]);
    const start = new Date(Date.now() - 600_000);
    const { rows: meetingRows } = await setup.query<{ id: string }>(
      `insert into meetings (organization_id, body_id, kind, title, starts_at, ends_at, chair_id, status, started_at)
       values ($1, $2, 'extraordinary', 'Hội nghị thử tải biểu quyết', $3, $4, $5, 'in_progress', now()) returning id`,
      [organization.id, bodyId, start, new Date(start.getTime() + 4 * 3_600_000), ids[0]],
    );
    meetingId = meetingRows[0]!.id;
    const { rows: itemRows } = await setup.query<{ id: string }>(
      `insert into agenda_items (meeting_id, position, title, kind)
       values ($1, 1, 'Thông qua chương trình hội nghị', 'decision'), ($1, 2, 'Thông qua Nghị quyết', 'decision') returning id`,
      [meetingId],
    );
    [firstItemId, itemId] = itemRows.map((r) => r.id) as [string, string];
    await setup.query(`insert into invitations (meeting_id, user_id, response) select $1, unnest($2::uuid[]), 'attending'`, [meetingId, ids]);
    await setup.query(`insert into attendance (meeting_id, user_id, status, checked_in_at) select $1, unnest($2::uuid[]), 'present', now()`, [meetingId, ids]);
    const { rows: sessionRows } = await setup.query<{ id: string; user_id: string }>(
      `insert into sessions (user_id, expires_at) select unnest($1::uuid[]), now() + interval '12 hours' returning id, user_id`,
      [ids],
    );
    for (const row of sessionRows) sessions.push({ userId: row.user_id, sessionId: row.id });
    await setup.query('commit');
  } catch (error) {
    await setup.query('rollback');
    throw error;
  } finally {
    setup.release();
  }
  const cookies = await Promise.all(
    sessions.map(async ({ userId, sessionId }) => `quorum.session=${await encode({ token: { sub: userId, sid: sessionId }, secret: authSecret })}`),
  );
  log(`body of ${VOTERS} members, all present, in a meeting in progress`);

  // ── the production server ─────────────────────────────────────────────────────────────────
  const { baseUrl, pid: serverPid } = await stack.startServer();
  log(`web server ready on ${baseUrl}`);

  // ── live clients (SSE) ──────────────────────────────────────────────────────────────────────
  let closedMarker = '';
  const resultAt: (number | undefined)[] = [];
  const waiters = new Set<() => void>();
  const connect = (cookie: string, index: number) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(`${baseUrl}/api/meetings/${meetingId}/events`, { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        let ready = false;
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!block.startsWith('event: state')) continue;
            if (!ready) {
              ready = true;
              resolve();
            }
            if (closedMarker && resultAt[index] === undefined && block.includes(closedMarker) && block.includes('"result":{')) {
              resultAt[index] = at;
              waiters.forEach((w) => w());
            }
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', reject);
      sockets.push(req);
    });
  for (let i = 0; i < LIVE; i += 100) await Promise.all(cookies.slice(i, i + 100).map((c, j) => connect(c, i + j)));
  log(`${LIVE} live (SSE) clients connected`);

  // ── the chair ─────────────────────────────────────────────────────────────────────────
  const chair = {
    id: ids[0]!,
    name: 'Cử tri 1',
    isAdmin: false,
    memberships: [{ organizationId: organization.id, organizationPath: organization.path, role: 'secretary' as const }],
  };
  const meta = { ip: '127.0.0.1', userAgent: 'bench:vote' };
  const asChair = <T>(command: (ctx: Parameters<typeof openMeetingBallot>[0]) => Promise<T>) =>
    getDb().transaction((tx) => command({ tx, viewer: chair, audit: auditor(tx, { id: chair.id, name: chair.name }, meta) }));

  // ── one burst: every voter casts at once ─────────────────────────────────────────────────────
  const choices = ['agree', 'agree', 'disagree', 'abstain'];
  async function burst(agendaItemId: string) {
    const { ballotId } = await asChair((ctx) => openMeetingBallot(ctx, { meetingId, agendaItemId, kind: 'named' }));
    await sleep(1_000);
    // 256 connections, opened for the burst; every request is queued at once (undici: a lighter
    // client than node:http, so less of the 2 cores goes to playing the tablets).
    const pool = new Pool(baseUrl, { connections: 256 });
    const cast = async (cookie: string, i: number) => {
      const started = performance.now();
      try {
        const response = await pool.request({
          path: `/api/v1/ballots/${ballotId}`,
          method: 'POST',
          headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
          body: JSON.stringify({ choice: choices[i % choices.length] }),
        });
        await response.body.dump();
        return { status: response.statusCode, ms: performance.now() - started };
      } catch {
        return { status: 0, ms: performance.now() - started };
      }
    };
    const cpuBefore = { server: cpuMs(serverPid), database: stack.databasePid ? cpuMs(stack.databasePid) : NaN, client: process.cpuUsage() };
    const burstStart = performance.now();
    const outcomes = await Promise.all(cookies.map(cast));
    const burstMs = performance.now() - burstStart;
    const clientCpu = process.cpuUsage(cpuBefore.client);
    await pool.close();
    // Where the burst's CPU went (2 cores: at most twice the burst's duration in all).
    const cpu = {
      server: cpuMs(serverPid) - cpuBefore.server,
      database: stack.databasePid ? cpuMs(stack.databasePid) - cpuBefore.database : NaN,
      benchClient: Math.round((clientCpu.user + clientCpu.system) / 1000),
    };
    const accepted = outcomes.filter((o) => o.status === 200).length;
    const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const statuses = Object.fromEntries([...new Set(outcomes.map((o) => o.status))].map((s) => [s, outcomes.filter((o) => o.status === s).length]));
    const { rows: counted } = await getPool().query<{ n: number }>(`select count(*)::int as n from ballot_participation where ballot_id = $1`, [ballotId]);
    const figures = {
      accepted,
      counted: counted[0]!.n,
      statuses,
      burstMs: Math.round(burstMs),
      acceptedPerSecond: Math.round(accepted / (burstMs / 1000)),
      latencyMs: {
        p50: Math.round(percentile(latencies, 50)),
        p95: Math.round(percentile(latencies, 95)),
        p99: Math.round(percentile(latencies, 99)),
        max: Math.round(latencies.at(-1) ?? NaN),
      },
      cpuMs: cpu,
    };
    log(
      `${accepted}/${VOTERS} accepted in ${figures.burstMs} ms (statuses ${JSON.stringify(statuses)}); ${figures.counted} counted; ` +
        `p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms; CPU: server ${cpu.server} ms, database ${cpu.database} ms, this client ${cpu.benchClient} ms`,
    );
    return { ballotId, figures };
  }

  // The meeting's first vote meets a server whose vote path has not run yet (its code is
  // compiled as it goes, in the server and in this client alike); it is reported on its own.
  // The measured burst is the next decision, as in a real meeting, where the tablets have voted
  // before.
  const first = await burst(firstItemId);
  await asChair((ctx) => closeBallot(ctx, first.ballotId));
  const { ballotId, figures } = await burst(itemId);

  // ── close, and the result on every live client ───────────────────────────────────────────────
  await sleep(500);
  closedMarker = `"ballot":{"id":"${ballotId}","kind":"named","status":"closed"`;
  const closeStart = performance.now();
  await asChair((ctx) => closeBallot(ctx, ballotId));
  const closeCommitMs = performance.now() - closeStart;
  await new Promise<void>((resolve) => {
    const check = () => {
      if (resultAt.filter((t) => t !== undefined).length >= LIVE) {
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      }
    };
    const timer = setTimeout(() => (waiters.delete(check), resolve()), DELIVERY_TIMEOUT_MS);
    waiters.add(check);
    check();
  });
  const toResult = resultAt.flatMap((t) => (t === undefined ? [] : [t - closeStart])).sort((a, b) => a - b);

  const result = {
    when: new Date().toISOString(),
    voters: VOTERS,
    liveClients: LIVE,
    cpus: os.cpus().length,
    node: process.version,
    ...figures,
    closeToResultMs: {
      commit: Math.round(closeCommitMs),
      first: Math.round(toResult[0] ?? NaN),
      p50: Math.round(percentile(toResult, 50)),
      p95: Math.round(percentile(toResult, 95)),
      all: Math.round(toResult.at(-1) ?? NaN),
      missing: LIVE - toResult.length,
    },
    firstVoteOfTheMeeting: first.figures,
    measuredFrom:
      'latency: from sending each request to its full response (all sent at once, 256 connections opened for the burst); ' +
      'result: from the start of the close transaction to receipt on each SSE client; the measured burst is the second decision of the meeting',
  };
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'vote.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(
    `${result.accepted} votes accepted in ${result.burstMs} ms (${result.acceptedPerSecond} votes/s); latency p50 ${result.latencyMs.p50} ms, ` +
      `p95 ${result.latencyMs.p95} ms, max ${result.latencyMs.max} ms; close → result on all ${LIVE} live clients ${result.closeToResultMs.all} ms ` +
      `(p50 ${result.closeToResultMs.p50} ms); first vote of the meeting: ${first.figures.burstMs} ms, p95 ${first.figures.latencyMs.p95} ms → bench/results/vote.json`,
  );
  const target = result.accepted === VOTERS && result.counted === VOTERS && result.burstMs < 2000 && result.latencyMs.p95 < 300;
  log(target ? 'target met (1,000 accepted in under 2 s, p95 < 300 ms)' : 'TARGET MISSED (1,000 accepted in under 2 s, p95 < 300 ms)');
  process.exitCode = target ? 0 : 1;
} finally {
  await stack.cleanup();
}
