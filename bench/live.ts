// `npm run bench:live [-- --participants 1000 --advances 20]`
//
// N simulated participants hold Server-Sent Events connections to one meeting of a real
// production web server (lib/cli/serve.ts over the build in .next: run `npm run build` first; it is built
// here when .next/BUILD_ID is missing) backed by its own embedded PostgreSQL in a temporary
// folder. The chair advances the agenda `advances` times (the room's own command, in a
// transaction, which announces the change over LISTEN/NOTIFY); for each advance the time from the
// start of the chair's transaction to each client receiving the new current item is measured.
// Prints p50/p95/max and the server's memory, and writes bench/results/live.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { ensureBuild, logger, mb, option, percentile, root, rssKb, sleep, startBenchStack } from './harness';
import { recordAudit } from '@/lib/audit/record';
import { getDb, getPool } from '@/lib/db/client';
import { moveAgenda } from '@/lib/meetings/room';
import { insertOrganization } from '@/lib/organizations/tree';

const PARTICIPANTS = option('participants', 1000);
const ADVANCES = option('advances', 20);
const DELIVERY_TIMEOUT_MS = 15_000;
const log = logger('bench:live');


ensureBuild(log, { always: false });
const stack = await startBenchStack('live', log);
const { authSecret, sockets } = stack;

try {
  // ── a meeting with N invitees, each with a live session ─────────────────────────────────────
  const pool = getPool();
  const setup = await pool.connect();
  let meetingId: string;
  let items: string[];
  let chairId: string;
  let chairOrganization: { id: string; path: string };
  const sessionIds: { userId: string; sessionId: string }[] = [];
  try {
    await setup.query('begin');
    chairOrganization = await getDb().transaction((tx) =>
      insertOrganization(tx, { parentId: null, kind: 'grassroots_committee', name: 'Đảng bộ thử tải', code: 'TT', currentTerm: '2025–2030' }),
    );
    const orgId = chairOrganization.id;
    const { rows: bodyRows } = await setup.query<{ id: string }>(
      `insert into bodies (organization_id, kind, name) values ($1, 'executive_committee', 'Ban Chấp hành thử tải') returning id`,
      [orgId],
    );
    const bodyId = bodyRows[0]!.id;
    const { rows: hash } = await setup.query<{ h: string }>(`select password_hash as h from users where email = 'member@quorum.local'`);
    const { rows: people } = await setup.query<{ id: string }>(
      `insert into users (email, name, password_hash)
       select 'dai-bieu-' || g || '@bench.local', 'Đại biểu ' || g, $1 from generate_series(1, $2::int) g
       returning id`,
      [hash[0]!.h, PARTICIPANTS],
    );
    const ids = people.map((p) => p.id);
    await setup.query(`insert into memberships (user_id, organization_id, role) select unnest($1::uuid[]), $2, 'member'`, [ids, orgId]);
    await setup.query(`insert into body_seats (body_id, user_id, title) select $1, unnest($2::uuid[]), 'Ủy viên'`, [bodyId, ids]);
    const start = new Date(Date.now() - 600_000);
    const { rows: meetingRows } = await setup.query<{ id: string }>(
      `insert into meetings (organization_id, body_id, kind, title, starts_at, ends_at, chair_id, status, started_at)
       values ($1, $2, 'extraordinary', 'Hội nghị thử tải phòng họp', $3, $4, $5, 'in_progress', now()) returning id`,
      [orgId, bodyId, start, new Date(start.getTime() + 4 * 3_600_000), ids[0]],
    );
    meetingId = meetingRows[0]!.id;
    const { rows: itemRows } = await setup.query<{ id: string }>(
      `insert into agenda_items (meeting_id, position, title, kind)
       select $1, g, 'Nội dung số ' || g, 'discussion' from generate_series(1, $2::int) g returning id, position`,
      [meetingId, ADVANCES],
    );
    items = itemRows.map((r) => r.id);
    await setup.query(`insert into invitations (meeting_id, user_id, response) select $1, unnest($2::uuid[]), 'attending'`, [meetingId, ids]);
    // Half the members checked in, so the snapshot carries a realistic quorum.
    await setup.query(
      `insert into attendance (meeting_id, user_id, status, checked_in_at) select $1, unnest($2::uuid[]), 'present', now()`,
      [meetingId, ids.slice(0, Math.ceil(PARTICIPANTS / 2))],
    );
    const { rows: sessionRows } = await setup.query<{ id: string; user_id: string }>(
      `insert into sessions (user_id, expires_at) select unnest($1::uuid[]), now() + interval '12 hours' returning id, user_id`,
      [ids],
    );
    for (const row of sessionRows) sessionIds.push({ userId: row.user_id, sessionId: row.id });
    chairId = ids[0]!;
    await setup.query('commit');
  } catch (error) {
    await setup.query('rollback');
    throw error;
  } finally {
    setup.release();
  }
  const cookies = await Promise.all(
    sessionIds.map(async ({ userId, sessionId }) => `quorum.session=${await encode({ token: { sub: userId, sid: sessionId }, secret: authSecret })}`),
  );
  log(`meeting with ${PARTICIPANTS} invitees and ${ADVANCES} agenda items created`);

  // ── the production server ─────────────────────────────────────────────────────────────────
  const { baseUrl, pid: serverPid } = await stack.startServer();
  const idle = rssKb(serverPid);
  log(`web server ready on ${baseUrl} (pid ${serverPid}, RSS ${mb(idle.rss)} MB)`);

  // ── N SSE connections (one socket each; no pooling limits) ───────────────────────────────────
  type Client = { received: Map<string, number>; ready: boolean };
  const clients: Client[] = [];
  const waiters = new Set<() => void>();
  /** How many clients have received each item. */
  const deliveredCount = new Map<string, number>();
  const notify = () => waiters.forEach((w) => w());
  const CURRENT = '"current":{"id":"';

  function connect(cookie: string): Promise<void> {
    const client: Client = { received: new Map(), ready: false };
    clients.push(client);
    return new Promise((resolve, reject) => {
      const req = http.get(
        `${baseUrl}/api/meetings/${meetingId}/events`,
        { agent: false, headers: { cookie, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`SSE answered ${res.statusCode}`));
            res.resume();
            return;
          }
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            const at = performance.now();
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (!block.startsWith('event: state')) continue;
              // Only the current item matters here: read it without parsing the whole snapshot.
              const i = block.indexOf(CURRENT);
              const item = i >= 0 ? block.slice(i + CURRENT.length, i + CURRENT.length + 36) : 'none';
              if (!client.received.has(item)) {
                client.received.set(item, at);
                deliveredCount.set(item, (deliveredCount.get(item) ?? 0) + 1);
              }
              if (!client.ready) {
                client.ready = true;
                resolve();
              }
              notify();
            }
          });
          res.on('error', () => undefined);
        },
      );
      req.on('error', reject);
      sockets.push(req);
    });
  }

  const openedAt = performance.now();
  const BATCH = 100;
  for (let i = 0; i < cookies.length; i += BATCH) await Promise.all(cookies.slice(i, i + BATCH).map(connect));
  const connectSeconds = (performance.now() - openedAt) / 1000;
  await sleep(1_000);
  const connected = rssKb(serverPid);
  log(`${clients.length} SSE connections open in ${connectSeconds.toFixed(1)} s (server RSS ${mb(connected.rss)} MB)`);

  // ── the chair advances the agenda ───────────────────────────────────────────────────────────
  // The chair as the room's command sees a viewer (lib/auth/viewer.ts is request-bound: Next's headers).
  const chair = {
    id: chairId,
    name: 'Đại biểu 1',
    isAdmin: false,
    memberships: [{ organizationId: chairOrganization.id, organizationPath: chairOrganization.path, role: 'member' as const }],
  };
  const meta = { ip: '127.0.0.1', userAgent: 'bench:live' };
  const all: number[] = [];
  const perAdvance: { item: number; commitMs: number; first: number; p50: number; p95: number; max: number; missing: number }[] = [];

  for (let n = 0; n < ADVANCES; n++) {
    const item = items[n]!;
    const started = performance.now();
    await getDb().transaction((tx) =>
      moveAgenda({ tx, viewer: chair, audit: (entry) => recordAudit(tx, { id: chair.id, name: chair.name }, meta, entry) }, meetingId, 'next'),
    );
    const commitMs = Math.round(performance.now() - started);
    await new Promise<void>((resolve) => {
      const check = () => {
        if ((deliveredCount.get(item) ?? 0) >= clients.length) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve();
      }, DELIVERY_TIMEOUT_MS);
      waiters.add(check);
      check();
    });
    const latencies = clients.flatMap((c) => (c.received.has(item) ? [c.received.get(item)! - started] : [])).sort((a, b) => a - b);
    all.push(...latencies);
    const row = {
      item: n + 1,
      commitMs,
      first: Math.round(latencies[0] ?? NaN),
      p50: Math.round(percentile(latencies, 50)),
      p95: Math.round(percentile(latencies, 95)),
      max: Math.round(latencies.at(-1) ?? NaN),
      missing: clients.length - latencies.length,
    };
    perAdvance.push(row);
    log(`advance ${String(row.item).padStart(2)}: commit ${row.commitMs} ms, first ${row.first} ms, p50 ${row.p50} ms, p95 ${row.p95} ms, max ${row.max} ms${row.missing ? `, ${row.missing} not delivered` : ''}`);
    await sleep(250);
  }

  const after = rssKb(serverPid);
  all.sort((a, b) => a - b);
  const result = {
    when: new Date().toISOString(),
    participants: PARTICIPANTS,
    advances: ADVANCES,
    cpus: os.cpus().length,
    node: process.version,
    connectSeconds: Math.round(connectSeconds * 10) / 10,
    latencyMs: {
      p50: Math.round(percentile(all, 50)),
      p95: Math.round(percentile(all, 95)),
      p99: Math.round(percentile(all, 99)),
      max: Math.round(all.at(-1) ?? NaN),
    },
    deliveries: all.length,
    missing: PARTICIPANTS * ADVANCES - all.length,
    serverRssMb: { idle: mb(idle.rss), connected: mb(connected.rss), after: mb(after.rss), peak: mb(after.hwm) },
    perAdvance,
    measuredFrom: "start of the chair's transaction (commit + NOTIFY + rebuild + write + client receipt)",
  };
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'live.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(
    `${PARTICIPANTS} participants × ${ADVANCES} advances: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, ` +
      `max ${result.latencyMs.max} ms; missing ${result.missing}; server RSS ${result.serverRssMb.after} MB ` +
      `(idle ${result.serverRssMb.idle} MB, peak ${result.serverRssMb.peak} MB) → bench/results/live.json`,
  );
  const target = result.latencyMs.p95 < 500 && result.missing === 0;
  log(target ? 'target met (p95 < 500 ms, nothing missed)' : 'TARGET MISSED (p95 < 500 ms, nothing missed)');
  process.exitCode = target ? 0 : 1;
} finally {
  await stack.cleanup();
}
