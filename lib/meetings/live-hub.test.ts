import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from './access';
import { type LiveBuild, type ViewerRole, viewerRole } from './live';
import { LiveHub } from './live-hub';
import { liveEventResponse } from './live-stream';
import { checkIn, moveAgenda } from './room';
import { asRoomViewer, liveMeeting, viewerFor } from './room-fixtures';

const hubs: LiveHub[] = [];
function newHub(options: { coalesceMs?: number } = {}) {
  const hub = new LiveHub({ url: process.env.DATABASE_URL!, coalesceMs: options.coalesceMs ?? 20 });
  hubs.push(hub);
  return hub;
}
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});

/** A subscriber that records what it receives and lets a test wait for a matching build. */
function recorder(role: ViewerRole) {
  const builds: LiveBuild[] = [];
  const waiters: { test: (b: LiveBuild) => boolean; resolve: (b: LiveBuild) => void }[] = [];
  return {
    builds,
    subscriber: {
      role,
      deliver(build: LiveBuild) {
        builds.push(build);
        for (const waiter of [...waiters]) {
          if (waiter.test(build)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(build);
          }
        }
      },
      heartbeat() {},
    },
    next(test: (b: LiveBuild) => boolean = () => true, ms = 3_000) {
      const found = builds.find(test);
      if (found) return Promise.resolve(found);
      return new Promise<LiveBuild>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching state received')), ms);
        waiters.push({ test, resolve: (b) => (clearTimeout(timer), resolve(b)) });
      });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function roleOf(email: string, meetingId: string) {
  const viewer = await viewerFor(email);
  return { viewer, role: viewerRole(viewer.id, (await meetingAccess(getDb(), viewer, meetingId))!) };
}

describe('live fan-out over LISTEN/NOTIFY', () => {
  it('sends the state on subscribing, then after each committed change; a rolled-back change sends nothing', async () => {
    const live = await liveMeeting({ cell: 'Chi bộ thôn Hồng Sơn' });
    const { viewer: chair } = await roleOf(live.chairEmail, live.meetingId);
    const { role } = await roleOf(live.seats.find((s) => s.email !== live.chairEmail)!.email, live.meetingId);
    const hub = newHub();
    const client = recorder(role);
    const unsubscribe = hub.subscribe(live.meetingId, client.subscriber);

    const first = await client.next();
    expect(first.state.current).toBeNull();
    expect(hub.listening).toBe(true);

    const committedAt = Date.now();
    await asRoomViewer(chair, (ctx) => moveAgenda(ctx, live.meetingId, 'next'));
    const moved = await client.next((b) => b.state.current?.id === live.items[0]);
    expect(Date.now() - committedAt).toBeLessThan(1_000);
    expect(moved.state.current?.title).toBe('Báo cáo kết quả tháng');

    const received = client.builds.length;
    await expect(
      asRoomViewer(chair, async (ctx) => {
        await moveAgenda(ctx, live.meetingId, 'next');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await sleep(300);
    expect(client.builds.length).toBe(received);

    unsubscribe();
    expect(hub.snapshotStats()).toMatchObject({ meetings: 0, subscribers: 0 });
  });

  it('builds once per change and audience for many subscribers, and coalesces bursts', async () => {
    const live = await liveMeeting({ cell: 'Chi bộ thôn Ninh Tào', guestCell: 'Chi bộ thôn Hồng Sơn' });
    const members = live.seats.filter((s) => s.status === 'active' && s.email !== live.chairEmail).slice(0, 8);
    const roles = await Promise.all(members.map((s) => roleOf(s.email, live.meetingId)));
    const { viewer: chair, role: chairRole } = await roleOf(live.chairEmail, live.meetingId);
    const hub = newHub({ coalesceMs: 100 });
    const clients = [...Array.from({ length: 200 }, (_, i) => recorder(roles[i % roles.length]!.role)), recorder(chairRole)];
    const stops = clients.map((c) => hub.subscribe(live.meetingId, c.subscriber));
    await Promise.all(clients.map((c) => c.next()));
    // Subscribers arriving together share the initial builds (one per audience kind).
    expect(hub.stats.builds).toBeLessThanOrEqual(4);

    const before = hub.stats.builds;
    await asRoomViewer(chair, (ctx) => moveAgenda(ctx, live.meetingId, 'next'));
    await Promise.all(clients.map((c) => c.next((b) => b.state.current?.id === live.items[0])));
    expect(hub.stats.builds - before).toBe(2); // member and staff audiences

    // Eight check-ins in quick succession: far fewer rebuilds than changes, and the last state is complete.
    const burst = hub.stats.builds;
    await Promise.all(roles.map(({ viewer }) => asRoomViewer(viewer, (ctx) => checkIn(ctx, live.meetingId, 'present'))));
    const finalState = await Promise.all(clients.map((c) => c.next((b) => b.state.attendance.present === roles.length)));
    expect(finalState).toHaveLength(clients.length);
    expect(hub.stats.builds - burst).toBeLessThan(roles.length * 2);
    // Each member sees their own check-in in their own part.
    const { meFrom } = await import('./live');
    expect(meFrom(finalState[0]!, roles[0]!.role).attendance).toBe('present');
    expect(meFrom(finalState[0]!, chairRole).attendance).toBeNull();
    stops.forEach((stop) => stop());
  });

  it('reconnects when the listening connection drops, and catches up with what changed meanwhile', async () => {
    const live = await liveMeeting({ cell: 'Chi bộ Trường THCS Thanh Sơn', guestCell: 'Chi bộ thôn Hồng Sơn' });
    const { viewer: chair, role } = await roleOf(live.chairEmail, live.meetingId);
    const hub = newHub();
    const client = recorder(role);
    const stop = hub.subscribe(live.meetingId, client.subscriber);
    await client.next();

    const killed = await getDb().execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'quorum-live' and datname = current_database()`,
    );
    expect(killed.rows).toHaveLength(1);
    await asRoomViewer(chair, (ctx) => moveAgenda(ctx, live.meetingId, 'next')); // possibly while nobody listens
    await client.next((b) => b.state.current?.id === live.items[0], 5_000);
    await asRoomViewer(chair, (ctx) => moveAgenda(ctx, live.meetingId, 'next'));
    await client.next((b) => b.state.current?.id === live.items[1], 5_000);
    expect(hub.listening).toBe(true);
    stop();
  });
});

describe('the SSE stream', () => {
  it('starts with the full state, writes each change as an event, and unsubscribes on abort', async () => {
    const live = await liveMeeting({ cell: 'Chi bộ thôn Đồng Tâm', guestCell: 'Chi bộ thôn Hồng Sơn' });
    const { viewer: member, role } = await roleOf('member@quorum.local', live.meetingId);
    const { viewer: runner } = await roleOf(live.chairEmail, live.meetingId);
    const hub = newHub();
    const abort = new AbortController();
    const response = liveEventResponse(new Request('http://localhost/x', { signal: abort.signal }), live.meetingId, role, { hub });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toContain('no-transform');

    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const events = async (count: number) => {
      while ((text.match(/\n\n/g) ?? []).length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      return text
        .split('\n\n')
        .filter((block) => block.startsWith('event: state'))
        .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { me: { userId: string }; state: { current: { id: string } | null } });
    };
    const [initial] = await events(2); // the retry line, then the state
    expect(initial).toMatchObject({ me: { userId: member.id, attendance: null }, state: { meetingId: live.meetingId, current: null } });

    await asRoomViewer(runner, (ctx) => moveAgenda(ctx, live.meetingId, 'next'));
    const [, changed] = await events(3);
    expect(changed!.state.current?.id).toBe(live.items[0]);

    expect(hub.snapshotStats().subscribers).toBe(1);
    abort.abort();
    expect(hub.snapshotStats().subscribers).toBe(0);
    expect((await reader.read()).done).toBe(true);
  });
});
